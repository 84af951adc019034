import { evidence } from "./builtin/evidence.ts";
import { writeFeedback } from "./builtin/feedback.ts";
import { measure } from "./builtin/measure.ts";
import { computeScores } from "./builtin/scores.ts";
import type { ScoringInput, ScoringResult } from "./types.ts";

export { BUILTIN_SCORER_VERSION } from "./builtin/evidence.ts";

/**
 * Scores an answer offline and deterministically: the same input always gives the same output, with no
 * clock, randomness or network. Every number in the result is explained in `raw` (see
 * docs/decisions/0010-builtin-answer-scorer.md).
 */
export function scoreBuiltin(input: ScoringInput): ScoringResult {
  const m = measure(input);
  const scores = computeScores(m.features, input.questionType, m.gates.gates);
  const feedback = writeFeedback(m, scores.response_score);
  return {
    response_score: scores.response_score,
    technical_accuracy: scores.technical_accuracy,
    communication_clarity: scores.communication_clarity,
    relevance_score: scores.relevance_score,
    confidence_level: scores.confidence_level,
    ai_feedback: feedback.aiFeedback,
    keywords_mentioned: m.keywords.matched,
    missing_keywords: m.keywords.missing,
    suggested_improvement: feedback.suggestedImprovement,
    ideal_answer_comparison: feedback.idealAnswerComparison,
    raw: evidence(m, scores),
  };
}
