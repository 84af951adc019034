import { round2 } from "../numbers.ts";
import type { Transcript, TranscriptWord } from "./types.ts";

/** Below this a recognizer's word is a guess: a key term it might have misheard is not counted as missing. */
const UNSURE = 0.6;
const SIMILAR = 0.5;

export interface PossiblySaid {
  keyword: string;
  /** Where in the transcript's words, and how many of them. */
  index: number;
  length: number;
  heard: string;
  confidence: number;
  at: number;
}

/**
 * Missing key terms the recognizer may have misheard: somewhere in the transcript, a run of words as long as
 * the term, at least one of them low-confidence, that looks like the term (letters or consonant skeleton).
 */
export function possiblySaid(missing: string[], words: TranscriptWord[]): PossiblySaid[] {
  return missing.flatMap((keyword) => {
    const found = bestRun(keyword, words);
    return found ? [found] : [];
  });
}

function bestRun(keyword: string, words: TranscriptWord[]): PossiblySaid | undefined {
  const target = normalize(keyword).replace(/ /g, "");
  const size = normalize(keyword).split(" ").length;
  let best: PossiblySaid | undefined;
  let bestScore = SIMILAR;
  // A recognizer splits an unknown term into several words, or merges a phrase into fewer.
  for (let length = Math.max(1, size - 1); length <= size + 1; length++) {
    for (let i = 0; i + length <= words.length; i++) {
      const run = words.slice(i, i + length);
      const unsure = run.filter((w) => w.confidence !== null && w.confidence < UNSURE);
      if (unsure.length === 0) continue;
      const heard = normalize(run.map((w) => w.word).join(" ")).replace(/ /g, "");
      // Short terms ("API", "Go") have skeletons too small to compare: letters only.
      const bySkeleton = skeleton(target).length >= 3 ? similarity(skeleton(heard), skeleton(target)) : 0;
      const score = Math.max(similarity(heard, target), bySkeleton);
      if (score < bestScore) continue;
      bestScore = score;
      best = {
        keyword,
        index: i,
        length,
        heard: run.map((w) => w.word).join(" "),
        confidence: Math.min(...unsure.map((w) => w.confidence ?? 0)),
        at: run[0]?.start ?? 0,
      };
    }
  }
  return best;
}

/** Whether the recording was hard to understand: low average confidence, or many unsure words. */
export function hardToUnderstand(transcript: Transcript): {
  hard: boolean;
  meanConfidence: number | null;
  unsureShare: number;
} {
  const scored = transcript.words.filter((w) => w.confidence !== null);
  if (scored.length === 0) return { hard: false, meanConfidence: null, unsureShare: 0 };
  const mean = scored.reduce((sum, w) => sum + (w.confidence ?? 0), 0) / scored.length;
  const unsureShare = scored.filter((w) => (w.confidence ?? 0) < UNSURE).length / scored.length;
  return {
    hard: mean < 0.55 || unsureShare > 0.3,
    meanConfidence: round2(mean),
    unsureShare: round2(unsureShare),
  };
}

function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9 ]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Consonants only, doubled letters collapsed: "kubernetes" and "cooper netties" come closer this way. */
function skeleton(text: string): string {
  return text
    .replace(/[aeiouy ]+/g, "")
    .replace(/c(?=[^h])|q/g, "k")
    .replace(/(.)\1+/g, "$1");
}

function similarity(a: string, b: string): number {
  if (!a || !b) return 0;
  return 1 - levenshtein(a, b) / Math.max(a.length, b.length);
}

function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
