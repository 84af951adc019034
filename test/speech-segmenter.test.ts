import { describe, expect, it } from "vitest";
import { Segmenter } from "../src/speech/segmenter.ts";

// Live audio cut into utterances at pauses, so each is transcribed while the candidate keeps talking.

const RATE = 16_000;

/** A voiced signal (a 220 Hz tone with a slow tremolo) or silence, `seconds` long, at `amplitude`. */
function tone(seconds: number, amplitude: number): Int16Array {
  const out = new Int16Array(Math.round(seconds * RATE));
  for (let i = 0; i < out.length; i++)
    out[i] = Math.round(
      amplitude * Math.sin((2 * Math.PI * 220 * i) / RATE) * (0.75 + 0.25 * Math.sin(i / 900)),
    );
  return out;
}

function join(...parts: Int16Array[]): Int16Array {
  const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Feeds audio in 100 ms chunks, as the stream does, and collects the utterances (seconds). */
function segments(audio: Int16Array): { start: number; end: number }[] {
  const segmenter = new Segmenter();
  const found = [];
  for (let i = 0; i < audio.length; i += 1600) found.push(...segmenter.push(audio.subarray(i, i + 1600)));
  const tail = segmenter.finish(audio.length);
  if (tail) found.push(tail);
  return found.map((s) => ({ start: s.start / RATE, end: s.end / RATE }));
}

describe("the segmenter", () => {
  it("cuts at a pause between utterances and drops leading silence", () => {
    const found = segments(join(tone(1, 0), tone(3, 8000), tone(0.8, 0), tone(2, 8000), tone(0.3, 0)));
    expect(found).toHaveLength(2);
    expect(found[0]?.start).toBeGreaterThanOrEqual(0.75);
    expect(found[0]?.start).toBeLessThanOrEqual(1);
    expect(found[0]?.end).toBeGreaterThan(4);
    expect(found[0]?.end).toBeLessThan(4.8);
    expect(found[1]?.start).toBeGreaterThanOrEqual(found[0]?.end ?? 0);
    expect(found[1]?.start).toBeLessThanOrEqual(4.8);
    expect(found[1]?.end).toBeCloseTo(7.1, 1);
  });

  it("keeps a short breath inside one utterance", () => {
    expect(segments(join(tone(2, 8000), tone(0.2, 0), tone(2, 8000)))).toHaveLength(1);
  });

  it("forces a cut in a long utterance at its quietest moment, not mid-word", () => {
    const found = segments(join(tone(1, 0), tone(9, 8000), tone(0.2, 600), tone(16, 8000)));
    expect(found.length).toBeGreaterThanOrEqual(2);
    const cut = found[0]?.end ?? 0;
    expect(cut).toBeGreaterThanOrEqual(10);
    expect(cut).toBeLessThanOrEqual(10.25);
    expect(found.at(-1)?.end).toBeCloseTo(26.2, 1);
  });

  it("finds no utterance in silence", () => {
    expect(segments(tone(5, 0))).toEqual([]);
  });
});
