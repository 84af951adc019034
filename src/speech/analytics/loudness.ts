/**
 * Loudness over the speech only (silences would drag every figure down): overall level in dBFS, how much
 * the level moves, the loudest sample and how much of the speech was clipped.
 */

import { round2 } from "../../numbers.ts";
import { type FrameAnalysis, meanSquareToDb, SILENT_DB } from "../silence.ts";

/** Windows this long smooth out the syllable-to-syllable swing that every voice has. */
const WINDOW_SECONDS = 0.5;
/** A window counts when at least this share of it is speech. */
const WINDOW_SPEECH_SHARE = 0.6;
/** A 16-bit sample at (or within one step of) full scale: the signal was cut off there. */
const CLIP_LEVEL = 32766;

export interface LoudnessReport {
  /** RMS level of all speech frames, dBFS. */
  mean_dbfs: number;
  /**
   * Standard deviation of the levels of the 20 ms frames above the speech threshold, dB: mostly the swing
   * between loud vowels and soft consonants that every voice has, so it is reported, not scored.
   */
  frame_variation_db: number;
  /** Standard deviation of half-second speech windows' levels, dB: drifting, fading or shouting. */
  variation_db: number;
  /** Loudest sample, dBFS (0 is full scale). */
  peak_dbfs: number;
  /** Share of speech samples at full scale. */
  clipping_ratio: number;
  speech_frames: number;
}

function standardDeviation(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / values.length);
}

/** null when there is no speech to measure. */
export function measureLoudness(pcm: Int16Array, frames: FrameAnalysis): LoudnessReport | null {
  const { levels, speech, frameSamples } = frames;
  const speechLevels: number[] = [];
  const voicedLevels: number[] = [];
  let energy = 0;
  let peak = 0;
  let clipped = 0;
  for (let f = 0; f < levels.length; f++) {
    if (speech[f] !== 1) continue;
    speechLevels.push(levels[f] as number);
    if ((levels[f] as number) >= frames.detection.thresholdDb) voicedLevels.push(levels[f] as number);
    for (let i = f * frameSamples; i < (f + 1) * frameSamples; i++) {
      const s = pcm[i] as number;
      energy += s * s;
      const magnitude = Math.abs(s);
      if (magnitude > peak) peak = magnitude;
      if (magnitude >= CLIP_LEVEL) clipped += 1;
    }
  }
  if (speechLevels.length === 0) return null;
  const samples = speechLevels.length * frameSamples;
  return {
    mean_dbfs: round2(meanSquareToDb(energy / samples)),
    frame_variation_db: round2(standardDeviation(voicedLevels)),
    variation_db: round2(standardDeviation(windowLevels(pcm, frames))),
    peak_dbfs: round2(peak > 0 ? 20 * Math.log10(peak / 32768) : SILENT_DB),
    clipping_ratio: Math.round((clipped / samples) * 1e5) / 1e5,
    speech_frames: speechLevels.length,
  };
}

/** Level of each half-second window that is mostly speech, over its speech frames only. */
function windowLevels(pcm: Int16Array, frames: FrameAnalysis): number[] {
  const { speech, frameSamples, sampleRate } = frames;
  const perWindow = Math.max(1, Math.round((WINDOW_SECONDS * sampleRate) / frameSamples));
  const out: number[] = [];
  for (let w = 0; w + perWindow <= speech.length; w += perWindow) {
    let energy = 0;
    let count = 0;
    for (let f = w; f < w + perWindow; f++) {
      if (speech[f] !== 1) continue;
      count += 1;
      for (let i = f * frameSamples; i < (f + 1) * frameSamples; i++) energy += (pcm[i] as number) ** 2;
    }
    if (count >= WINDOW_SPEECH_SHARE * perWindow) out.push(meanSquareToDb(energy / (count * frameSamples)));
  }
  return out;
}
