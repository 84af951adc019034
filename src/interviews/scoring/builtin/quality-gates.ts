import { isNonAnswer } from "./non-answer.ts";
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
  question: string;
  /** Some answer word beyond the question's matches the reference (sample answer, key points). */
  addsReference: boolean;
  /** Weighted share of the answer's content words near a word of the question side (cosine ≥ 0.5). */
  nearQuestionSide: number;
  /** Content words of the answer. */
  contentWords: number;
  /** A word of English or a typing slip of one (src/lexicon/spelling.ts). */
  isWordLike(word: string): boolean;
}

/** Thresholds, each with room on both sides on the question bank's own answers and on shuffled ones. */
const MAX_UNKNOWN_SHARE = 0.4;
const MAX_OFF_TOPIC_RELEVANCE = 0.05;
const MAX_OFF_TOPIC_TOPICALITY = 0.06;
/** An answer that fits another question this well, and the asked one less than a third as well, is off topic. */
const OTHER_QUESTION_FIT = 0.2;
/** Below this similarity to every question of the bank, an answer is about another field altogether. */
const OUT_OF_FIELD = 0.1;
const OTHER_QUESTION_RATIO = 0.35;
const MIN_QUESTION_OVERLAP = 0.5;
const MAX_NOVEL_TERMS = 5;
const MIN_SHARE_OF_QUESTION = 0.8;
const MAX_KEYWORD_DENSITY = 0.45;
/**
 * Below this share of words near the question side, an answer's words are unrelated to it: 1% of the real
 * answers graded ≥ 2 of 5 with 12+ content words fall below it in the UNT dev set (ADR 0015).
 */
const NEAR_QUESTION_SIDE = 0.15;
/** camelCase or snake_case: a name from code ("xPtr", "max_len"), not a misspelling. */
const CODE_IDENTIFIER = /[a-z][A-Z]|[a-z]_[a-z]/;
const MIN_JUDGEABLE = 12;
/**
 * Real answers of 15+ words graded ≥ 2 of 5 keep a part-of-speech coherence above about −0.2 (1st
 * percentile, UNT dev set); far below it the words are a heap, not sentences.
 */
const INCOHERENT = -0.45;
/** Code has no English grammar and is an answer: "int a [100]; a [i] equals multiplied bya plus i". */
const CODE = /[[\]{}();=<>]/;
/** Below the same percentile, and with words unrelated to the question, it is not an answer. */
const UNGRAMMATICAL = -0.3;
/** Articles this often followed by a grammar word or the end ("cache the of") mean the words are shuffled. */
const SCRAMBLED_ARTICLES = 0.4;
/** Share of words that repeat the word before them. */
const STUTTER_SHARE = 0.1;
const ARTICLES = new Set(["the", "a", "an"]);
const NOT_AFTER_ARTICLE = new Set(["DET", "ADP", "PRON", "CCONJ", "SCONJ", "PART"]);
const SENTENCE_END = new Set([".", "!", "?"]);

/**
 * Words in no order: in English "the" and "a" come before what they introduce, so in prose almost none is
 * followed by a preposition, a verb's auxiliary, a pronoun or a full stop; reversed or shuffled, many are.
 */
function scrambled(answer: Analysis): boolean {
  const tokens = answer.tokens;
  let articles = 0;
  let stranded = 0;
  tokens.forEach((t, i) => {
    if (!ARTICLES.has(t.normal)) return;
    articles++;
    const next = tokens[i + 1];
    if (!next || NOT_AFTER_ARTICLE.has(next.pos) || SENTENCE_END.has(next.value)) stranded++;
  });
  const words = tokens.filter((t) => t.kind === "word" || t.kind === "number");
  // Speech repeats a word now and then ("I I think"); a heap of words repeats them all the time.
  const repeats = words.filter((t, i) => i > 0 && words[i - 1]?.normal === t.normal).length;
  const stuttered = repeats >= 3 && repeats / words.length >= STUTTER_SHARE;
  return stuttered || (articles >= 3 && stranded / articles >= SCRAMBLED_ARTICLES);
}

