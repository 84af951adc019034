import { type AnswerReview, reviewAnswer } from "../../ai/answer-review.ts";
import type { JsonModel } from "../../ai/json-model.ts";
import { failure, logAiCall } from "../../ai/log.ts";
import type { Pool } from "../../db/pool.ts";
import { round2, timerMs } from "../../numbers.ts";
import { scoreBuiltin } from "./builtin.ts";
import type { ScoringInput, ScoringResult } from "./types.ts";

export interface ScoringDependencies {
  pool: Pool;
  /** The configured model; absent on the built-in provider. */
  model: JsonModel | undefined;
  timeoutMs: number;
}

// At or below this the built-in gates found no real answer (empty, gibberish, copied, stuffed, off-topic):
// a model may not lift such an answer above it, whatever the answer told it.
const GATE_SCORE = 2;
const SCORE_FIELDS = [
  "response_score",
  "technical_accuracy",
  "communication_clarity",
  "relevance_score",
  "confidence_level",
] as const;

/**
 * Scores one answer: always with the built-in scorer (deterministic; it also decides which keywords were
 * covered), and with the configured model on top when there is one. A failing model leaves the built-in
 * result. Every call is logged in gemini_api_logs.
 */
export async function scoreAnswer(
  deps: ScoringDependencies,
  input: ScoringInput,
  userId: string | null,
  /** The built-in result for this very input, when the caller already has it. */
  precomputed?: ScoringResult,
): Promise<ScoringResult> {
  const started = performance.now();
  const builtin = precomputed ?? scoreBuiltin(input);
  const asked = {
    question: input.question.slice(0, 300),
    question_type: input.questionType,
    answer_words: input.answer.split(/\s+/).filter(Boolean).length,
  };
  if (!deps.model) {
    await logAiCall(deps.pool, {
      userId,
      endpoint: "builtin:answer-scorer",
      requestType: "interview_evaluation",
      request: asked,
      response: pickScores(builtin),
      tokens: null,
      milliseconds: performance.now() - started,
      status: "success",
      error: null,
    });
    return { ...builtin, raw: { provider: "builtin", ...builtin.raw } };
  }
  const modelStarted = performance.now();
  const signal = AbortSignal.timeout(timerMs(deps.timeoutMs));
  try {
    const { review, raw, tokens } = await reviewAnswer(deps.model, input, signal);
    const merged = mergeModelReview(builtin, review, deps.model.endpoint);
    merged.raw.response = raw;
    await logAiCall(deps.pool, {
      userId,
      endpoint: deps.model.endpoint,
      requestType: "interview_evaluation",
      request: asked,
      response: pickScores(merged),
      tokens,
      milliseconds: performance.now() - modelStarted,
      status: "success",
      error: null,
    });
    return merged;
  } catch (error) {
    const { status, reason } = failure(signal, error);
    await logAiCall(deps.pool, {
      userId,
      endpoint: deps.model.endpoint,
      requestType: "interview_evaluation",
      request: asked,
      response: null,
      tokens: null,
      milliseconds: performance.now() - modelStarted,
      status,
      error: `${reason}; the built-in score was used`,
    });
    return { ...builtin, raw: { provider: "builtin", fallback_from: deps.model.endpoint, ...builtin.raw } };
  }
}

/**
 * A model's review over the built-in result: the model's scores and words, the built-in keyword lists, and
 * the built-in gates as a ceiling when they found no real answer.
 */
export function mergeModelReview(
  builtin: ScoringResult,
  review: AnswerReview,
  endpoint: string,
): ScoringResult {
  const gated = builtin.response_score <= GATE_SCORE;
  const merged: ScoringResult = { ...builtin, ...review };
  if (gated) for (const field of SCORE_FIELDS) merged[field] = Math.min(review[field], builtin[field]);
  for (const field of SCORE_FIELDS) merged[field] = round2(merged[field]);
  merged.raw = {
    provider: endpoint,
    model: review,
    builtin: { ...pickScores(builtin), signals: builtin.raw },
    guard: gated
      ? "the built-in gates found no real answer; model scores were capped at the built-in ones"
      : null,
  };
  return merged;
}

function pickScores(result: ScoringResult): Record<string, number> {
  return Object.fromEntries(SCORE_FIELDS.map((field) => [field, result[field]]));
}
