import type { AiConfig } from "../../config.ts";
import type { ReviewProvider } from "../resume-review.ts";
import { GeminiProvider } from "./gemini.ts";
import { OpenAiProvider } from "./openai.ts";

/** The configured model, or none: the built-in analyzer needs no provider. */
export function reviewProvider(config: AiConfig, timeoutMs = 30_000): ReviewProvider | undefined {
  if (config.provider === "gemini") return new GeminiProvider({ ...config, timeoutMs });
  if (config.provider === "openai") return new OpenAiProvider({ ...config, timeoutMs });
  return undefined;
}