export function checkGates(input: GateInput): GateEvidence {
  const { answer, answerTerms } = input;
  const words = answer.tokens.filter((t) => t.kind === "word" && !t.normal.includes("'"));
  // Unknown to wink's lexicon and neither a frequent word of the embeddings nor a slip of one: "int",
  // "bool" and "throught" are words; "xqzv" is not.
  const unknown = words.filter(
    (t) =>
      t.oov &&
      !input.contextTerms.has(t.stem) &&
      !CODE_IDENTIFIER.test(t.value) &&
      !input.isWordLike(t.normal) &&
      !input.isWordLike(t.lemma),
  ).length;
  const unknownWordShare = words.length === 0 ? 0 : unknown / words.length;
  const functionWordShare = words.length === 0 ? 0 : words.filter((t) => t.stop).length / words.length;
  const distinct = new Set(answerTerms);
  const distinctTermShare = answerTerms.length === 0 ? 1 : distinct.size / answerTerms.length;
  const inQuestion = [...distinct].filter((t) => input.questionTerms.has(t)).length;
  const questionOverlap = distinct.size === 0 ? 0 : inQuestion / distinct.size;
  const novelTerms = distinct.size - inQuestion;
  const keywordHits = answerTerms.filter((t) => input.keywordTerms.has(t)).length;
  const keywordDensity = answerTerms.length === 0 ? 0 : keywordHits / answerTerms.length;

  const empty = isNonAnswer(answer, input.question);
  // The part-of-speech model flags telegraphic but on-topic answers ("Existing classes can be reused,
  // Program maintenance and verification are easier"), so it only counts where the words are unrelated too.
  const unrelatedWords = input.nearQuestionSide < NEAR_QUESTION_SIDE;
  const salad =
    answer.words >= 6 &&
    ((input.grammar < UNGRAMMATICAL && unrelatedWords) ||
      scrambled(answer) ||
      (answer.words >= 15 && input.grammar < INCOHERENT && !CODE.test(answer.text)));
  const listy = functionWordShare < 0.15 || distinctTermShare < 0.5 || input.grammar < 0.1;
  const keywordStuffed = !empty && keywordDensity >= MAX_KEYWORD_DENSITY && listy && answerTerms.length >= 4;
  // Ten words without one grammar word, many of them not words at all: a heap, not a list of terms.
  const noSentence =
    answer.words >= 10 && functionWordShare < 0.1 && unknownWordShare >= MAX_UNKNOWN_SHARE / 2;
  const gibberish =
    !empty &&
    !keywordStuffed &&
    ((answer.words >= 3 && unknownWordShare >= MAX_UNKNOWN_SHARE) || noSentence || salad);
  // A restatement of the question (at least as long as the question, often padded) that adds almost no
  // word of its own. Shorter answers are judged as (thin) answers, not as copies.
  // "By rows" to "…by rows or by columns?" takes all its words from the question and is right: a copy
  // also has (nearly) all of the question's terms.
  const ofQuestion = input.questionTerms.size === 0 ? 0 : inQuestion / input.questionTerms.size;
  // One term of its own can be the whole answer ("Arrays are passed to functions by reference"), so a
  // restatement is a copy only if none of what it adds is the reference's content.
  const copiedQuestion =
    !empty &&
    !input.addsReference &&
    ofQuestion >= MIN_SHARE_OF_QUESTION &&
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
  // Words alone cannot tell a short answer in other words ("The entire program" for "File scope") from an
  // unrelated one, so only an answer long enough to judge is off topic.
  const judgeable = input.contentWords >= MIN_JUDGEABLE;
  const offTopic = !empty && !gibberish && !copiedQuestion && judgeable && (unrelated || answersAnother);
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
