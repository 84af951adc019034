import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../src/app.ts";
import { extractPdf } from "../src/resumes/pdf/extract.ts";
import { pageLines } from "../src/resumes/pdf/lines.ts";
import { buildTestApp, testConfig } from "./helpers/app.ts";
import { call, signUp } from "./helpers/auth.ts";
import { useTestDatabase } from "./helpers/database.ts";
import { act, answerAll, createInterview, roleId, sampleAnswerOf } from "./helpers/interviews.ts";

// Answers: scored on arrival, one per question, refused clearly when they make no sense; then the report.

const db = useTestDatabase();
let app: App;
let token: string;
let userId: string;
let role: string;

beforeAll(async () => {
  app = await buildTestApp(db.pool, { auth: { ...testConfig().auth, autoconfirm: true } });
  const user = await signUp(app);
  token = user.session.access_token;
  userId = user.session.user.id;
  role = await roleId(app, "Data Scientist");
  await db.pool.query("update public.user_profiles set subscription_type = 'enterprise' where id = $1", [
    userId,
  ]);
});

afterAll(async () => {
  await app?.close();
});

async function started(total = 4) {
  const session = await createInterview(app, token, { job_role_id: role, total_questions: total });
  await act(app, token, session.id, "start");
  const next = await call(app, "GET", `/api/interviews/${session.id}/next-question`, { token });
  return { id: session.id, order: next.body.question.question_order as number };
}

async function rowCounts(sessionId: string) {
  const { rows } = await db.pool.query(
    `select (select count(*)::int from public.interview_responses where interview_session_id = $1) as responses,
            (select questions_answered from public.interview_sessions where id = $1) as answered`,
    [sessionId],
  );
  return rows[0];
}

