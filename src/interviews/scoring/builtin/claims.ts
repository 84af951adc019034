import { align, type ContentWord, contentWords, coverageOf, strength } from "./alignment.ts";
import type { PointCoverage } from "./coverage.ts";
import { type Analysis, analyzeCached } from "./text.ts";

/**
 * What feedback may claim about a key point or keyword, judged sentence by sentence on meaning (the word
 * alignment, synonyms and vectors included): "covered" needs a sentence of the answer that expresses it,
 * and is credited with that sentence as the quote; "missing" needs that no sentence comes near it. In
 * between the feedback says nothing either way — a claim the answer contradicts is worse than none.
 */
export type Verdict = "covered" | "unclear" | "missing";

export interface Claim {
  verdict: Verdict;
  /** The answer's sentence that expresses it best, when covered. */
  quote: string | null;
  credit: number;
}

/** Vector matches count from a cosine of 0.7 for "covered": near in meaning, not only in topic. */
const LEVEL = { vector: 0.7 };
/** … and from 0.5 for "comes near": only an answer with nothing even this close is said to miss it. */
const LOOSE = { vector: 0.5 };
const COVERED = 0.5;
/** Below this nothing in the answer comes near the point; only then is it called missing. */
const NEAR = 0.25;
/** Echoing the anchor sentence of the sample answer counts this much of covering its point. */
const ANCHOR_SHARE = 0.8;

export interface AnswerSentences {
  texts: string[];
  words: ContentWord[][];
}

export function answerSentences(answer: Analysis, words: ContentWord[]): AnswerSentences {
  return {
    texts: answer.sentences.map((s) => s.text.trim()),
    words: answer.sentences.map((_, i) => words.filter((w) => w.sentence === i)),
  };
}

interface Best {
  credit: number;
  near: number;
  index: number;
}

/** How well the best sentence expresses `target`, and which sentence that is. */
function bestSentence(target: ContentWord[], sentences: AnswerSentences, demoted: Set<string>): Best {
  const best = { credit: 0, near: 0, index: -1 };
  sentences.words.forEach((words, index) => {
    if (words.length === 0 || target.length === 0) return;
    const matches = align(target, words);
    const credit = coverageOf(matches, LEVEL, demoted, 0.5);
    best.near = Math.max(best.near, coverageOf(matches, LOOSE, demoted, 0.5));
    if (credit > best.credit) Object.assign(best, { credit, index });
  });
  return best;
}

function claimOf(best: Best, sentences: AnswerSentences, mayCallMissing: boolean): Claim {
  const verdict: Verdict =
    best.credit >= COVERED ? "covered" : best.near < NEAR && mayCallMissing ? "missing" : "unclear";
  return {
    verdict,
    quote: verdict === "covered" ? (sentences.texts[best.index] ?? null) : null,
    credit: best.credit,
  };
}

/**
 * Key points are abstractions ("context matters") an answer rarely words the same way, so each is also
 * anchored to the sample answer's sentence that expresses it best, and the answer may cover either.
 */
export function pointClaims(
  points: string[],
  sampleSentences: ContentWord[][],
  sentences: AnswerSentences,
  demoted: Set<string>,
  mayCallMissing = true,
): (PointCoverage & Claim)[] {
  return points.map((point) => {
    const own = contentWords(analyzeCached(point));
    const direct = bestSentence(own, sentences, demoted);
    let anchor: ContentWord[] = [];
    let anchorFit = 0;
    for (const sentence of sampleSentences) {
      const fit = coverageOf(align(own, sentence), LEVEL, new Set());
      if (fit > anchorFit) {
        anchorFit = fit;
        anchor = sentence;
      }
    }
    const via =
      anchorFit >= COVERED ? bestSentence(anchor, sentences, demoted) : { credit: 0, near: 0, index: -1 };
    const anchored = { ...via, credit: Math.min(1, via.credit / COVERED) * ANCHOR_SHARE };
    const best = anchored.credit > direct.credit ? anchored : direct;
    const claim = claimOf({ ...best, near: Math.max(direct.near, via.near) }, sentences, mayCallMissing);
    return { point, ...claim, covered: claim.verdict === "covered" };
  });
}

/** A keyword (one or a few words) is said when every word of it has a match in one sentence. */
export function keywordClaim(keyword: string, sentences: AnswerSentences, mayCallMissing = true): Claim {
  const own = contentWords(analyzeCached(keyword));
  const best: Best = { credit: 0, near: 0, index: -1 };
  sentences.words.forEach((words, index) => {
    if (own.length === 0 || words.length === 0) return;
    const matches = align(own, words);
    const strengths = matches.map((m) => strength(m, LEVEL));
    let credit = Math.min(...strengths);
    // Phrases of three or more words ("incremental dependency upgrades") count when most of them are there.
    const found = strengths.filter((s) => s > 0).length;
    if (own.length >= 3 && found / own.length >= 2 / 3) credit = Math.max(credit, COVERED);
    best.near = Math.max(best.near, Math.min(...matches.map((m) => strength(m, LOOSE))));
    if (credit > best.credit) Object.assign(best, { credit, index });
  });
  return claimOf(best, sentences, mayCallMissing);
}
