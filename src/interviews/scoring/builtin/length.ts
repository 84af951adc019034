/** Conversational speaking rate. */
export const WORDS_PER_MINUTE = 130;
const DEFAULT_LIMIT_SECONDS = 120;

export interface LengthCheck {
  words: number;
  /** Below the first number the answer is thin; above the second it would overrun the time limit. */
  expectedRange: [number, number];
  /** Seconds the answer takes to say at 130 wpm, or as recorded. */
  seconds: number;
  verdict: "too_short" | "short" | "ok" | "long" | "rambling";
  /** 0–1 multiplier for the overall score. */
  factor: number;
}

/**
 * The upper bound is what fits in the time limit when spoken. The lower bound follows the sample answer
 * when there is one (a complete answer rarely needs fewer than half its words), else a third of the time.
 */
export function checkLength(
  words: number,
  timeLimitSeconds: number | null | undefined,
  sampleWords: number | null,
  durationSeconds: number | null | undefined,
): LengthCheck {
  const limit = timeLimitSeconds && timeLimitSeconds > 0 ? timeLimitSeconds : DEFAULT_LIMIT_SECONDS;
  const capacity = Math.round((WORDS_PER_MINUTE * limit) / 60);
  const fromTime = Math.round(capacity / 3);
  const low = Math.max(25, Math.min(fromTime, sampleWords ? Math.round(sampleWords / 2) : fromTime));
  const range: [number, number] = [low, capacity];
  const seconds = durationSeconds && durationSeconds > 0 ? durationSeconds : (words / WORDS_PER_MINUTE) * 60;
  const overrun = Math.max(words / capacity, seconds / limit);
  let factor = 1;
  let verdict: LengthCheck["verdict"] = "ok";
  if (words < low) {
    // Thin answers lose in proportion, but a few precise sentences are not worthless.
    factor = 0.2 + 0.8 * (words / low) ** 0.8;
    verdict = words < low / 2 ? "too_short" : "short";
  } else if (overrun > 1) {
    factor = Math.max(0.6, 1 - 0.4 * (overrun - 1));
    verdict = overrun > 1.5 ? "rambling" : "long";
  }
  return { words, expectedRange: range, seconds: Math.round(seconds), verdict, factor };
}
