import type { Transcript, TranscriptWord } from "../types.ts";

/** A sound the recognizer heard that is not a word (breath, cough, noise), with its time in seconds. */
export interface NonLexicalSound {
  /** The recognizer's own marker, e.g. "[NOISE]", "[SPEECH]", "++BREATH++". */
  token: string;
  start: number;
  end: number;
}

/** A Transcript plus what only some providers can tell. Extra fields pass through wherever a Transcript goes. */
export interface SttTranscript extends Transcript {
  /** Non-lexical sounds, kept out of `words` and `text` (PocketSphinx only). */
  non_lexical?: NonLexicalSound[];
}

/**
 * A word as the scorer wants it: no surrounding whitespace or punctuation ("Hello," → "Hello"), inner
 * apostrophes and hyphens kept ("don't", "well-known"). Empty when nothing word-like is left.
 */
export function cleanWord(raw: string): string {
  return raw.trim().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
}

/** A probability as 0–1, or null when the value is missing or not a number. */
export function probability(value: unknown): number | null {
  if (typeof value !== "number" || !Number.isFinite(value)) return null;
  return Math.min(1, Math.max(0, value));
}

/**
 * Words in time order, inside [0, duration], each ending no earlier than it starts and starting no earlier
 * than the previous one ended: providers (Gemini above all) sometimes return overlapping or out-of-range
 * times, and everything downstream (pauses, pace) assumes a clean timeline.
 */
export function orderedWords(words: readonly TranscriptWord[], duration: number): TranscriptWord[] {
  const limit = Number.isFinite(duration) && duration > 0 ? duration : Number.POSITIVE_INFINITY;
  const clamp = (t: number) => Math.min(limit, Math.max(0, Number.isFinite(t) ? t : 0));
  const sorted = [...words].sort((a, b) => a.start - b.start);
  let previousEnd = 0;
  return sorted.map((w) => {
    const start = Math.max(previousEnd, clamp(w.start));
    const end = Math.max(start, clamp(w.end));
    previousEnd = end;
    return { word: w.word, start: round(start), end: round(end), confidence: w.confidence };
  });
}

/** Milliseconds are plenty for word times; fewer digits keep stored transcripts small. */
function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}

// Whisper-style servers answer with a language's English name ("english"); everything else in Rehearse
// uses ISO 639-1 codes.
const LANGUAGE_CODES: Record<string, string> = {
  english: "en",
  spanish: "es",
  french: "fr",
  german: "de",
  italian: "it",
  portuguese: "pt",
  dutch: "nl",
  russian: "ru",
  polish: "pl",
  turkish: "tr",
  ukrainian: "uk",
  chinese: "zh",
  japanese: "ja",
  korean: "ko",
  hindi: "hi",
  arabic: "ar",
  swedish: "sv",
  indonesian: "id",
  vietnamese: "vi",
};

/** An ISO 639-1 code for a provider's language name or code; unknown names pass through lower-cased. */
export function languageCode(language: string | null | undefined, fallback = "en"): string {
  const value = (language ?? "").trim().toLowerCase();
  if (value === "") return fallback;
  return LANGUAGE_CODES[value] ?? value;
}
