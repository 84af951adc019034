import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../src/app.ts";
import { plannedType, selectNextQuestion, targetDifficulty } from "../src/interviews/selection.ts";
import { buildTestApp, testConfig } from "./helpers/app.ts";
import { call, signUp } from "./helpers/auth.ts";
import { useTestDatabase } from "./helpers/database.ts";
import {
  act,
  answerAll,
  createInterview,
  roleId,
  sampleAnswerOf,
  unlimitedUser,
} from "./helpers/interviews.ts";

// Which question comes next: type mix, difficulty ramp, no repeats, resume-aware questions, follow-ups.

const db = useTestDatabase();
let app: App;

beforeAll(async () => {
  app = await buildTestApp(db.pool, { auth: { ...testConfig().auth, autoconfirm: true } });
});

afterAll(async () => {
  await app?.close();
});

async function askedIn(sessionId: string) {
  const { rows } = await db.pool.query(
    `select q.question_order, q.question_id, q.origin, q.question_type, q.difficulty_level, q.question_text, q.skill,
            q.follows_up_order
     from public.interview_session_questions q where q.interview_session_id = $1 order by question_order`,
    [sessionId],
  );
  return rows;
}

describe("the plan of a session", () => {
  it("opens with a general question, then mixes behavioural, technical and situational", () => {
    const types = Array.from({ length: 10 }, (_, i) => plannedType(i + 1));
    expect(types[0]).toBe("general");
    expect(new Set(types.slice(1, 5))).toEqual(new Set(["behavioral", "technical", "situational"]));
    expect(types.filter((t) => t === "technical").length).toBeGreaterThanOrEqual(3);
  });

  it("ramps a mixed session from easy to hard; a fixed level stays put", () => {
    expect(Array.from({ length: 9 }, (_, i) => targetDifficulty("mixed", i + 1, 9))).toEqual([
      "easy",
      "easy",
      "easy",
      "medium",
      "medium",
      "medium",
      "hard",
      "hard",
      "hard",
    ]);
    expect(targetDifficulty("hard", 1, 9)).toBe("hard");
  });

  it("is deterministic for the same session and history", () => {
    const bank = ["a", "b", "c", "d"].map((id) => ({
      id,
      question_text: `Question ${id}`,
      question_type: "technical" as const,
      difficulty_level: "medium" as const,
      expected_answer_keywords: [],
      sample_answer: null,
      evaluation_criteria: null,
      time_limit_seconds: 60,
    }));
    const ctx = {
      sessionId: "s1",
      order: 2,
      totalQuestions: 5,
      difficulty: "medium" as const,
      bank,
      asked: [],
      recentlySeen: new Map([
        ["a", 0],
        ["b", 1],
      ]),
      resumeSkills: [],
    };
    const first = selectNextQuestion(ctx);
    expect(selectNextQuestion(ctx)).toEqual(first);
    expect(["c", "d"]).toContain(first?.question_id);
    // When every question was seen, the one seen longest ago comes back first.
    const allSeen = new Map([
      ["a", 0],
      ["b", 2],
      ["c", 1],
      ["d", 0],
    ]);
    expect(selectNextQuestion({ ...ctx, recentlySeen: allSeen })?.question_id).toBe("b");
  });
});

