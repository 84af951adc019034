import { describe, expect, it } from "vitest";
import { useTestDatabase } from "./helpers/database.ts";

// The seeded question bank: enough good questions per role, of every type and difficulty.

const db = useTestDatabase();

describe("question bank", () => {
  it("has at least 20 questions per role, covering all types and difficulties", async () => {
    const { rows } = await db.pool.query<{ title: string; n: number; types: string[]; levels: string[] }>(
      `select r.title, count(*)::int as n, array_agg(distinct q.question_type) as types,
              array_agg(distinct q.difficulty_level) as levels
       from public.interview_questions q join public.job_roles r on r.id = q.job_role_id
       where q.is_active group by r.title order by r.title`,
    );
    expect(rows).toHaveLength(6);
    for (const row of rows) {
      expect(row.n, row.title).toBeGreaterThanOrEqual(20);
      expect([...row.types].sort(), row.title).toEqual(["behavioral", "general", "situational", "technical"]);
      expect([...row.levels].sort(), row.title).toEqual(["easy", "hard", "medium"]);
    }
  });

  it("keeps the document's three questions as written", async () => {
    const { rows } = await db.pool.query(
      "select question_text from public.interview_questions where question_text in ($1, $2, $3)",
      [
        "What is the difference between let, const, and var in JavaScript?",
        "Tell me about a challenging project you worked on and how you overcame the difficulties.",
        "Explain the difference between SQL and NoSQL databases.",
      ],
    );
    expect(rows).toHaveLength(3);
  });

  it("gives every new question keywords, a sample answer, criteria and a sensible time limit", async () => {
    const { rows } = await db.pool.query(
      `select question_text, expected_answer_keywords, sample_answer, evaluation_criteria, time_limit_seconds
       from public.interview_questions where sample_answer is not null`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(120);
    for (const q of rows) {
      expect(q.expected_answer_keywords.length, q.question_text).toBeGreaterThanOrEqual(4);
      expect(q.sample_answer.split(/\s+/).length, q.question_text).toBeGreaterThanOrEqual(50);
      expect(Object.keys(q.evaluation_criteria).sort(), q.question_text).toEqual([
        "adequate",
        "key_points",
        "strong",
        "weak",
      ]);
      expect(q.time_limit_seconds).toBeGreaterThanOrEqual(60);
      expect(q.time_limit_seconds).toBeLessThanOrEqual(240);
    }
    const texts = rows.map((r) => r.question_text);
    expect(new Set(texts).size).toBe(texts.length);
  });
});
