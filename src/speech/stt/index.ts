import { ConfigError } from "../../config.ts";
import { timerMs } from "../../numbers.ts";
import type { SpeechToText } from "../types.ts";
import { GeminiStt } from "./gemini.ts";
import { OpenAiStt } from "./openai.ts";
import { isPocketsphinxInstalled, PocketsphinxStt } from "./pocketsphinx.ts";

export { GeminiStt } from "./gemini.ts";
export { OpenAiStt } from "./openai.ts";
export { isPocketsphinxInstalled, PocketsphinxStt } from "./pocketsphinx.ts";
export type { NonLexicalSound, SttTranscript } from "./transcript.ts";

export type SttConfig =
  | { provider: "none" }
  | { provider: "pocketsphinx" }
  | { provider: "openai"; apiKey: string; baseUrl: string | undefined; model: string }
  | { provider: "gemini"; apiKey: string; baseUrl: string | undefined; model: string };

export const POCKETSPHINX_INSTALL_HINT =
  "STT_PROVIDER defaults to none: PocketSphinx is not installed. Install it with `apt-get install pocketsphinx pocketsphinx-en-us` (scripts/setup.sh does this) or set STT_PROVIDER=openai|gemini.";

/** What an unset STT_PROVIDER means on this machine: the offline recognizer when it is installed. */
export function defaultSttProvider(): "pocketsphinx" | "none" {
  return isPocketsphinxInstalled() ? "pocketsphinx" : "none";
}

/**
 * The configured recognizer, or undefined for "none". Asking for PocketSphinx where it is not installed
 * fails at start-up rather than on the first answer.
 */
export function createSpeechToText(config: SttConfig): SpeechToText | undefined {
  switch (config.provider) {
    case "none":
      return undefined;
    case "pocketsphinx":
      if (!isPocketsphinxInstalled()) {
        throw new ConfigError(
          "Invalid configuration: STT_PROVIDER=pocketsphinx, but PocketSphinx is not installed: `apt-get install pocketsphinx pocketsphinx-en-us`.",
        );
      }
      return new PocketsphinxStt();
    case "openai":
      return new OpenAiStt({ apiKey: config.apiKey, baseUrl: config.baseUrl, model: config.model });
    case "gemini":
      return new GeminiStt({ apiKey: config.apiKey, baseUrl: config.baseUrl, model: config.model });
  }
}

/**
 * How long a recognizer may work on `seconds` of audio: three times real time, and at least a minute
 * (model load, a queue behind other answers).
 */
export function transcriptionDeadline(seconds: number): AbortSignal {
  return AbortSignal.timeout(timerMs(Math.max(60_000, seconds * 3000)));
}
