import type { SttSetting } from "../config.ts";
import { AudioError, decodeAudio } from "../speech/decode.ts";
import {
  createSpeechToText,
  defaultSttProvider,
  POCKETSPHINX_INSTALL_HINT,
  type SttConfig,
  transcriptionDeadline,
  WhisperModelError,
  whisperModel,
} from "../speech/stt/index.ts";

// `rehearse transcribe FILE`: decode any accepted audio file to 16 kHz mono and print what the configured
// (or chosen) speech-to-text heard. No database needed.

export const TRANSCRIBE_USAGE =
  "usage: rehearse transcribe FILE [--provider whisper|pocketsphinx|openai|gemini] [--base-url URL] [--model NAME] [--json]";

/** Bad arguments or an unreadable file: the user's to fix, so main prints it without a stack trace. */
export class TranscribeUsageError extends Error {
  override name = "TranscribeUsageError";
}

const PROVIDERS = ["whisper", "pocketsphinx", "openai", "gemini"] as const;
type Provider = (typeof PROVIDERS)[number];
/** Longer than any interview answer; a guard against feeding it a podcast. */
const MAX_SECONDS = 3600;

// ffprobe's container names (decode.ts's AudioProbe.format) as the MIME types providers are told.
const MIME_BY_FORMAT: Record<string, string> = {
  wav: "audio/wav",
  mp3: "audio/mpeg",
  m4a: "audio/mp4",
  webm: "audio/webm",
  ogg: "audio/ogg",
  flac: "audio/flac",
  aac: "audio/aac",
};

interface Parsed {
  file: string;
  provider: Provider | undefined;
  baseUrl: string | undefined;
  model: string | undefined;
  json: boolean;
}

function parseArgs(args: string[]): Parsed {
  const parsed: Parsed = { file: "", provider: undefined, baseUrl: undefined, model: undefined, json: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const value = () => {
      const next = args[++i];
      if (next === undefined || next.startsWith("--")) throw new TranscribeUsageError(`${arg} needs a value`);
      return next;
    };
    if (arg === "--json") parsed.json = true;
    else if (arg === "--provider") {
      const provider = value();
      if (!PROVIDERS.includes(provider as Provider))
        throw new TranscribeUsageError(`--provider must be one of ${PROVIDERS.join(", ")}`);
      parsed.provider = provider as Provider;
    } else if (arg === "--base-url") parsed.baseUrl = value();
    else if (arg === "--model") parsed.model = value();
    else if (arg.startsWith("--"))
      throw new TranscribeUsageError(`unknown option ${arg}\n${TRANSCRIBE_USAGE}`);
    else if (parsed.file) throw new TranscribeUsageError(`one file at a time\n${TRANSCRIBE_USAGE}`);
    else parsed.file = arg;
  }
  if (!parsed.file) throw new TranscribeUsageError(TRANSCRIBE_USAGE);
  return parsed;
}

/**
 * The recognizer: the configured one (config.stt) unless --provider names another, in which case that
 * provider's keys come from the environment as config.ts would read them; --base-url and --model win.
 */
export function resolveProvider(
  parsed: Pick<Parsed, "provider" | "baseUrl" | "model">,
  setting: SttSetting,
  processEnv: NodeJS.ProcessEnv,
  models: { dataDir: string; whisperModel: string | undefined } = {
    dataDir: "./data",
    whisperModel: undefined,
  },
): SttConfig {
  // As loadConfig does: a variable set to "" is not set.
  const env = Object.fromEntries(Object.entries(processEnv).filter(([, v]) => v !== undefined && v !== ""));
  const configured = setting.provider === "auto" ? defaultSttProvider(models.dataDir) : setting.provider;
  const provider = parsed.provider ?? configured;
  if (provider === "none") {
    throw new TranscribeUsageError(
      setting.provider === "auto"
        ? POCKETSPHINX_INSTALL_HINT
        : "STT_PROVIDER=none: choose one with --provider",
    );
  }
  if (provider === "pocketsphinx") return { provider };
  if (provider === "whisper")
    return { provider, ...whisperModel(models.dataDir, parsed.model ?? models.whisperModel) };
  const fromConfig = setting.provider === provider ? setting : undefined;
  if (provider === "openai") {
    const baseUrl = parsed.baseUrl ?? fromConfig?.baseUrl ?? env.STT_OPENAI_BASE_URL ?? env.OPENAI_BASE_URL;
    const apiKey = fromConfig?.apiKey ?? env.STT_OPENAI_API_KEY ?? env.OPENAI_API_KEY;
    if (!apiKey && !baseUrl)
      throw new TranscribeUsageError(
        "--provider openai needs OPENAI_API_KEY, or --base-url for a local server",
      );
    const model = parsed.model ?? fromConfig?.model ?? env.STT_OPENAI_MODEL ?? "whisper-1";
    return { provider, apiKey: apiKey ?? "not-needed", baseUrl: baseUrl || undefined, model };
  }
  const apiKey = fromConfig?.apiKey ?? env.GEMINI_API_KEY;
  if (!apiKey) throw new TranscribeUsageError("--provider gemini needs GEMINI_API_KEY");
  const baseUrl = parsed.baseUrl ?? fromConfig?.baseUrl ?? env.GEMINI_BASE_URL;
  const model =
    parsed.model ?? fromConfig?.model ?? env.STT_GEMINI_MODEL ?? env.GEMINI_MODEL ?? "gemini-2.5-flash";
  return { provider, apiKey, baseUrl: baseUrl || undefined, model };
}

/** Decodes FILE, transcribes it and writes the text (or, with --json, the whole Transcript) to stdout. */
export async function runTranscribe(
  args: string[],
  stdout: NodeJS.WritableStream,
  setting: SttSetting = { provider: "auto" },
  env: NodeJS.ProcessEnv = process.env,
  models?: { dataDir: string; whisperModel: string | undefined },
): Promise<void> {
  const parsed = parseArgs(args);
  const stt = createSpeechToText(resolveProvider(parsed, setting, env, models));
  if (!stt) throw new TranscribeUsageError(TRANSCRIBE_USAGE);
  const decoded = await decodeAudio(parsed.file, { maxSeconds: MAX_SECONDS, originalMime: "" }).catch(
    (error: unknown) => {
      if (error instanceof AudioError || (error as NodeJS.ErrnoException).code === "ENOENT")
        throw new TranscribeUsageError(`${parsed.file}: ${(error as Error).message}`);
      throw error;
    },
  );
  try {
    // The MIME type from what ffprobe found in the file, not from its name.
    const audio = {
      ...decoded,
      originalMime: MIME_BY_FORMAT[decoded.probe.format] ?? "application/octet-stream",
    };
    const signal = transcriptionDeadline(audio.durationSeconds);
    const transcript = await stt.transcribe(audio, signal).catch((error: unknown) => {
      // A whisper model that is missing or damaged is the user's to fetch again, not a crash.
      if (error instanceof WhisperModelError) throw new TranscribeUsageError(error.message);
      throw error;
    });
    stdout.write(parsed.json ? `${JSON.stringify(transcript, null, 2)}\n` : `${transcript.text}\n`);
  } finally {
    await decoded.cleanup();
  }
}
