/**
 * The confidence composite (0–10) and the sentences that explain it. docs/speech-confidence.md is the
 * user-facing description of this file: change both together.
 */

import { round2 } from "../../numbers.ts";
import type { LoudnessReport } from "./loudness.ts";

export const PACE_BAND = { low: 110, high: 170 } as const;
/** What the explanation recommends: the middle of the band, where listeners follow most easily. */
export const PACE_TARGET = { low: 130, high: 160 } as const;
/** Outside the band the pace score falls to zero over this many words per minute. */
const PACE_FALLOFF_WPM = 60;

export const WEIGHTS = { pace: 0.25, fillers: 0.25, long_pauses: 0.15, hedges: 0.15, volume: 0.2 } as const;

export type ComponentName = keyof typeof WEIGHTS;

export interface Component {
  /** 0–1, 1 being best; null when it could not be measured (its weight is then shared by the others). */
  score: number | null;
  weight: number;
  /** The figure the score was computed from. */
  value: number | null;
}

export interface ConfidenceInput {
  wpm: number | null;
  words: number;
  speakingSeconds: number;
  fillers: number;
  hedges: number;
  longPauses: number;
  loudness: LoudnessReport | null;
}

export interface Confidence {
  level: number | null;
  components: Record<ComponentName, Component>;
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}

/** 1 up to `free`, falling linearly to 0 at `zero`. */
function falling(value: number, free: number, zero: number): number {
  return clamp01(1 - (value - free) / (zero - free));
}

export function paceScore(wpm: number): number {
  if (wpm < PACE_BAND.low) return clamp01(1 - (PACE_BAND.low - wpm) / PACE_FALLOFF_WPM);
  if (wpm > PACE_BAND.high) return clamp01(1 - (wpm - PACE_BAND.high) / PACE_FALLOFF_WPM);
  return 1;
}

export function per100(count: number, words: number): number {
  return words > 0 ? (count / words) * 100 : 0;
}

export function perMinute(count: number, seconds: number): number {
  // An answer shorter than a minute is judged as if it were a minute long: two long pauses in a 20-second
  // answer are bad, but not "six per minute" bad.
  return count / Math.max(1, seconds / 60);
}

/** Volume: loud enough (level), steady (half-second windows), not clipped. */
export function volumeScore(loudness: LoudnessReport): {
  score: number;
  level: number;
  steadiness: number;
  clipping: number;
} {
  const level = clamp01((loudness.mean_dbfs + 50) / 15); // 0 at −50 dBFS, full at −35 dBFS and above
  const steadiness = falling(loudness.variation_db, 3, 10);
  const clipping = falling(loudness.clipping_ratio, 0.001, 0.02);
  return { score: 0.35 * level + 0.4 * steadiness + 0.25 * clipping, level, steadiness, clipping };
}

function component(name: ComponentName, score: number | null, value: number | null): Component {
  return { score: score === null ? null : Math.round(score * 1000) / 1000, weight: WEIGHTS[name], value };
}

export function scoreConfidence(input: ConfidenceInput): Confidence {
  const { words, wpm } = input;
  const fillerRate = per100(input.fillers, words);
  const hedgeRate = per100(input.hedges, words);
  const longRate = perMinute(input.longPauses, input.speakingSeconds);
  const components: Record<ComponentName, Component> = {
    pace: component("pace", wpm === null ? null : paceScore(wpm), wpm),
    fillers: component("fillers", words > 0 ? falling(fillerRate, 1, 10) : null, round2(fillerRate)),
    long_pauses: component(
      "long_pauses",
      input.speakingSeconds > 0 ? falling(longRate, 0, 4) : null,
      round2(longRate),
    ),
    hedges: component("hedges", words > 0 ? falling(hedgeRate, 0.5, 6) : null, round2(hedgeRate)),
    volume: component(
      "volume",
      input.loudness ? volumeScore(input.loudness).score : null,
      input.loudness?.variation_db ?? null,
    ),
  };
  if (words === 0 || wpm === null) return { level: null, components };
  let sum = 0;
  let weight = 0;
  for (const c of Object.values(components)) {
    if (c.score === null) continue;
    sum += c.score * c.weight;
    weight += c.weight;
  }
  return { level: weight > 0 ? round2((10 * sum) / weight) : null, components };
}
