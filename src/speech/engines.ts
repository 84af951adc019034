/**
 * Which recognizers a server runs, from the configuration: the final one, PocketSphinx beside it (fallback
 * and filler evidence), and the one that captions a streamed answer live.
 */
import type { Config } from "../config.ts";
import type { Logger } from "../logger.ts";
import {
  createSpeechToText,
  defaultSttProvider,
  isPocketsphinxInstalled,
  POCKETSPHINX_INSTALL_HINT,
  type SttConfig,
  whisperModel,
} from "./stt/index.ts";
import type { SpeechToText } from "./types.ts";

export interface SpeechEngines {
  /** The recognizer of every answer's final transcript; undefined: typed transcripts only. */
  stt: SpeechToText | undefined;
  /** Tried on a recording `stt` fails on. */
  fallback: SpeechToText | undefined;
  /** Run beside `stt` for the hesitations it drops. */
  fillerEvidence: SpeechToText | undefined;
  /** Live captions of a streamed answer. */
  captions: SpeechToText | undefined;
  /** Whether the captions are the final transcript (same recognizer), or only evidence. */
  captionsAreFinal: boolean;
  /** Why there is no speech-to-text, for the user, when `stt` is undefined. */
  missing: string;
}

export function speechEngines(config: Config, log: Logger): SpeechEngines {
  const setting = config.stt;
  const provider = setting.provider === "auto" ? defaultSttProvider(config.dataDir) : setting.provider;
  if (provider === "none") {
    const missing =
      setting.provider === "auto"
        ? POCKETSPHINX_INSTALL_HINT
        : "Speech-to-text is turned off on this server (STT_PROVIDER=none).";
    if (setting.provider === "auto") log.warn(missing);
    const none = undefined;
    return {
      stt: none,
      fallback: none,
      fillerEvidence: none,
      captions: none,
      captionsAreFinal: true,
      missing,
    };
  }
  const chosen: SttConfig =
    provider === "whisper"
      ? { provider, ...whisperModel(config.dataDir, config.whisperModel) }
      : setting.provider === "auto" || setting.provider === "whisper"
        ? { provider: "pocketsphinx" }
        : setting;
  const stt = createSpeechToText(chosen);
  if (chosen.provider === "whisper")
    log.info({ model: chosen.modelName, path: chosen.modelPath }, "speech-to-text: whisper.cpp");
  // PocketSphinx beside any other recognizer: it takes a recording that recognizer fails on (unless
  // STT_FALLBACK=none), hears the "um"s and "uh"s Whisper-style recognizers leave out, and captions a
  // streamed answer live, where running whisper on every utterance as it comes would cost too much.
  const offline =
    chosen.provider !== "pocketsphinx" && isPocketsphinxInstalled()
      ? createSpeechToText({ provider: "pocketsphinx" })
      : undefined;
  const liveByOffline = chosen.provider === "whisper" && offline !== undefined;
  return {
    stt,
    fallback: config.sttFallback === "pocketsphinx" ? offline : undefined,
    fillerEvidence: offline,
    captions: liveByOffline ? offline : stt,
    captionsAreFinal: !liveByOffline,
    missing: "",
  };
}