describe("next-question over a real bank", () => {
  it("does not repeat questions from the user's recent sessions for the role", async () => {
    const { token } = await unlimitedUser(app, db.pool);
    const role = await roleId(app, "Frontend Developer");
    const seen: string[][] = [];
    for (let i = 0; i < 2; i++) {
      const session = await createInterview(app, token, { job_role_id: role, total_questions: 10 });
      await act(app, token, session.id, "start");
      await answerAll(app, token, session.id, (order) => sampleAnswerOf(db.pool, session.id, order));
      const asked = await askedIn(session.id);
      expect(asked).toHaveLength(10);
      expect(asked.map((q) => q.question_order)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      seen.push(asked.map((q) => q.question_id));
    }
    expect(seen[0]?.filter((q) => seen[1]?.includes(q))).toEqual([]);
    // A different user starts from the whole bank again.
    const other = await unlimitedUser(app, db.pool);
    const session = await createInterview(app, other.token, { job_role_id: role, total_questions: 3 });
    await act(app, other.token, session.id, "start");
    await answerAll(app, other.token, session.id, (order) => sampleAnswerOf(db.pool, session.id, order));
    expect((await askedIn(session.id))[0]?.question_type).toBe("general");
  });

  it("ramps difficulty in a mixed session and opens with a general question", async () => {
    const { token } = await unlimitedUser(app, db.pool);
    const role = await roleId(app, "Backend Developer");
    const session = await createInterview(app, token, {
      job_role_id: role,
      total_questions: 9,
      difficulty_level: "mixed",
    });
    await act(app, token, session.id, "start");
    await answerAll(app, token, session.id, (order) => sampleAnswerOf(db.pool, session.id, order));
    const asked = await askedIn(session.id);
    const rank = { easy: 0, medium: 1, hard: 2 } as Record<string, number>;
    const levels = asked.map((q) => rank[q.difficulty_level] ?? -1);
    expect(asked[0]?.question_type).toBe("general");
    const third = (from: number) => levels.slice(from, from + 3).reduce((a, b) => a + b, 0) / 3;
    expect(third(0)).toBeLessThan(third(3));
    expect(third(3)).toBeLessThan(third(6));
    expect(new Set(asked.map((q) => q.question_type))).toEqual(
      new Set(["general", "behavioral", "technical", "situational"]),
    );
  });

  it("asks about the skills a resume shares with the role", async () => {
    const me = await unlimitedUser(app, db.pool);
    const role = await roleId(app, "Backend Developer");
    const { rows } = await db.pool.query(
      `insert into public.resumes (user_id, file_name, file_path, file_size_bytes, is_analyzed)
       values ($1, 'cv.pdf', $2, 1000, true) returning id`,
      [me.id, `resumes/${me.id}/cv.pdf`],
    );
    const resumeId = rows[0].id;
    await db.pool.query(
      `insert into public.resume_analysis (resume_id, user_id, overall_score, overall_feedback, extracted_skills, relevant_keywords)
       values ($1, $2, 7.5, 'ok', array['PostgreSQL', 'SQL', 'Node.js', 'Figma'], array['REST APIs'])`,
      [resumeId, me.id],
    );
    const session = await createInterview(app, me.token, {
      job_role_id: role,
      resume_id: resumeId,
      total_questions: 6,
    });
    await act(app, me.token, session.id, "start");
    await answerAll(app, me.token, session.id, (order) => sampleAnswerOf(db.pool, session.id, order));
    const fromResume = (await askedIn(session.id)).filter((q) => q.origin === "resume");
    expect(fromResume.map((q) => q.question_order)).toEqual([3, 6]);
    expect(fromResume.map((q) => q.skill)).toEqual(["SQL", "Node.js"]);
    for (const q of fromResume) expect(q.question_text).toContain(q.skill);
    expect(fromResume[0]?.question_id).toBeNull();
  });

  it("refuses a resume that is not the caller's", async () => {
    const me = await unlimitedUser(app, db.pool);
    const other = await unlimitedUser(app, db.pool);
    const { rows } = await db.pool.query(
      `insert into public.resumes (user_id, file_name, file_path, file_size_bytes) values ($1, 'cv.pdf', $2, 1) returning id`,
      [other.id, `resumes/${other.id}/cv.pdf`],
    );
    const created = await call(app, "POST", "/api/interviews", {
      token: me.token,
      body: { job_role_id: await roleId(app, "Backend Developer"), resume_id: rows[0].id },
    });
    expect(created.status).toBe(404);
  });

  it("follows up on an answer that missed most key points", async () => {
    const { token } = await unlimitedUser(app, db.pool);
    const role = await roleId(app, "Product Manager");
    const session = await createInterview(app, token, { job_role_id: role, total_questions: 4 });
    await act(app, token, session.id, "start");
    const first = await call(app, "GET", `/api/interviews/${session.id}/next-question`, { token });
    await call(app, "POST", `/api/interviews/${session.id}/answers`, {
      token,
      body: { question_order: first.body.question.question_order, text: "I like products and I work hard." },
    });
    const next = await call(app, "GET", `/api/interviews/${session.id}/next-question`, { token });
    expect(next.body.question).toMatchObject({ origin: "follow_up", follows_up_order: 1, question_order: 2 });
    // In an interviewer's words: a question, never the rubric's vocabulary.
    const followUp: string = next.body.question.question_text;
    expect(followUp).toMatch(/\?$/);
    expect(followUp).not.toMatch(/didn't cover|STAR|key point/i);
    const { rows } = await db.pool.query(
      "select expected_answer_keywords from public.interview_session_questions where interview_session_id = $1 and question_order = 1",
      [session.id],
    );
    expect(rows[0].expected_answer_keywords.length).toBeGreaterThan(1);
    for (const keyword of rows[0].expected_answer_keywords as string[])
      expect(followUp.toLowerCase()).not.toContain(keyword.toLowerCase());
    // One follow-up per question: a second weak answer moves on.
    await call(app, "POST", `/api/interviews/${session.id}/answers`, {
      token,
      body: { question_order: 2, text: "I still like products." },
    });
    const third = await call(app, "GET", `/api/interviews/${session.id}/next-question`, { token });
    expect(third.body.question.origin).not.toBe("follow_up");
  });
});
