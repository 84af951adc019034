import { termList } from "./concepts.ts";
import type { Corpus } from "./corpus.ts";
import { weightedRecall } from "./similarity.ts";
import { analyzeCached } from "./text.ts";

export interface KeywordCoverage {
  matched: string[];
  missing: string[];
  /** 0–1: full matches count 1, a phrase with some of its words counts the share it has. */
  value: number;
}

export interface PointCoverage {
  point: string;
  credit: number;
  covered: boolean;
}

/** A point counts as covered from this share of its (idf-weighted) evidence on. */
const COVERED = 0.5;
/** Echoing this share of the anchor sentence's evidence counts as fully covering its point. */
const ANCHOR_FULL = 0.5;

function termsOfPhrase(phrase: string): string[] {
  const analysis = analyzeCached(phrase);
  const terms = termList(analysis);
  // A keyword made only of grammar words ("I") is still a keyword: match its words.
  return terms.length > 0 ? terms : analysis.tokens.filter((t) => t.kind === "word").map((t) => t.stem);
}

/** "STAR" as an expected keyword asks for the structure, not the word. */
const isStructuralKeyword = (keyword: string) => keyword.trim().toLowerCase() === "star";

export function keywordCoverage(
  keywords: string[],
  answer: Set<string>,
  starCompleteness: number,
): KeywordCoverage {
  const matched: string[] = [];
  const missing: string[] = [];
  let credit = 0;
  for (const keyword of keywords) {
    let share: number;
    if (isStructuralKeyword(keyword)) share = starCompleteness >= 0.75 ? 1 : starCompleteness / 2;
    else {
      const terms = [...new Set(termsOfPhrase(keyword))];
      share = terms.length === 0 ? 0 : terms.filter((t) => answer.has(t)).length / terms.length;
      // Long phrases ("incremental dependency upgrades") count when most of their words are there.
      if (terms.length >= 3 && share >= 2 / 3) share = 1;
    }
    (share >= 1 ? matched : missing).push(keyword);
    credit += share;
  }
  return { matched, missing, value: keywords.length === 0 ? 0 : credit / keywords.length };
}

/** The question's own words are no evidence of an answer: echoing "microtasks and macrotasks" explains nothing. */
export const withoutQuestion = (terms: string[], question: Set<string>): string[] => {
  const rest = terms.filter((t) => !question.has(t));
  return rest.length > 0 ? rest : terms;
};

/**
 * Key points are short abstractions ("Fast mitigation"); an answer rarely repeats their words. So each
 * point is also anchored to the sample answer's sentence that best expresses it, and the answer gets the
 * better of the two recalls: the point's own words, or (discounted) the anchor sentence's.
 */
export function pointCoverage(
  points: string[],
  sampleSentences: string[][],
  answer: Set<string>,
  question: Set<string>,
  corpus: Corpus,
): PointCoverage[] {
  return points.map((point) => {
    const terms = termsOfPhrase(point);
    const direct = weightedRecall(withoutQuestion(terms, question), answer, corpus);
    let anchor: string[] = [];
    let best = 0;
    for (const sentence of sampleSentences) {
      const recall = weightedRecall(terms, new Set(sentence), corpus);
      if (recall > best) {
        best = recall;
        anchor = sentence;
      }
    }
    const echoed = weightedRecall(withoutQuestion(anchor, question), answer, corpus);
    const anchored = best > 0 ? Math.min(1, echoed / ANCHOR_FULL) : 0;
    const credit = Math.max(direct, anchored);
    return { point, credit, covered: credit >= COVERED };
  });
}

export const meanCredit = (points: PointCoverage[]): number =>
  points.length === 0 ? 0 : points.reduce((sum, p) => sum + p.credit, 0) / points.length;
