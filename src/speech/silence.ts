import { SAMPLE_RATE } from "./types.ts";

/**
 * Where the speech is in a recording, from short-time energy: 20 ms frames, each frame's level in dBFS,
 * and a threshold that adapts to the recording's own noise floor and loudness, so that a quiet room, a
 * noisy one and a loud or soft voice all split the same way. Silence is a result, not an error: a silent
 * file yields `hasSpeech: false`.
 */

export const FRAME_SECONDS = 0.02;
/** Level given to a frame of digital silence (log of zero). */
export const SILENT_DB = -120;
/** Nothing quieter than this is speech, however quiet the room: it is below a whisper in any recording. */
const ABSOLUTE_FLOOR_DB = -55;
/** Speech stands this far above the noise floor… */
const ABOVE_NOISE_DB = 12;
/** …and no further than this below the loudest speech, so a soft echo or breath is not counted as speech. */
const BELOW_PEAK_DB = 35;
/** Silences shorter than this inside speech are stop consonants and word joins, not pauses. */
const BRIDGE_SECONDS = 0.15;
/** A burst shorter than this, alone in silence, is a click or a bump of the microphone. */
const MIN_BURST_SECONDS = 0.06;
/** Less speech than this in a whole recording is not an answer. */
const MIN_SPEECH_SECONDS = 0.2;

export interface SpeechSegment {
  start: number;
  end: number;
}

export interface SpeechDetection {
  hasSpeech: boolean;
  /** Seconds inside speech segments (pauses between them excluded). */
  speechSeconds: number;
  leadingSilence: number;
  trailingSilence: number;
  durationSeconds: number;
  /** Stretches of speech, in order; the gaps between them are the pauses. */
  segments: SpeechSegment[];
  /** The level a frame had to reach to count as speech, and the noise floor it was derived from (dBFS). */
  thresholdDb: number;
  noiseFloorDb: number;
}

export interface FrameAnalysis {
  sampleRate: number;
  frameSamples: number;
  /** Level of each 20 ms frame in dBFS (SILENT_DB for digital silence). */
  levels: Float64Array;
  /** Whether each frame lies inside a speech segment (after bridging and click removal). */
  speech: Uint8Array;
  detection: SpeechDetection;
}

/** dBFS of a mean square over full-scale 16-bit samples. */
export function meanSquareToDb(meanSquare: number): number {
  if (meanSquare <= 0) return SILENT_DB;
  return Math.max(SILENT_DB, 10 * Math.log10(meanSquare / (32768 * 32768)));
}

export function frameLevels(pcm: Int16Array, frameSamples: number): Float64Array {
  const count = Math.floor(pcm.length / frameSamples);
  const levels = new Float64Array(count);
  for (let f = 0; f < count; f++) {
    let sum = 0;
    for (let i = f * frameSamples; i < (f + 1) * frameSamples; i++) {
      const s = pcm[i] as number;
      sum += s * s;
    }
    levels[f] = meanSquareToDb(sum / frameSamples);
  }
  return levels;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return SILENT_DB;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.round(p * (sorted.length - 1))));
  return sorted[index] as number;
}

/** Runs of 1s in a frame mask, as [first, last] frame indexes. */
function runs(mask: Uint8Array): [number, number][] {
  const out: [number, number][] = [];
  let begin = -1;
  for (let f = 0; f <= mask.length; f++) {
    const on = f < mask.length && mask[f] === 1;
    if (on && begin < 0) begin = f;
    if (!on && begin >= 0) {
      out.push([begin, f - 1]);
      begin = -1;
    }
  }
  return out;
}

/** Fills short silences between speech frames, then drops isolated bursts too short to be speech. */
function smooth(mask: Uint8Array, bridgeFrames: number, minBurstFrames: number): void {
  const spans = runs(mask);
  for (let k = 1; k < spans.length; k++) {
    const gapStart = (spans[k - 1] as [number, number])[1] + 1;
    const gapEnd = (spans[k] as [number, number])[0];
    if (gapEnd - gapStart <= bridgeFrames) mask.fill(1, gapStart, gapEnd);
  }
  for (const [first, last] of runs(mask)) {
    if (last - first + 1 < minBurstFrames) mask.fill(0, first, last + 1);
  }
}

export function analyzeFrames(pcm: Int16Array, sampleRate = SAMPLE_RATE): FrameAnalysis {
  const frameSamples = Math.max(1, Math.round(sampleRate * FRAME_SECONDS));
  const levels = frameLevels(pcm, frameSamples);
  const sorted = Float64Array.from(levels).sort();
  const noiseFloorDb = percentile(sorted, 0.1);
  // The 99th percentile rather than the maximum: one click must not raise the bar for the whole file.
  const peakDb = percentile(sorted, 0.99);
  const thresholdDb = Math.max(ABSOLUTE_FLOOR_DB, noiseFloorDb + ABOVE_NOISE_DB, peakDb - BELOW_PEAK_DB);
  const speech = new Uint8Array(levels.length);
  // Steady hum or hiss never rises ABOVE_NOISE_DB over its own floor, so it never counts as speech.
  for (let f = 0; f < levels.length; f++) speech[f] = (levels[f] as number) >= thresholdDb ? 1 : 0;
  smooth(speech, Math.round(BRIDGE_SECONDS / FRAME_SECONDS), Math.round(MIN_BURST_SECONDS / FRAME_SECONDS));
  const durationSeconds = pcm.length / sampleRate;
  const frameSeconds = frameSamples / sampleRate;
  const segments = runs(speech).map(([first, last]) => ({
    start: round3(first * frameSeconds),
    end: round3(Math.min(durationSeconds, (last + 1) * frameSeconds)),
  }));
  const speechSeconds = segments.reduce((sum, s) => sum + (s.end - s.start), 0);
  const hasSpeech = speechSeconds >= MIN_SPEECH_SECONDS;
  const first = segments[0];
  const last = segments.at(-1);
  const detection: SpeechDetection = {
    hasSpeech,
    speechSeconds: round3(speechSeconds),
    leadingSilence: round3(hasSpeech && first ? first.start : durationSeconds),
    trailingSilence: round3(hasSpeech && last ? durationSeconds - last.end : durationSeconds),
    durationSeconds: round3(durationSeconds),
    segments: hasSpeech ? segments : [],
    thresholdDb: round3(thresholdDb),
    noiseFloorDb: round3(noiseFloorDb),
  };
  if (!hasSpeech) speech.fill(0);
  return { sampleRate, frameSamples, levels, speech, detection };
}

/** Whether a recording holds speech, and where: see the module comment. */
export function detectSpeech(pcm: Int16Array, sampleRate = SAMPLE_RATE): SpeechDetection {
  return analyzeFrames(pcm, sampleRate).detection;
}

/** Silences between speech segments of at least `minSeconds` (leading and trailing silence excluded). */
export function silenceGaps(segments: readonly SpeechSegment[], minSeconds: number): SpeechSegment[] {
  const gaps: SpeechSegment[] = [];
  for (let k = 1; k < segments.length; k++) {
    const start = (segments[k - 1] as SpeechSegment).end;
    const end = (segments[k] as SpeechSegment).start;
    if (end - start >= minSeconds - 1e-9) gaps.push({ start, end });
  }
  return gaps;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
