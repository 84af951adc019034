import path from "node:path";
import { ConfigError } from "../../config.ts";
import { timerMs } from "../../numbers.ts";
import { bestModel, catalogEntry, findModel, modelsDir } from "../models/store.ts";
import type { SpeechToText } from "../types.ts";
import { GeminiStt } from "./gemini.ts";
import { OpenAiStt } from "./openai.ts";
import { isPocketsphinxInstalled, PocketsphinxStt } from "./pocketsphinx.ts";
import { WhisperStt } from "./whisper.ts";

export { GeminiStt } from "./gemini.ts";
export { OpenAiStt } from "./openai.ts";
export { isPocketsphinxInstalled, PocketsphinxStt } from "./pocketsphinx.ts";
export type { NonLexicalSound, SttTranscript } from "./transcript.ts";
export { WhisperModelError, WhisperStt } from "./whisper.ts";

export type SttConfig =
  | { provider: "none" }
  | { provider: "pocketsphinx" }
  | { provider: "whisper"; modelPath: string; modelName: string }
  | { provider: "openai"; apiKey: string; baseUrl: string | undefined; model: string }
  | { provider: "gemini"; apiKey: string; baseUrl: string | undefined; model: string };

export const POCKETSPHINX_INSTALL_HINT =
  "STT_PROVIDER defaults to none: PocketSphinx is not installed. Install it with `apt-get install pocketsphinx pocketsphinx-en-us` (scripts/setup.sh does this) or set STT_PROVIDER=openai|gemini.";

/**
 * What an unset STT_PROVIDER means on this machine: whisper when a model is in DATA_DIR/models (given
 * `dataDir`), else PocketSphinx when it is installed, else none.
 */
export function defaultSttProvider(dataDir?: string): "whisper" | "pocketsphinx" | "none" {
  if (dataDir !== undefined && bestModel(dataDir)) return "whisper";
  return isPocketsphinxInstalled() ? "pocketsphinx" : "none";
}

/**
 * The whisper model to load: WHISPER_MODEL as a catalog name in DATA_DIR/models or a path to a .bin file,
 * else the largest one present. A name that is not there still gives its path, so the first recording
 * fails with a clear WhisperModelError (and PocketSphinx takes it) instead of the server refusing to start.
 */
export function whisperModel(
  dataDir: string,
  wanted: string | undefined,
): { modelPath: string; modelName: string } {
  if (wanted?.endsWith(".bin"))
    return {
      modelPath: path.resolve(wanted),
      modelName: path.basename(wanted, ".bin").replace(/^ggml-/, ""),
    };
  if (wanted) {
    const file = catalogEntry(wanted)?.file ?? `ggml-${wanted}.bin`;
    return {
      modelPath: findModel(dataDir, wanted) ?? path.join(modelsDir(dataDir), file),
      modelName: wanted,
    };
  }
  const best = bestModel(dataDir);
  return best
    ? { modelPath: best.path, modelName: best.name }
    : { modelPath: path.join(modelsDir(dataDir), "ggml-base.en.bin"), modelName: "base.en" };
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
    case "whisper":
      return new WhisperStt({ modelPath: config.modelPath, modelName: config.modelName });
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
