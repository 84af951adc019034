import { embeddings } from "../../../lexicon/embeddings.ts";
import { isWordLike } from "../../../lexicon/spelling.ts";
import type { ScoringInput } from "../types.ts";
import { contentWords } from "./alignment.ts";
import { answerSentences, type Claim, pointClaims } from "./claims.ts";
import { type Term, termsOf } from "./concepts.ts";
import { type Corpus, defaultCorpus } from "./corpus.ts";
import {
  type CorrectnessSignals,
  correctnessShare,
  correctnessSignals,
  nearQuestionSide,
  predictedGrade,
} from "./correctness.ts";
import {
  type KeywordCoverage,
  keywordCoverage,
  meanCredit,
  type PointCoverage,
  withoutQuestion,
} from "./coverage.ts";
import { type Delivery, measureDelivery } from "./delivery.ts";
import { type InjectionCheck, stripInjection } from "./injection.ts";
import { checkLength } from "./length.ts";
import { type QuestionProfile, questionProfile } from "./profile.ts";
import { checkGates, type GateEvidence } from "./quality-gates.ts";
import type { Features } from "./scores.ts";
import { cosine, type Vector, vectorOf, weightedPrecision, weightedRecall } from "./similarity.ts";
import { measureSpecificity, type Specificity } from "./specificity.ts";
import { detectStar } from "./star.ts";
import { type Analysis, analyze } from "./text.ts";
import { type TopicFit, topicFit } from "./topic.ts";

/**
 * Cosine similarities between an answer and a reference rarely pass 0.5 even for a very good answer (it
 * uses its own words); these are the values treated as "as similar as a good answer gets".
 */
const FULL_SAMPLE_SIMILARITY = 0.4;
/** Share of the sample answer's (idf-weighted) terms, beyond the question's, that the best answers use. */
const FULL_SAMPLE_RECALL = 0.5;
const FULL_RELEVANCE = 0.35;

/** Words among this many of the most frequent (or a slip of one) are English words, for the gibberish gate. */
const KNOWN_RANK = 30_000;

/** Technical accuracy (0–1) from which a term the answer does not use is "unclear", not "missing". */
const LARGELY_CORRECT = 0.7;
/** A restatement of the question whose own words are this much (weighted) the reference's is an answer. */
const ADDS_REFERENCE = 0.25;

export interface Similarity {
  sample: number;
  sampleRecall: number;
  question: number;
  reference: number;
}

/** Everything measured about one answer, before it becomes scores and words. */
export interface Measurements {
  input: ScoringInput;
  corpus: Corpus;
  profile: QuestionProfile;
  injection: InjectionCheck;
  answer: Analysis;
  terms: Term[];
  vector: Vector;
  keywords: KeywordCoverage;
  points: (PointCoverage & Claim)[];
  similarity: Similarity;
  fit: TopicFit;
  correctness: {
    signals: CorrectnessSignals;
    grade: number;
    alignment: ReturnType<typeof correctnessSignals>;
  };
  specificity: Specificity;
  delivery: Delivery;
  grammar: number;
  features: Features;
  gates: GateEvidence;
}

const share = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);
const saturate = (value: number, full: number) => Math.min(1, value / full);

function similarityOf(
  vector: Vector,
  terms: Set<string>,
  profile: QuestionProfile,
  fit: TopicFit,
  corpus: Corpus,
) {
  const beyondQuestion = withoutQuestion(profile.sampleSentences.flat(), profile.questionTerms);
  return {
    sample: profile.sampleVector ? cosine(vector, profile.sampleVector) : 0,
    sampleRecall: profile.sample ? weightedRecall(beyondQuestion, terms, corpus) : 0,
    question: cosine(vector, profile.questionVector),
    reference: fit.asked,
  };
}

