import { describe, expect, it } from "vitest";
import { scoreBuiltin } from "../src/interviews/scoring/builtin.ts";
import type { QuestionType, ScoringInput } from "../src/interviews/scoring/types.ts";
import bands from "./fixtures/scoring/bands.json" with { type: "json" };

// The consistency harness: for each question type, answers of known kinds (strong, a paraphrase of the
// sample, vague, partial ownership, off topic, keyword stuffing, gibberish, prompt injection) and the band
// their overall score must fall in. The same input twice gives identical output.

type Band = (typeof bands.cases)[number];

function inputOf(c: Band): ScoringInput {
  const q = bands.questions[c.type as keyof typeof bands.questions];
  return {
    question: q.question,
    questionType: c.type as QuestionType,
    expectedKeywords: q.expected_answer_keywords,
    sampleAnswer: q.sample_answer,
    evaluationCriteria: { key_points: q.key_points },
    timeLimitSeconds: 120,
    answer: c.answer,
  };
}

describe("score bands per question type", () => {
  it("covers every question type with at least five kinds", () => {
    for (const type of ["technical", "behavioral", "situational", "general"]) {
      expect(
        new Set(bands.cases.filter((c) => c.type === type).map((c) => c.kind)).size,
        type,
      ).toBeGreaterThanOrEqual(4);
    }
  });

  for (const c of bands.cases) {
    it(`${c.type} / ${c.kind}: response_score in [${c.band[0]}, ${c.band[1]}]`, () => {
      const result = scoreBuiltin(inputOf(c));
      expect(result.response_score, result.ai_feedback).toBeGreaterThanOrEqual(c.band[0] as number);
      expect(result.response_score, result.ai_feedback).toBeLessThanOrEqual(c.band[1] as number);
      expect(scoreBuiltin(inputOf(c))).toEqual(result);
    });
  }

  it("ranks a strong answer above a vague one, and a paraphrase of the sample above a vague one", () => {
    for (const type of ["technical", "behavioral", "situational", "general"]) {
      const of = (kind: string) => bands.cases.find((c) => c.type === type && c.kind === kind);
      const strong = of("strong");
      const vague = of("vague");
      if (!strong || !vague) continue;
      expect(scoreBuiltin(inputOf(strong)).response_score, type).toBeGreaterThan(
        scoreBuiltin(inputOf(vague)).response_score + 1,
      );
      expect(scoreBuiltin(inputOf(strong)).technical_accuracy, type).toBeGreaterThan(
        scoreBuiltin(inputOf(vague)).technical_accuracy,
      );
    }
    const paraphrase = bands.cases.find((c) => c.kind === "paraphrase") as Band;
    const vague = bands.cases.find((c) => c.type === paraphrase.type && c.kind === "vague") as Band;
    expect(scoreBuiltin(inputOf(paraphrase)).technical_accuracy).toBeGreaterThan(
      scoreBuiltin(inputOf(vague)).technical_accuracy,
    );
  });

  it("lists no key point as missing that a paraphrase expresses in other words", () => {
    const paraphrase = bands.cases.find((c) => c.kind === "paraphrase") as Band;
    const r = scoreBuiltin(inputOf(paraphrase));
    const points = (r.raw.signals as { coverage: { key_points: { point: string; verdict: string }[] } })
      .coverage.key_points;
    // The paraphrase measures first, reads how the database runs the query, adds a lookup structure and
    // re-times it: every point is in it, so none may be called missing.
    expect(points.filter((p) => p.verdict === "missing").map((p) => p.point)).toEqual([]);
    expect(r.ai_feedback).not.toMatch(/does not mention/);
  });
});
