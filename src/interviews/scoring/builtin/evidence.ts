import { round2 } from "../../../numbers.ts";
import type { Term } from "./concepts.ts";
import type { Measurements } from "./measure.ts";
import type { Scores } from "./scores.ts";
import { sharedTerms, type Vector } from "./similarity.ts";
import type { Analysis } from "./text.ts";

export const BUILTIN_SCORER_VERSION = "builtin-scorer/2";

/** A readable name for each term: the words the answer used for it. */
function displayNames(analysis: Analysis, terms: Term[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const { term, at } of terms) {
    if (!names.has(term))
      names.set(term, term.startsWith("~") ? term.slice(1) : (analysis.tokens[at]?.normal ?? term));
  }
  return names;
}

function similarityEvidence(m: Measurements) {
  const names = displayNames(m.answer, m.terms);
  const shared = (other: Vector | null) =>
    other ? sharedTerms(m.vector, other, 8).map((t) => names.get(t) ?? t) : [];
  return {
    sample: round2(m.similarity.sample),
    sample_recall: round2(m.similarity.sampleRecall),
    question: round2(m.similarity.question),
    reference: round2(m.similarity.reference),
    shared_with_sample: shared(m.profile.sampleVector),
    shared_with_question: shared(m.profile.questionVector),
    best_other_question: { similarity: round2(m.fit.bestOther), question: m.fit.otherQuestion },
  };
}

function signals(m: Measurements) {
  const { keywords, points, features, specificity, delivery, gates, injection } = m;
  const { star, length } = features;
  return {
    coverage: {
      matched: keywords.matched,
      missing: keywords.missing,
      unclear: keywords.unclear,
      possibly_said: keywords.possible,
      quotes: keywords.quotes,
      value: round2(keywords.value),
      key_points: points.map((p) => ({
        point: p.point,
        credit: round2(p.credit),
        verdict: p.verdict,
        quote: p.quote,
      })),
    },
    correctness: {
      model_grade_0_5: round2(m.correctness.grade),
      signals: Object.fromEntries(Object.entries(m.correctness.signals).map(([k, v]) => [k, round2(v)])),
    },
    similarity: similarityEvidence(m),
    star: {
      situation: star.situation,
      task: star.task,
      action: star.action,
      result: star.result,
      action_sentences: star.actionSentences,
      past_sentences: star.pastSentences,
      completeness: round2(star.completeness),
      evidence: star.evidence,
    },
    specificity: { ...specificity, value: round2(specificity.value) },
    ownership: {
      i: delivery.ownership.i,
      we: delivery.ownership.we,
      share: round2(delivery.ownership.share),
    },
    length: { ...length, factor: round2(length.factor) },
    hedging: delivery.hedging,
    fillers: delivery.fillers,
    connectives: delivery.connectives,
    sentences: { ...delivery.sentences, meanWords: round2(delivery.sentences.meanWords) },
    grammar: round2(m.grammar),
    gates: gates.gates,
    gate_measures: Object.fromEntries(Object.entries(gates.measures).map(([k, v]) => [k, round2(v)])),
    injection: {
      removed: injection.removed.length,
      sentences: injection.removed.map((s) => s.slice(0, 200)),
    },
  };
}

/** gemini_analysis_raw for the built-in scorer: which evidence moved each score, and by how much. */
export function evidence(m: Measurements, scores: Scores): Record<string, unknown> {
  return { version: BUILTIN_SCORER_VERSION, signals: signals(m), contributions: scores.contributions };
}