describe("answering", () => {
  it("scores an answer on arrival and logs the scoring call", async () => {
    const { id, order } = await started();
    const text = await sampleAnswerOf(db.pool, id, order);
    const saved = await call(app, "POST", `/api/interviews/${id}/answers`, {
      token,
      body: { question_order: order, text },
    });
    expect(saved.status).toBe(201);
    expect(saved.body.scoring_status).toBe("scored");
    for (const field of ["response_score", "technical_accuracy", "communication_clarity", "relevance_score"])
      expect(saved.body[field]).toBeGreaterThanOrEqual(0);
    expect(saved.body.response_score).toBeGreaterThan(5);
    expect(saved.body.ai_feedback.length).toBeGreaterThan(20);
    expect(saved.body.gemini_analysis_raw).toMatchObject({ provider: "builtin" });
    const logs = await db.pool.query(
      "select api_endpoint, status from public.gemini_api_logs where user_id = $1 and request_type = 'interview_evaluation'",
      [userId],
    );
    expect(logs.rows).toContainEqual({ api_endpoint: "builtin:answer-scorer", status: "success" });
    expect(await rowCounts(id)).toEqual({ responses: 1, answered: 1 });
  });

  it("the question being asked stays the same until it is answered", async () => {
    const { id, order } = await started();
    const again = await call(app, "GET", `/api/interviews/${id}/next-question`, { token });
    expect(again.body.question.question_order).toBe(order);
    expect(again.body).toMatchObject({ asked: 1, answered: 0 });
    expect(again.body.question).not.toHaveProperty("sample_answer");
  });

  it.each([
    ["an empty answer", { text: "   " }, 400, "validation_failed"],
    ["a 20 000-word answer", { text: "word ".repeat(20_000) }, 400, "validation_failed"],
    ["an answer to a question not asked", { question_order: 7 }, 409, "question_not_asked"],
    ["a question order that is not a number", { question_order: "first" }, 400, "validation_failed"],
  ])("refuses %s and writes nothing", async (_, body, status, code) => {
    const { id, order } = await started();
    const result = await call(app, "POST", `/api/interviews/${id}/answers`, {
      token,
      body: { question_order: order, text: "A real answer about model evaluation.", ...body },
    });
    expect(result.status).toBe(status);
    expect(result.body.code).toBe(code);
    expect(await rowCounts(id)).toEqual({ responses: 0, answered: 0 });
  });

  it("refuses an answer to another user's session (RLS) and writes nothing", async () => {
    const { id, order } = await started();
    const other = (await signUp(app)).session.access_token;
    const result = await call(app, "POST", `/api/interviews/${id}/answers`, {
      token: other,
      body: { question_order: order, text: "Answering someone else's interview" },
    });
    expect(result.status).toBe(404);
    expect(await rowCounts(id)).toEqual({ responses: 0, answered: 0 });
  });

  it("refuses answers after completion or while paused, with the current state", async () => {
    const { id, order } = await started();
    await call(app, "POST", `/api/interviews/${id}/answers`, {
      token,
      body: { question_order: order, text: await sampleAnswerOf(db.pool, id, order) },
    });
    await call(app, "GET", `/api/interviews/${id}/next-question`, { token });
    await act(app, token, id, "pause");
    const paused = await call(app, "POST", `/api/interviews/${id}/answers`, {
      token,
      body: { question_order: 2, text: "An answer while paused" },
    });
    expect(paused.status).toBe(409);
    expect(paused.body).toMatchObject({ code: "session_not_active", details: { status: "paused" } });
    await act(app, token, id, "complete");
    const late = await call(app, "POST", `/api/interviews/${id}/answers`, {
      token,
      body: { question_order: 2, text: "An answer after the end" },
    });
    expect(late.status).toBe(409);
    expect(late.body.details.status).toBe("completed");
    expect(await rowCounts(id)).toEqual({ responses: 1, answered: 1 });
  });

  it("a skipped question counts as answered with nothing, once", async () => {
    const { id, order } = await started();
    const skipped = await call(app, "POST", `/api/interviews/${id}/answers/${order}/skip`, { token });
    expect(skipped.status).toBe(201);
    expect(skipped.body).toMatchObject({
      scoring_status: "scored",
      response_score: 0,
      keywords_mentioned: [],
    });
    expect(skipped.body.missing_keywords.length).toBeGreaterThan(0);
    expect(skipped.body.ai_feedback).toMatch(/skipped/);
    expect((await call(app, "POST", `/api/interviews/${id}/answers/${order}/skip`, { token })).status).toBe(
      409,
    );
    expect(
      (await call(app, "POST", `/api/interviews/${id}/answers/${order + 1}/skip`, { token })).status,
    ).toBe(409);
    expect(await rowCounts(id)).toEqual({ responses: 1, answered: 1 });
  });

  it("a concurrent double submit stores one answer", async () => {
    const { id, order } = await started();
    const text = await sampleAnswerOf(db.pool, id, order);
    const results = await Promise.all(
      [1, 2, 3].map(() =>
        call(app, "POST", `/api/interviews/${id}/answers`, { token, body: { question_order: order, text } }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect(results.find((r) => r.status === 409)?.body.code).toBe("already_answered");
    expect(await rowCounts(id)).toEqual({ responses: 1, answered: 1 });
  });
});

describe("the report", () => {
  it("is refused until the interview is completed", async () => {
    const { id } = await started();
    const report = await call(app, "GET", `/api/interviews/${id}/report`, { token });
    expect(report.status).toBe(409);
    expect(report.body).toMatchObject({ code: "report_not_ready", details: { status: "in_progress" } });
  });

  it("has the scores, narrative, feedback, benchmark and every attempt with its score change", async () => {
    const session = await createInterview(app, token, { job_role_id: role, total_questions: 4 });
    await act(app, token, session.id, "start");
    // Strong answers to the first two questions, weak ones after.
    const orders = await answerAll(app, token, session.id, async (order) =>
      order <= 2 ? sampleAnswerOf(db.pool, session.id, order) : "I am not sure, I would probably look it up.",
    );
    expect(orders).toEqual([1, 2, 3, 4]);
    const done = await act(app, token, session.id, "complete");
    expect(done.status).toBe(200);
    expect(done.body.overall_score).toBeGreaterThan(0);

    const retry = await call(app, "POST", `/api/interviews/${session.id}/answers/4/attempts`, {
      token,
      body: { text: await sampleAnswerOf(db.pool, session.id, 4) },
    });
    expect(retry.status).toBe(201);
    expect(retry.body).toMatchObject({ attempt: 2, question_order: 4 });

    const report = await call(app, "GET", `/api/interviews/${session.id}/report`, { token });
    expect(report.status).toBe(200);
    const never = await call(app, "POST", `/api/interviews/${session.id}/answers/9/attempts`, {
      token,
      body: { text: "An answer to a question never asked" },
    });
    expect(never.status).toBe(409);
    const { body } = report;
    expect(body.session).toMatchObject({ status: "completed", questions_answered: 4 });
    for (const field of ["overall_score", "technical_score", "communication_score", "confidence_score"])
      expect(body.session[field]).toBeGreaterThan(0);
    expect(body.session.ai_feedback).toMatch(/Data Scientist/);
    expect(body.session.recommendations.length).toBeGreaterThan(0);
    expect(body.session.areas_for_improvement.length).toBeGreaterThan(0);
    const last = body.questions.find((q: { question_order: number }) => q.question_order === 4);
    expect(last.attempts).toHaveLength(2);
    expect(last.attempts[1].first_attempt_id).toBe(last.attempts[0].id);
    expect(last.score_change).toBeCloseTo(
      last.attempts[1].response_score - last.attempts[0].response_score,
      2,
    );
    expect(last.score_change).toBeGreaterThan(0);
    // Session scores describe the interview as it happened: the re-attempt does not change them.
    expect(body.session.overall_score).toBe(done.body.overall_score);

    // The same report as a PDF to download, with its text readable.
    const pdf = await app.inject({
      method: "GET",
      url: `/api/interviews/${session.id}/report.pdf`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.headers["content-disposition"]).toMatch(
      /attachment; filename="rehearse-data-scientist-report.pdf"/,
    );
    const printed = await extractPdf(new Uint8Array(pdf.rawPayload));
    const text = printed.pages.flatMap((p) => pageLines(p).map((l) => l.text)).join("\n");
    expect(text).toContain("Data Scientist report");
    expect(text).toContain(body.questions[0].question_text.slice(0, 40));
    expect(text).toContain(`Overall ${body.session.overall_score.toFixed(1)}/10`);
    expect(text).toContain("Your improvement plan");
    const other = (await signUp(app)).session.access_token;
    const stranger = await app.inject({
      method: "GET",
      url: `/api/interviews/${session.id}/report.pdf`,
      headers: { authorization: `Bearer ${other}` },
    });
    expect(stranger.statusCode).toBe(404);

    const fb = body.feedback;
    expect(fb.short_term_goals.length).toBeGreaterThan(0);
    expect(fb.long_term_goals.length).toBeGreaterThan(0);
    expect(fb.practice_suggestions.length).toBeGreaterThan(0);
    expect(fb.recommended_resources.length).toBeGreaterThan(0);
    for (const r of fb.recommended_resources) expect(r.url).toMatch(/^https:\/\//);
    expect(fb.technical_feedback.questions).toHaveLength(4);
    expect(fb.industry_benchmark_comparison).toMatchObject({ role: "Data Scientist", assumed_level: true });
    expect(fb.peer_comparison).toMatchObject({ available: false, min_peers: 5 });
  });
});
