/**
 * Pace: words per minute over the time the candidate was speaking, from the first word's start to the
 * last word's end, so the silence before they began and after they stopped does not slow the figure down.
 * Without word timings, the same span comes from the signal (first to last speech frame).
 */

import { round2 } from "../../numbers.ts";
import type { SpeechSegment } from "../silence.ts";
import { isNonLexicalFiller } from "./context.ts";
import type { Pause } from "./pauses.ts";
import type { TokenizedTranscript } from "./tokens.ts";

/** Below this much speech a rate is noise: one word in 0.4 s is not "150 words per minute". */
const MIN_SPAN_SECONDS = 1;

export interface PaceReport {
  /** null when there is no measurable speech. */
  wpm: number | null;
  /** Words counted: every recognized word except "um", "uh" and the like, which are not words. */
  words: number;
  /** First word start → last word end, seconds. */
  speakingSeconds: number;
  /** Words per minute with the pauses taken out: how fast the words themselves came. */
  articulationWpm: number | null;
  source: "words" | "energy" | "none";
}

export function countWords(t: TokenizedTranscript): number {
  return t.tokens.filter((w) => !isNonLexicalFiller(w.norm)).length;
}

function span(t: TokenizedTranscript, segments: readonly SpeechSegment[] | null) {
  const first = t.tokens[0]?.start;
  const last = t.tokens.at(-1)?.end;
  if (t.timed && first != null && last != null && last - first > 0) {
    return { seconds: last - first, source: "words" as const };
  }
  const a = segments?.[0];
  const b = segments?.at(-1);
  if (a && b) return { seconds: b.end - a.start, source: "energy" as const };
  return { seconds: 0, source: "none" as const };
}

export function measurePace(
  t: TokenizedTranscript,
  segments: readonly SpeechSegment[] | null,
  pauses: readonly Pause[],
): PaceReport {
  const words = countWords(t);
  const { seconds, source } = span(t, segments);
  if (words === 0 || seconds < MIN_SPAN_SECONDS) {
    return { wpm: null, words, speakingSeconds: round2(seconds), articulationWpm: null, source };
  }
  const paused = pauses.reduce((sum, p) => sum + p.duration, 0);
  const voiced = seconds - paused;
  return {
    wpm: round2((words / seconds) * 60),
    words,
    speakingSeconds: round2(seconds),
    articulationWpm: voiced > 0 ? round2((words / voiced) * 60) : null,
    source,
  };
}
