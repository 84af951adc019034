import { meanSquareToDb } from "./silence.ts";
import { SAMPLE_RATE } from "./types.ts";

/**
 * Cuts live audio into utterances at pauses, so each can be transcribed while the candidate keeps talking
 * and only the last one is left when they stop. Energy-based: 20 ms frames, a threshold that follows the
 * room's noise floor, a cut after 400 ms of quiet that follows at least a second of speech, and a forced
 * cut at the quietest frame once an utterance reaches 20 s.
 */
const RATE = SAMPLE_RATE;
const FRAME = RATE / 50;
const QUIET_FRAMES_TO_CUT = 20;
const MIN_SEGMENT_FRAMES = 50;
const MAX_SEGMENT_FRAMES = 1000;
const FLOOR_DB = -50;

export interface Segment {
  /** First and one-past-last sample of the utterance in the whole recording. */
  start: number;
  end: number;
}

export class Segmenter {
  private pending = new Int16Array(0);
  private frameIndex = 0;
  private segmentStartFrame = 0;
  private speechFrames = 0;
  private quietRun = 0;
  private noiseDb = FLOOR_DB;
  private quietest = { frame: 0, db: Number.POSITIVE_INFINITY };

  /** Feeds samples; returns the utterances completed by them. */
  push(samples: Int16Array): Segment[] {
    const joined = new Int16Array(this.pending.length + samples.length);
    joined.set(this.pending);
    joined.set(samples, this.pending.length);
    const done: Segment[] = [];
    let offset = 0;
    for (; offset + FRAME <= joined.length; offset += FRAME) {
      const cut = this.frame(frameDb(joined.subarray(offset, offset + FRAME)));
      if (cut) done.push(cut);
    }
    this.pending = joined.slice(offset);
    return done;
  }

  /** The utterance still open at the end of the recording, if it holds any speech. */
  finish(totalSamples: number): Segment | undefined {
    const start = this.segmentStartFrame * FRAME;
    if (totalSamples <= start || this.speechFrames === 0) return undefined;
    return { start, end: totalSamples };
  }

  private frame(db: number): Segment | undefined {
    const index = this.frameIndex++;
    const speaking = db > Math.max(this.noiseDb + 12, -42);
    // The noise floor follows quiet frames slowly and never rises on speech.
    if (!speaking) this.noiseDb = Math.max(FLOOR_DB, this.noiseDb * 0.95 + db * 0.05);
    if (speaking) {
      this.speechFrames++;
      this.quietRun = 0;
    } else {
      this.quietRun++;
    }
    // Silence before an utterance is not part of it (200 ms of lead-in kept).
    if (!speaking && this.speechFrames === 0 && index - this.segmentStartFrame > 10) {
      this.segmentStartFrame = index - 10;
      this.quietest = { frame: index, db: Number.POSITIVE_INFINITY };
    }
    const length = index + 1 - this.segmentStartFrame;
    // A forced cut goes at the quietest frame past the utterance's first second, never before its start.
    if (length > MIN_SEGMENT_FRAMES && db < this.quietest.db) this.quietest = { frame: index, db };
    if (
      this.quietRun >= QUIET_FRAMES_TO_CUT &&
      this.speechFrames >= MIN_SEGMENT_FRAMES / 2 &&
      length >= MIN_SEGMENT_FRAMES
    )
      return this.cut(index + 1 - Math.floor(this.quietRun / 2));
    if (length >= MAX_SEGMENT_FRAMES)
      return this.cut(Math.max(this.segmentStartFrame + MIN_SEGMENT_FRAMES, this.quietest.frame + 1));
    return undefined;
  }

  private cut(endFrame: number): Segment {
    const segment = { start: this.segmentStartFrame * FRAME, end: endFrame * FRAME };
    this.segmentStartFrame = endFrame;
    this.speechFrames = 0;
    this.quietRun = 0;
    this.quietest = { frame: endFrame, db: Number.POSITIVE_INFINITY };
    return segment;
  }
}

function frameDb(frame: Int16Array): number {
  let sum = 0;
  for (const sample of frame) sum += sample * sample;
  return meanSquareToDb(sum / frame.length);
}
