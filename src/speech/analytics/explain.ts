/**
 * Plain sentences for the candidate, one per aspect, in the order the confidence composite weighs them.
 * They name the figure, say what it means and, when it is off, what to aim for.
 */
import { PACE_BAND, PACE_TARGET, per100, perMinute, volumeScore } from "./confidence.ts";
import type { FillerHit } from "./fillers.ts";
import type { HedgeHit } from "./hedges.ts";
import type { LoudnessReport } from "./loudness.ts";
import type { Pause } from "./pauses.ts";

export interface ExplainInput {
  wpm: number | null;
  words: number;
  speakingSeconds: number;
  fillers: FillerHit[];
  hedges: HedgeHit[];
  pauses: Pause[];
  loudness: LoudnessReport | null;
  /** The signal held speech (true when there is no signal to check). */
  speechDetected: boolean;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function times(n: number): string {
  return n === 1 ? "once" : n === 2 ? "twice" : `${n} times`;
}

function mostCommon(words: string[], top = 3): string {
  const counts = new Map<string, number>();
  for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([w, n]) => `"${w}" (${n})`)
    .join(", ");
}

function explainPace(wpm: number | null): string {
  if (wpm === null) return "There was too little speech to measure your pace.";
  const shown = Math.round(wpm);
  const aim = `aim for ${PACE_TARGET.low}–${PACE_TARGET.high}`;
  if (wpm > PACE_BAND.high + 30)
    return `Your pace was ${shown} words per minute — fast enough to lose a listener; slow down and ${aim}.`;
  if (wpm > PACE_BAND.high) return `Your pace was ${shown} words per minute — a little fast; ${aim}.`;
  if (wpm < PACE_BAND.low - 30)
    return `Your pace was ${shown} words per minute — slow enough to sound unsure; ${aim}.`;
  if (wpm < PACE_BAND.low) return `Your pace was ${shown} words per minute — a little slow; ${aim}.`;
  return `Your pace was ${shown} words per minute — easy to follow.`;
}

function explainFillers(fillers: FillerHit[], words: number): string {
  if (fillers.length === 0) return "You used no filler words — well done.";
  const rate = per100(fillers.length, words).toFixed(1);
  const advice = Number(rate) > 3 ? " Try a short silent pause instead; it sounds more confident." : "";
  return `You used ${plural(fillers.length, "filler word")} (${rate} per 100 words): ${mostCommon(fillers.map((f) => f.word))}.${advice}`;
}

function explainPauses(pauses: Pause[], speakingSeconds: number): string[] {
  const long = pauses.filter((p) => p.long);
  const mid = pauses.filter((p) => p.kind === "mid_sentence");
  const out: string[] = [];
  if (long.length === 0) out.push("You made no long pauses (2 seconds or more).");
  else {
    const longest = Math.max(...long.map((p) => p.duration)).toFixed(1);
    const rate = perMinute(long.length, speakingSeconds).toFixed(1);
    out.push(
      `You paused for 2 seconds or more ${times(long.length)} (${rate} per minute; the longest was ${longest} s). A brief pause to think is fine; long silences can read as uncertainty.`,
    );
  }
  if (mid.length > 0) {
    out.push(
      `${plural(mid.length, "pause")} fell in the middle of a sentence; pausing at the end of a thought sounds more deliberate.`,
    );
  }
  return out;
}

function explainHedges(hedges: HedgeHit[], words: number): string {
  if (hedges.length === 0) return "You stated your points without hedging.";
  const rate = per100(hedges.length, words).toFixed(1);
  return `You hedged ${times(hedges.length)} (${rate} per 100 words): ${mostCommon(hedges.map((h) => h.phrase))}. Say what you did and what you think directly.`;
}

function explainVolume(loudness: LoudnessReport | null): string[] {
  if (!loudness) return [];
  const { level, steadiness, clipping } = volumeScore(loudness);
  const out: string[] = [];
  if (level < 1) out.push("Your recording was quiet; speak up or move closer to the microphone.");
  if (clipping < 1)
    out.push("Your recording was distorted in places (too loud for the microphone); move back a little.");
  if (steadiness < 1) {
    out.push(
      `Your volume moved by about ${loudness.variation_db.toFixed(1)} dB from moment to moment; keep it even, especially at the ends of sentences.`,
    );
  }
  if (out.length === 0) out.push("Your volume was clear and steady.");
  return out;
}

export function explain(input: ExplainInput): string[] {
  if (!input.speechDetected) return ["No speech was detected in this answer."];
  if (input.words === 0)
    return ["We heard speech but could not make out any words; try again closer to the microphone."];
  return [
    explainPace(input.wpm),
    explainFillers(input.fillers, input.words),
    ...explainPauses(input.pauses, input.speakingSeconds),
    explainHedges(input.hedges, input.words),
    ...explainVolume(input.loudness),
  ];
}
