import type { Analysis } from "./text.ts";

/**
 * Answers that are not answers. Each gate caps the scores (see CAPS), whatever else the answer matched:
 * an empty or nonsense answer must not score on lucky keywords, a pasted question must not score on the
 * question's own words, and a list of keywords is not an explanation.
 */
export interface Gates {
  empty: boolean;
  gibberish: boolean;
  offTopic: boolean;
  copiedQuestion: boolean;
  keywordStuffed: boolean;
}

export interface GateEvidence {
  gates: Gates;
  measures: {
    words: number;
    unknownWordShare: number;
    functionWordShare: number;
    grammar: number;
    relevance: number;
    questionOverlap: number;
    novelTerms: number;
    topicality: number;
    bestOther: number;
    keywordDensity: number;
    distinctTermShare: number;
  };
}

/** The highest response_score each gate allows, in the order they are reported. */
export const CAPS: Record<keyof Gates, number> = {
  empty: 0,
  gibberish: 0.5,
  copiedQuestion: 1,
  keywordStuffed: 1.5,
  offTopic: 1.5,
};

export interface GateInput {
  answer: Analysis;
  answerTerms: string[];
  /** Stems and concepts the question side uses (question, sample, keywords, key points). */
  contextTerms: Set<string>;
  questionTerms: Set<string>;
  questionWords: number;
  /** Terms of the expected keywords and key points. */
  keywordTerms: Set<string>;
  grammar: number;
  /** Similarity of the answer to everything the question side says. */
  relevance: number;
  /** Idf-weighted share of the answer's terms that the question side uses at all. */
  topicality: number;
  /** Similarity to the bank question the answer fits best, other than the one asked. */
  bestOther: number;
  /** Share of the expected keywords and key points the answer touches. */
  coverage: number;
  /**
   * An open question ("walk me through your background") that any account of the candidate's own work
   * answers: an answer is unrelated to it only if it is unrelated to the whole field too.
   */
  openQuestion?: boolean;
}

/** Thresholds, each with room on both sides on the question bank's own answers and on shuffled ones. */
const MIN_WORDS = 3;
const MAX_UNKNOWN_SHARE = 0.4;
const MIN_GRAMMAR = 0.05;
const MAX_OFF_TOPIC_RELEVANCE = 0.05;
const MAX_OFF_TOPIC_TOPICALITY = 0.06;
/** An answer that fits another question this well, and the asked one less than a third as well, is off topic. */
const OTHER_QUESTION_FIT = 0.2;
/** Below this similarity to every question of the bank, an answer is about another field altogether. */
const OUT_OF_FIELD = 0.1;
const OTHER_QUESTION_RATIO = 0.35;
const MIN_QUESTION_OVERLAP = 0.5;
const MAX_NOVEL_TERMS = 5;
const MAX_KEYWORD_DENSITY = 0.45;

export function checkGates(input: GateInput): GateEvidence {
  const { answer, answerTerms } = input;
  const words = answer.tokens.filter((t) => t.kind === "word" && !t.normal.includes("'"));
  const unknown = words.filter((t) => t.oov && !input.contextTerms.has(t.stem)).length;
  const unknownWordShare = words.length === 0 ? 0 : unknown / words.length;
  const functionWordShare = words.length === 0 ? 0 : words.filter((t) => t.stop).length / words.length;
  const distinct = new Set(answerTerms);
  const distinctTermShare = answerTerms.length === 0 ? 1 : distinct.size / answerTerms.length;
  const inQuestion = [...distinct].filter((t) => input.questionTerms.has(t)).length;
  const questionOverlap = distinct.size === 0 ? 0 : inQuestion / distinct.size;
  const novelTerms = distinct.size - inQuestion;
  const keywordHits = answerTerms.filter((t) => input.keywordTerms.has(t)).length;
  const keywordDensity = answerTerms.length === 0 ? 0 : keywordHits / answerTerms.length;

  const empty = answer.words < MIN_WORDS;
  const salad = answer.words >= 6 && input.grammar < MIN_GRAMMAR;
  const listy = functionWordShare < 0.15 || distinctTermShare < 0.5 || input.grammar < 0.1;
  const keywordStuffed = !empty && keywordDensity >= MAX_KEYWORD_DENSITY && listy && answerTerms.length >= 4;
  const gibberish = !empty && !keywordStuffed && (unknownWordShare >= MAX_UNKNOWN_SHARE || salad);
  // A restatement of the question (at least as long as the question, often padded) that adds almost no
  // word of its own. Shorter answers are judged as (thin) answers, not as copies.
  const copiedQuestion =
    !empty &&
    questionOverlap >= MIN_QUESTION_OVERLAP &&
    novelTerms <= MAX_NOVEL_TERMS &&
    answer.words >= input.questionWords;
  // Fluent, but about something else: hardly a word the question side uses. Lexical overlap is a weak
  // measure for stories told with their own words, so the bar is low on every count.
  const unrelated =
    input.relevance < MAX_OFF_TOPIC_RELEVANCE &&
    input.topicality < MAX_OFF_TOPIC_TOPICALITY &&
    input.coverage < 0.1 &&
    (!input.openQuestion || input.bestOther < OUT_OF_FIELD);
  const answersAnother =
    input.bestOther >= OTHER_QUESTION_FIT &&
    input.relevance < OTHER_QUESTION_RATIO * input.bestOther &&
    input.coverage < 0.25;
  const offTopic = !empty && !gibberish && !copiedQuestion && (unrelated || answersAnother);
  return {
    gates: { empty, gibberish, offTopic, copiedQuestion, keywordStuffed },
    measures: {
      words: answer.words,
      unknownWordShare,
      functionWordShare,
      grammar: input.grammar,
      relevance: input.relevance,
      questionOverlap,
      novelTerms,
      topicality: input.topicality,
      bestOther: input.bestOther,
      keywordDensity,
      distinctTermShare,
    },
  };
}

/** The lowest cap among the gates that fired, or null. */
export function capOf(gates: Gates): { cap: number; gate: keyof Gates } | null {
  let found: { cap: number; gate: keyof Gates } | null = null;
  for (const gate of Object.keys(CAPS) as (keyof Gates)[]) {
    if (gates[gate] && (found === null || CAPS[gate] < found.cap)) found = { cap: CAPS[gate], gate };
  }
  return found;
}
