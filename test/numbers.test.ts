import { describe, expect, it } from "vitest";
import { MAX_TIMER_MS, timerMs } from "../src/numbers.ts";
import { transcriptionDeadline } from "../src/speech/stt/index.ts";

describe("timer delays computed from measurements", () => {
  it.each([
    [99_240.1875, 99_241],
    [0.2, 1],
    [-5, 1],
    [Number.NaN, 1],
    [Number.POSITIVE_INFINITY, MAX_TIMER_MS],
    [2 ** 40, MAX_TIMER_MS],
    [60_000, 60_000],
  ])("%d ms becomes %d", (ms, want) => {
    expect(timerMs(ms)).toBe(want);
    expect(() => AbortSignal.timeout(timerMs(ms))).not.toThrow();
  });

  it("a transcription deadline accepts every recording length, sample by sample", () => {
    for (let samples = 1; samples < 16_000 * 400; samples += 997) {
      expect(() => transcriptionDeadline(samples / 16_000)).not.toThrow();
    }
    // The recording of the issue: 33.08 s at 16 kHz, whose × 3000 is not a whole number.
    expect(() => AbortSignal.timeout((529_281 / 16_000) * 3000)).toThrow(RangeError);
    expect(() => transcriptionDeadline(529_281 / 16_000)).not.toThrow();
  });
});
