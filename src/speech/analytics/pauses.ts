/**
 * Pauses: silences of 250 ms or more between words, from the recognizer's word timings, plus silences the
 * signal shows but the timings hide inside a stretched word; from the signal alone when there are no
 * timings. Each pause is placed after a word and judged a sentence break, a clause break, or a pause in
 * the middle of a sentence (see docs/speech-confidence.md for the rule).
 */
import { type SpeechSegment, silenceGaps } from "../silence.ts";
import { CLAUSE_OPENERS, isNonLexicalFiller, PAUSE_SECONDS, SUBJECT_PRONOUNS } from "./context.ts";
import { endsSentence, hasBreakAfter, type SpokenToken, type TokenizedTranscript } from "./tokens.ts";

export const LONG_PAUSE_SECONDS = 2;

export type PauseKind = "sentence" | "clause" | "mid_sentence" | "unknown";

export interface Pause {
  start: number;
  duration: number;
  /** The word before the pause (null when the transcript has no words). */
  after: string | null;
  kind: PauseKind;
  long: boolean;
  /** words: a gap between recognized words; energy: a silence in the signal. */
  source: "words" | "energy";
}

export interface PauseReport {
  pauses: Pause[];
  /** Where the pauses came from: the word timings, the signal, or nothing usable. */
  source: "words" | "energy" | "none";
  /** Word positions were estimated (no timings): the kinds are a best guess to within a word. */
  estimated: boolean;
}

/** Words that cannot end a phrase: a pause right after them interrupts it ("the … database"). */
const NEEDS_CONTINUATION_POS = new Set(["DET", "ADP", "AUX", "CCONJ", "SCONJ", "PART"]);
/** Words that open a new clause or a new step of an answer after a pause. */
const DISCOURSE_OPENERS = new Set([
  "then",
  "now",
  "also",
  "first",
  "second",
  "third",
  "finally",
  "next",
  "anyway",
]);

function needsContinuation(token: SpokenToken): boolean {
  return NEEDS_CONTINUATION_POS.has(token.pos) || isNonLexicalFiller(token.norm) || token.norm === "to";
}

/** How the pause after tokens[k] sits in the sentence. */
function classify(tokens: readonly SpokenToken[], k: number, punctuated: boolean): PauseKind {
  const before = tokens[k];
  const after = tokens[k + 1];
  if (!before) return "unknown";
  if (!after) return "sentence";
  if (punctuated) {
    if (endsSentence(before)) return "sentence";
    if (hasBreakAfter(before)) return "clause";
    if (CLAUSE_OPENERS.has(after.norm) && !needsContinuation(before)) return "clause";
    return "mid_sentence";
  }
  // No punctuation: a pause is a boundary only when the word before can end a phrase and the word after
  // opens a new clause (a conjunction, a subject pronoun or a step word such as "then").
  const opens =
    CLAUSE_OPENERS.has(after.norm) || SUBJECT_PRONOUNS.has(after.norm) || DISCOURSE_OPENERS.has(after.norm);
  return opens && !needsContinuation(before) ? "clause" : "mid_sentence";
}

function overlap(a: SpeechSegment, start: number, end: number): number {
  return Math.max(0, Math.min(a.end, end) - Math.max(a.start, start));
}

function makePause(
  start: number,
  end: number,
  after: SpokenToken | undefined,
  kind: PauseKind,
  source: Pause["source"],
) {
  const duration = Math.round((end - start) * 1000) / 1000;
  return {
    start: Math.round(start * 1000) / 1000,
    duration,
    after: after?.text ?? null,
    kind,
    long: duration >= LONG_PAUSE_SECONDS - 1e-9,
    source,
  };
}

function fromTimings(t: TokenizedTranscript, segments: readonly SpeechSegment[] | null): Pause[] {
  const tokens = t.tokens;
  const pauses: Pause[] = [];
  const wordGaps: { start: number; end: number }[] = [];
  for (let k = 0; k + 1 < tokens.length; k++) {
    const end = tokens[k]?.end ?? 0;
    const start = tokens[k + 1]?.start ?? 0;
    wordGaps.push({ start: end, end: start });
    if (start - end >= PAUSE_SECONDS - 1e-9) {
      pauses.push(makePause(end, start, tokens[k], classify(tokens, k, t.punctuated), "words"));
    }
  }
  if (!segments) return pauses;
  const first = tokens[0]?.start ?? 0;
  const last = tokens.at(-1)?.end ?? 0;
  // Recognizers often stretch a word over the silence after it; the signal still shows that silence.
  for (const gap of silenceGaps(segments, PAUSE_SECONDS)) {
    if (gap.start < first || gap.end > last) continue;
    const covered = wordGaps.reduce((sum, w) => sum + overlap(gap, w.start, w.end), 0);
    if (covered >= 0.5 * (gap.end - gap.start)) continue;
    let k = 0;
    while (k + 1 < tokens.length && (tokens[k + 1]?.start ?? 0) <= gap.start) k += 1;
    pauses.push(makePause(gap.start, gap.end, tokens[k], classify(tokens, k, t.punctuated), "energy"));
  }
  return pauses.sort((a, b) => a.start - b.start);
}

/**
 * Without timings, words are spread over the speech in proportion to their length, and each silence is
 * placed after the word that ends nearest to it; the sentence or clause break is looked for within one
 * word either side, as the estimate is that rough.
 */
function fromSignal(t: TokenizedTranscript, segments: readonly SpeechSegment[]): Pause[] {
  const gaps = silenceGaps(segments, PAUSE_SECONDS);
  const tokens = t.tokens;
  const weights = tokens.map((w) => w.norm.length + 1);
  const total = weights.reduce((a, b) => a + b, 0);
  const speechTotal = segments.reduce((sum, s) => sum + (s.end - s.start), 0);
  const cumulative: number[] = [];
  weights.reduce((acc, w) => {
    cumulative.push(acc + w);
    return acc + w;
  }, 0);
  let spoken = 0;
  let segment = 0;
  return gaps.map((gap) => {
    while (segment < segments.length && (segments[segment]?.end ?? 0) <= gap.start) {
      spoken += (segments[segment]?.end ?? 0) - (segments[segment]?.start ?? 0);
      segment += 1;
    }
    if (tokens.length === 0 || total === 0)
      return makePause(gap.start, gap.end, undefined, "unknown", "energy");
    const target = (spoken / speechTotal) * total;
    let k = 0;
    for (let j = 0; j < cumulative.length; j++) {
      if (Math.abs((cumulative[j] ?? 0) - target) < Math.abs((cumulative[k] ?? 0) - target)) k = j;
    }
    const kinds = [k - 1, k, k + 1]
      .filter((j) => j >= 0 && j + 1 < tokens.length)
      .map((j) => classify(tokens, j, t.punctuated));
    const kind = kinds.includes("sentence")
      ? "sentence"
      : kinds.includes("clause")
        ? "clause"
        : (kinds[0] ?? "unknown");
    return makePause(gap.start, gap.end, tokens[k], kind, "energy");
  });
}

export function findPauses(t: TokenizedTranscript, segments: readonly SpeechSegment[] | null): PauseReport {
  if (t.timed && t.tokens.length >= 2)
    return { pauses: fromTimings(t, segments), source: "words", estimated: false };
  if (segments && segments.length > 0)
    return { pauses: fromSignal(t, segments), source: "energy", estimated: t.tokens.length > 0 };
  return { pauses: [], source: "none", estimated: false };
}
