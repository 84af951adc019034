import type { ScoringInput } from "../types.ts";
import { type ContentWord, contentWords } from "./alignment.ts";
import { termList, termsOf } from "./concepts.ts";
import type { Corpus } from "./corpus.ts";
import { type ReferenceSide, referenceSide } from "./correctness.ts";
import { type Vector, vectorOf } from "./similarity.ts";
import { type Analysis, analyzeCached, sentenceTokens } from "./text.ts";

/** Everything the scorer derives from the question side; the same for every answer to that question. */
export interface QuestionProfile {
  question: Analysis;
  questionTerms: Set<string>;
  questionVector: Vector;
  sample: Analysis | null;
  sampleVector: Vector | null;
  /** Content terms of each sample sentence, for anchoring key points. */
  sampleSentences: string[][];
  sampleSentenceTexts: string[];
  keywords: string[];
  keyPoints: string[];
  /** Terms of the expected keywords and key points: what "on topic" means for this question. */
  keywordTerms: Set<string>;
  /** Question, sample, keywords and key points together. */
  referenceVector: Vector;
  contextTerms: Set<string>;
  /** Content words of each sample sentence (alignment), for anchoring key points. */
  sampleSentenceWords: ContentWord[][];
  /** What correctness is measured against: the sample answer, key points and keywords. */
  correctness: ReferenceSide;
}

const cache = new Map<string, QuestionProfile>();

export function buildProfile(input: ScoringInput, corpus: Corpus): QuestionProfile {
  const question = analyzeCached(input.question);
  const questionTerms = termList(question);
  const sampleText = input.sampleAnswer?.trim() ? input.sampleAnswer : null;
  const sample = sampleText ? analyzeCached(sampleText) : null;
  const located = sample ? termsOf(sample) : [];
  const sampleTerms = located.map((t) => t.term);
  const sampleSentences = (sample?.sentences ?? []).map((s) =>
    located.filter((t) => t.at >= s.first && t.at <= s.last).map((t) => t.term),
  );
  const keywords = (input.expectedKeywords ?? []).filter((k) => k.trim().length > 0);
  const keyPoints = (input.evaluationCriteria?.key_points ?? []).filter((k) => k.trim().length > 0);
  const keywordTerms = new Set([...keywords, ...keyPoints].flatMap((k) => termList(analyzeCached(k))));
  const reference = [...questionTerms, ...sampleTerms, ...keywordTerms, ...keywordTerms];
  return {
    question,
    questionTerms: new Set(questionTerms),
    questionVector: vectorOf(questionTerms, corpus),
    sample,
    sampleVector: sample ? vectorOf(sampleTerms, corpus) : null,
    sampleSentences,
    sampleSentenceTexts: sample
      ? sample.sentences.map((s) =>
          sentenceTokens(sample, s)
            .map((t) => t.value)
            .join(" "),
        )
      : [],
    keywords,
    keyPoints,
    keywordTerms,
    referenceVector: vectorOf(reference, corpus),
    contextTerms: new Set(reference),
    sampleSentenceWords: sample
      ? (() => {
          const words = contentWords(sample);
          return sample.sentences.map((_, i) => words.filter((w) => w.sentence === i));
        })()
      : [],
    correctness: referenceSide(question, [
      ...(sample ? [sample] : []),
      ...[...keyPoints, ...keywords].map((k) => analyzeCached(k)),
    ]),
  };
}

export function questionProfile(input: ScoringInput, corpus: Corpus): QuestionProfile {
  const key = JSON.stringify([
    input.question,
    input.sampleAnswer ?? null,
    input.expectedKeywords ?? null,
    input.evaluationCriteria?.key_points ?? null,
  ]);
  const hit = cache.get(key);
  if (hit) return hit;
  const profile = buildProfile(input, corpus);
  if (cache.size >= 256) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  cache.set(key, profile);
  return profile;
}
