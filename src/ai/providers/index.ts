import type { AiConfig } from "../../config.ts";
import type { JsonModel } from "../json-model.ts";
import type { ReviewProvider } from "../resume-review.ts";

/**
 * The configured model, or none: the built-in analyzer needs no provider. The SDKs load only when chosen,
 * so a server on the built-in analyzer does not carry them.
 */
export async function reviewProvider(
  config: AiConfig,
  timeoutMs = 30_000,
): Promise<(ReviewProvider & JsonModel) | undefined> {
  if (config.provider === "gemini") {
    const { GeminiProvider } = await import("./gemini.ts");
    return new GeminiProvider({ ...config, timeoutMs });
  }
  if (config.provider === "openai") {
    const { OpenAiProvider } = await import("./openai.ts");
    return new OpenAiProvider({ ...config, timeoutMs });
  }
  return undefined;
}
