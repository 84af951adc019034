/** Two decimals: how every score, rate and measurement is stored and shown. */
export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** The longest delay Node's timers accept (2^31 − 1 ms, about 24.8 days). */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Milliseconds as timers take them: a whole number from 1 to MAX_TIMER_MS. `AbortSignal.timeout` throws a
 * RangeError on a fraction (a 33.08 s recording × 3000 is 99 240.000000001), and setTimeout fires at once,
 * with a warning, past the maximum; every delay computed from a measurement goes through here.
 */
export function timerMs(ms: number): number {
  if (Number.isNaN(ms)) return 1;
  return Math.min(MAX_TIMER_MS, Math.max(1, Math.ceil(ms)));
}
