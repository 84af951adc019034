/**
 * Any OpenAI-compatible /v1/audio/transcriptions server (OpenAI, whisper.cpp's server, faster-whisper behind
 * speaches, Groq) through the official SDK, asking for verbose_json with word and segment timestamps.
 */
import { readFile } from "node:fs/promises";
import OpenAI, { toFile } from "openai";
import { z } from "zod";
import type { DecodedAudio, SpeechToText, TranscriptWord } from "../types.ts";
import { cleanWord, languageCode, orderedWords, probability, type SttTranscript } from "./transcript.ts";

export interface OpenAiSttOptions {
  apiKey: string;
  baseUrl: string | undefined;
  /** Default whisper-1. */
  model?: string;
  /** Per HTTP attempt; default 120 s. */
  timeoutMs?: number;
  /** The SDK's retries of 408/409/429/5xx and connection errors (it honours Retry-After); default 2. */
  maxRetries?: number;
  /** ISO 639-1; unset lets the server detect the language. */
  language?: string;
}

/**
 * Whisper is trained on transcripts that leave out "um" and "uh", and writes them only when the prompt
 * (which it treats as the preceding text) shows them; the coach counts them, so the prompt does.
 */
export const FILLER_PROMPT = "Um, uh, hmm. So, like, I mean, you know… I was, uh, thinking about it.";

// The formats /v1/audio/transcriptions accepts, by MIME type, with the extension servers detect them by.
const ACCEPTED: Record<string, string> = {
  "audio/flac": "flac",
  "audio/x-flac": "flac",
  "audio/mpeg": "mp3",
  "audio/mp3": "mp3",
  "audio/mp4": "m4a",
  "audio/m4a": "m4a",
  "audio/x-m4a": "m4a",
  "video/mp4": "mp4",
  "audio/ogg": "ogg",
  "audio/wav": "wav",
  "audio/wave": "wav",
  "audio/x-wav": "wav",
  "audio/vnd.wave": "wav",
  "audio/webm": "webm",
  "video/webm": "webm",
};

const wordSchema = z.object({
  word: z.string(),
  start: z.number(),
  end: z.number(),
  probability: z.number().nullish(),
});

const segmentSchema = z.object({
  start: z.number(),
  end: z.number(),
  text: z.string().default(""),
  avg_logprob: z.number().nullish(),
  words: z.array(wordSchema).nullish(),
});

/** verbose_json as the servers send it: OpenAI puts words at the top; faster-whisper and whisper.cpp in segments. */
const verboseSchema = z.object({
  text: z.string(),
  language: z.string().nullish(),
  duration: z.number().nullish(),
  words: z.array(wordSchema).nullish(),
  segments: z.array(segmentSchema).nullish(),
});

type Verbose = z.infer<typeof verboseSchema>;
type Segment = z.infer<typeof segmentSchema>;

/** The server's answer did not look like verbose_json. */
export class TranscriptionFormatError extends Error {
  override name = "TranscriptionFormatError";
}

export class OpenAiStt implements SpeechToText {
  readonly name = "openai";
  readonly endpoint: string;
  private readonly client: OpenAI;
  private readonly model: string;

  constructor(private readonly options: OpenAiSttOptions) {
    this.model = options.model ?? "whisper-1";
    this.client = new OpenAI({
      apiKey: options.apiKey,
      ...(options.baseUrl ? { baseURL: options.baseUrl } : {}),
      timeout: options.timeoutMs ?? 120_000,
      maxRetries: options.maxRetries ?? 2,
    });
    this.endpoint = `openai:${this.model}/audio/transcriptions`;
  }

  async transcribe(audio: DecodedAudio, signal: AbortSignal): Promise<SttTranscript> {
    const started = performance.now();
    const original = ACCEPTED[audio.originalMime.toLowerCase().split(";")[0]?.trim() ?? ""];
    // A format the API refuses (e.g. AAC in ADTS) goes as the decoded WAV instead. Read into memory so the
    // SDK can send it again on a retry; uploads are 25 MB at most.
    const [path, extension, mime] = original
      ? [audio.originalPath, original, audio.originalMime]
      : [audio.wavPath, "wav", "audio/wav"];
    const file = await toFile(await readFile(path), `answer.${extension}`, { type: mime });
    const response: unknown = await this.client.audio.transcriptions.create(
      {
        file,
        model: this.model,
        response_format: "verbose_json",
        timestamp_granularities: ["word", "segment"],
        prompt: FILLER_PROMPT,
        temperature: 0,
        ...(this.options.language ? { language: this.options.language } : {}),
      },
      { signal },
    );
    const parsed = verboseSchema.safeParse(response);
    if (!parsed.success) {
      throw new TranscriptionFormatError(
        `${this.endpoint} answered with something other than verbose_json: ${parsed.error.issues[0]?.message}`,
      );
    }
    const duration = audio.durationSeconds;
    return {
      text: parsed.data.text.trim(),
      words: orderedWords(wordsOf(parsed.data), duration),
      duration,
      language: languageCode(parsed.data.language ?? this.options.language),
      provider: `openai:${this.model}`,
      processing_ms: Math.round(performance.now() - started),
    };
  }
}

/**
 * Words from wherever the server put them. Confidence: the word's own probability (faster-whisper,
 * whisper.cpp); else the geometric-mean token probability of its segment, exp(avg_logprob); else null.
 */
export function wordsOf(response: Verbose): TranscriptWord[] {
  const segments = response.segments ?? [];
  const segmentConfidence = (start: number, end: number) => {
    const middle = (start + end) / 2;
    const segment =
      segments.find((s) => middle >= s.start && middle <= s.end) ??
      segments.find((s) => start < s.end && end > s.start);
    return segment?.avg_logprob == null ? null : probability(Math.exp(segment.avg_logprob));
  };
  const fromWords = (
    words: z.infer<typeof wordSchema>[],
    confidence: (w: { start: number; end: number }) => number | null,
  ) =>
    words.flatMap((w) => {
      const word = cleanWord(w.word);
      return word
        ? [{ word, start: w.start, end: w.end, confidence: probability(w.probability) ?? confidence(w) }]
        : [];
    });
  if (response.words?.length) return fromWords(response.words, (w) => segmentConfidence(w.start, w.end));
  if (segments.some((s) => s.words?.length)) {
    return segments.flatMap((s) =>
      fromWords(s.words ?? [], () => (s.avg_logprob == null ? null : probability(Math.exp(s.avg_logprob)))),
    );
  }
  return segments.flatMap(spreadSegment);
}

/**
 * A server that ignores timestamp_granularities gives segments only: their words share the segment's time
 * in proportion to their length, which is rough but keeps pace and pauses usable.
 */
function spreadSegment(segment: Segment): TranscriptWord[] {
  const words = segment.text.split(/\s+/).map(cleanWord).filter(Boolean);
  const letters = words.reduce((sum, w) => sum + w.length, 0);
  const confidence = segment.avg_logprob == null ? null : probability(Math.exp(segment.avg_logprob));
  let at = segment.start;
  return words.map((word) => {
    const start = at;
    at += ((segment.end - segment.start) * word.length) / letters;
    return { word, start, end: at, confidence };
  });
}
