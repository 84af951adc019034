/**
 * Speech analytics for one answer: pace, pauses, fillers, hedges, loudness and the confidence composite,
 * from the transcript (words and, when the recognizer gives them, timings) and the decoded signal.
 */

import { round2 } from "../../numbers.ts";
import { analyzeFrames, type FrameAnalysis } from "../silence.ts";
import type { SpeechMetrics, Transcript } from "../types.ts";
import { per100, scoreConfidence } from "./confidence.ts";
import { explain } from "./explain.ts";
import { findFillers } from "./fillers.ts";
import { findHedges } from "./hedges.ts";
import { measureLoudness } from "./loudness.ts";
import { measurePace } from "./pace.ts";
import { findPauses, LONG_PAUSE_SECONDS } from "./pauses.ts";
import { tokenize } from "./tokens.ts";

export { findFillers } from "./fillers.ts";
export { findHedges } from "./hedges.ts";
export { tokenize } from "./tokens.ts";

export interface AnalyzeInput {
  transcript: Transcript;
  /** 16-bit mono PCM of the same answer; null to analyse the transcript alone (no loudness then). */
  pcm: Int16Array | null;
  sampleRate?: number;
  /** The frame analysis of `pcm`, when the caller has it already. */
  frames?: FrameAnalysis | undefined;
}

/** Detail lists are capped so that one rambling answer does not bloat the stored row. */
const MAX_LISTED = 100;

export function analyzeSpeech(input: AnalyzeInput): SpeechMetrics {
  const sampleRate = input.sampleRate ?? 16000;
  const frames =
    input.frames ?? (input.pcm && input.pcm.length > 0 ? analyzeFrames(input.pcm, sampleRate) : null);
  const speechDetected = frames ? frames.detection.hasSpeech : true;
  // Recognizers invent words for silence (Whisper's "Thank you."): with no speech in the signal, the
  // transcript is not analysed.
  const tokenized = tokenize(
    speechDetected ? input.transcript : { ...input.transcript, text: "", words: [] },
  );
  const segments = frames ? frames.detection.segments : null;
  const pauseReport = findPauses(tokenized, segments);
  const pauses = pauseReport.pauses;
  const pace = measurePace(tokenized, segments, pauses);
  const fillers = findFillers(tokenized.tokens);
  const hedges = findHedges(tokenized.tokens);
  const loudness = frames && input.pcm ? measureLoudness(input.pcm, frames) : null;
  const long = pauses.filter((p) => p.long);
  const confidence = scoreConfidence({
    wpm: pace.wpm,
    words: pace.words,
    speakingSeconds: pace.speakingSeconds,
    fillers: fillers.length,
    hedges: hedges.length,
    longPauses: long.length,
    loudness,
  });
  const rate = (n: number) => round2(per100(n, pace.words));
  return {
    speech_pace: pace.wpm,
    filler_words_count: fillers.length,
    confidence_level: confidence.level,
    details: {
      pace: {
        wpm: pace.wpm,
        articulation_wpm: pace.articulationWpm,
        words: pace.words,
        source: pace.source,
      },
      speaking_seconds: pace.speakingSeconds,
      pauses: {
        count: pauses.length,
        long: long.length,
        mid_sentence: pauses.filter((p) => p.kind === "mid_sentence").length,
        longest_seconds: pauses.length > 0 ? Math.max(...pauses.map((p) => p.duration)) : 0,
        long_threshold_seconds: LONG_PAUSE_SECONDS,
        source: pauseReport.source,
        estimated: pauseReport.estimated,
        list: pauses.slice(0, MAX_LISTED),
      },
      fillers: {
        count: fillers.length,
        per_100_words: rate(fillers.length),
        items: fillers.slice(0, MAX_LISTED).map((f) => ({ word: f.word, at: f.at })),
      },
      hedges: {
        count: hedges.length,
        per_100_words: rate(hedges.length),
        items: hedges.slice(0, MAX_LISTED).map((h) => ({ phrase: h.phrase, at: h.at })),
      },
      loudness,
      speech_detected: speechDetected,
      punctuated: tokenized.punctuated,
      confidence: confidence.components,
      explanation: explain({
        wpm: pace.wpm,
        words: pace.words,
        speakingSeconds: pace.speakingSeconds,
        fillers,
        hedges,
        pauses,
        loudness,
        speechDetected,
      }),
    },
  };
}