/** Content on 0–1. A question without keywords or key points falls back on what it does have. */
function contentFeatures(m: Pick<Measurements, "profile" | "keywords" | "points" | "similarity">) {
  const { profile, keywords, points, similarity } = m;
  const sample = profile.sampleVector
    ? 0.5 * saturate(similarity.sample, FULL_SAMPLE_SIMILARITY) +
      0.5 * saturate(similarity.sampleRecall, FULL_SAMPLE_RECALL)
    : saturate(similarity.reference, FULL_SAMPLE_SIMILARITY);
  const hasKeywords = profile.keywords.length > 0;
  const hasPoints = points.length > 0;
  const keywordValue = hasKeywords ? keywords.value : hasPoints ? meanCredit(points) : sample;
  return {
    keywords: keywordValue,
    keyPoints: hasPoints ? meanCredit(points) : keywordValue,
    sample,
    relevance: saturate(similarity.reference, FULL_RELEVANCE),
  };
}

export function measure(input: ScoringInput): Measurements {
  const corpus = defaultCorpus();
  const profile = questionProfile(input, corpus);
  const injection = stripInjection(input.answer ?? "");
  const answer = analyze(injection.text);
  const terms = termsOf(answer);
  const termList = terms.map((t) => t.term);
  const termSet = new Set(termList);
  const vector = vectorOf(termList, corpus);
  const star = detectStar(answer, input.questionType);
  const answerWords = contentWords(answer);
  const sentences = answerSentences(answer, answerWords);
  const possiblySaid = new Set(input.possiblySaid ?? []);
  const alignment = correctnessSignals(answerWords, profile.correctness);
  const correctness = { signals: alignment.signals, grade: predictedGrade(alignment.signals), alignment };
  // An answer the model finds largely correct that does not use a term has most likely put it in other
  // words ("my choice depends on the workload" for trade-offs): it is not told it missed it.
  const mayCallMissing = correctnessShare(correctness.grade) < LARGELY_CORRECT;
  const keywords = keywordCoverage(
    profile.keywords,
    sentences,
    star.completeness,
    possiblySaid,
    mayCallMissing,
  );
  const points = pointClaims(
    profile.keyPoints,
    profile.sampleSentenceWords,
    sentences,
    profile.correctness.demoted,
    mayCallMissing,
  );
  const fit = topicFit(vector, profile, corpus);
  const similarity = similarityOf(vector, termSet, profile, fit, corpus);
  const specificity = measureSpecificity(answer);
  const delivery = measureDelivery(answer);
  const length = checkLength(
    answer.words,
    input.timeLimitSeconds,
    profile.sample?.words ?? null,
    input.responseDurationSeconds,
  );
  const grammar = corpus.grammar.coherence(answer);
  const content = contentFeatures({ profile, keywords, points, similarity });
  const features: Features = {
    ...content,
    correctness: correctnessShare(correctness.grade),
    star,
    specificity: specificity.value,
    delivery,
    length,
    words: answer.words,
  };
  const gates = checkGates({
    answer,
    answerTerms: termList,
    contextTerms: profile.contextTerms,
    questionTerms: profile.questionTerms,
    questionWords: profile.question.words,
    keywordTerms: profile.keywordTerms,
    grammar,
    relevance: similarity.reference,
    bestOther: fit.bestOther,
    topicality: weightedPrecision(termSet, profile.contextTerms, corpus),
    // What is clearly said, not partial evidence: near words alone do not make an answer on topic.
    coverage: Math.max(
      share(keywords.matched.length, profile.keywords.length),
      share(points.filter((p) => p.covered).length, points.length),
    ),
    openQuestion: input.questionType === "general",
    question: input.question,
    addsReference: alignment.signals.precision_exact_d >= ADDS_REFERENCE,
    nearQuestionSide: nearQuestionSide(answerWords, profile.correctness),
    contentWords: answerWords.length,
    isWordLike: (w) => isWordLike(w, embeddings(), KNOWN_RANK),
  });
  return {
    input,
    corpus,
    profile,
    injection,
    answer,
    terms,
    vector,
    keywords,
    points,
    similarity,
    fit,
    correctness,
    specificity,
    delivery,
    grammar,
    features,
    gates,
  };
}
