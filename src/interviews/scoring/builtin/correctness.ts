import { align, type ContentWord, contentWords, coverageOf, textCosine } from "./alignment.ts";
import { type Alternatives, alternativesOf, contradictsChoice } from "./choice.ts";
import fitted from "./correctness-weights.json" with { type: "json" };
import type { Analysis } from "./text.ts";

/**
 * The signals technical_accuracy is fitted on: how much of the reference (the sample answer and the key
 * points) the answer expresses, and how much of the answer is about it. Only meaning counts here; length,
 * structure and fillers belong to communication (ADR 0015).
 */
/**
 * Each signal is a coverage at one level of the alignment (exact words; with synonyms; with vectors from
 * a cosine of 0.5 / 0.7 on), with the question's words left out ("d", demoted) or counted ("q"). The fit
 * decides how much each level is worth, so no threshold is picked by hand on the answers it is scored on.
 */
export const SIGNALS = [
  "recall_exact_q",
  "recall_synonym_d",
  "recall_vector50_d",
  "recall_vector70_d",
  "recall_vector70_q",
  "precision_exact_d",
  "precision_vector70_d",
  "cosine_d",
  "cosine_q",
  "question_share",
  "f1_exact_q",
  "f1_vector70_h",
  "recall_vector70_h",
  "recall_vector60_h",
  "length",
  "length_ratio",
  "contradicts_choice",
] as const;

export type CorrectnessSignals = Record<(typeof SIGNALS)[number], number>;

export interface ReferenceSide {
  question: ContentWord[];
  reference: ContentWord[];
  demoted: Set<string>;
  alternatives: Alternatives | null;
}

/** Weighted share of the answer's content words near some word of the question or reference. */
export function nearQuestionSide(answer: ContentWord[], side: ReferenceSide): number {
  return coverageOf(align(answer, [...side.question, ...side.reference]), { vector: 0.5 }, new Set());
}

/** The question's content words are demoted; the reference is the sample answer, key points and keywords. */
export function referenceSide(question: Analysis, references: Analysis[]): ReferenceSide {
  const q = contentWords(question);
  const reference = references.flatMap((r) => contentWords(r));
  return {
    question: q,
    reference,
    demoted: new Set(q.flatMap((w) => [w.lemma, w.stem])),
    alternatives: alternativesOf(question.text, q, reference),
  };
}

const f1 = (r: number, p: number) => (r + p === 0 ? 0 : (2 * r * p) / (r + p));

export function correctnessSignals(answer: ContentWord[], side: ReferenceSide) {
  const none = new Set<string>();
  const { demoted } = side;
  const toAnswer = align(side.reference, answer);
  const toReference = align(answer, side.reference);
  const v50 = { vector: 0.5 };
  const v70 = { vector: 0.7 };
  const inQuestion = answer.filter((w) => demoted.has(w.lemma) || demoted.has(w.stem)).length;
  const signals: CorrectnessSignals = {
    recall_exact_q: coverageOf(toAnswer, "exact", none),
    recall_synonym_d: coverageOf(toAnswer, "synonym", demoted),
    recall_vector50_d: coverageOf(toAnswer, v50, demoted),
    recall_vector70_d: coverageOf(toAnswer, v70, demoted),
    recall_vector70_q: coverageOf(toAnswer, v70, none),
    precision_exact_d: coverageOf(toReference, "exact", demoted),
    precision_vector70_d: coverageOf(toReference, v70, demoted),
    cosine_d: textCosine(answer, side.reference, demoted),
    cosine_q: textCosine(answer, side.reference, none),
    f1_exact_q: f1(coverageOf(toAnswer, "exact", none), coverageOf(toReference, "exact", none)),
    f1_vector70_h: f1(coverageOf(toAnswer, v70, demoted, 0.5), coverageOf(toReference, v70, demoted, 0.5)),
    recall_vector70_h: coverageOf(toAnswer, v70, demoted, 0.5),
    recall_vector60_h: coverageOf(toAnswer, { vector: 0.6 }, demoted, 0.5),
    question_share: answer.length === 0 ? 0 : inQuestion / answer.length,
    length: Math.log1p(answer.length),
    length_ratio: Math.log1p(answer.length) - Math.log1p(side.reference.length),
    contradicts_choice: contradictsChoice(answer, side.alternatives),
  };
  return { signals, toAnswer, toReference };
}

/**
 * Where a model's scale starts: the grade below which technical accuracy is 0, chosen so that an answer
 * with no evidence at all (the intercept, about 3 of 5 — the teachers' grades average 4.1) scores
 * NO_EVIDENCE of 10. The model cannot tell a wrong answer from one in words it does not know, so that is
 * not 0; but it must not read as "6 of 10 correct" either.
 */
export const NO_EVIDENCE = 2;
export const floorFor = (intercept: number): number =>
  (10 * intercept - 10 * NO_EVIDENCE) / (10 - NO_EVIDENCE);

/** Correctness on 0–1: the predicted grade stretched linearly from the floor (0) to a full grade (1). */
export function correctnessShare(grade: number): number {
  const floor = floorFor(fitted.intercept);
  return Math.min(1, Math.max(0, (grade - floor) / (5 - floor)));
}

/** The grade (0–5) human graders would give, as the fitted model predicts it from the signals. */
export function predictedGrade(signals: CorrectnessSignals): number {
  let grade = fitted.intercept;
  for (const s of SIGNALS) grade += ((fitted.weights as Record<string, number>)[s] ?? 0) * signals[s];
  return Math.min(5, Math.max(0, grade));
}
