import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../src/app.ts";
import { TRANSITIONS } from "../src/interviews/lifecycle.ts";
import { InterviewService } from "../src/interviews/service.ts";
import { createLogger } from "../src/logger.ts";
import { buildTestApp, testConfig } from "./helpers/app.ts";
import { call, signUp } from "./helpers/auth.ts";
import { useTestDatabase } from "./helpers/database.ts";
import { act, createInterview, roleId, sampleAnswerOf, shiftTransitions } from "./helpers/interviews.ts";

// The session state machine over HTTP: every allowed move, every refused one, time accounting, time limit.

const db = useTestDatabase();
let app: App;
let token: string;
let backend: string;

beforeAll(async () => {
  app = await buildTestApp(db.pool, { logLevel: "error", auth: { ...testConfig().auth, autoconfirm: true } });
  token = (await signUp(app)).session.access_token;
  backend = await roleId(app, "Backend Developer");
  // Plenty of sessions for this file: the free plan's monthly limit is tested elsewhere.
  await db.pool.query(
    "update public.user_profiles set subscription_type = 'enterprise', subscription_expires_at = null",
  );
});

afterAll(async () => {
  await app?.close();
});

const ACTIONS = ["start", "pause", "resume", "cancel", "complete"] as const;

/** A fresh session brought to `status` by allowed moves (with one answer, so it can complete). */
async function sessionIn(status: string): Promise<string> {
  const { id } = await createInterview(app, token, { job_role_id: backend, total_questions: 3 });
  if (status === "scheduled") return id;
  const started = await act(app, token, id, "start");
  expect(started.body).toMatchObject({ status: "in_progress" });
  const next = await call(app, "GET", `/api/interviews/${id}/next-question`, { token });
  await call(app, "POST", `/api/interviews/${id}/answers`, {
    token,
    body: { question_order: next.body.question.question_order, text: await sampleAnswerOf(db.pool, id, 1) },
  });
  if (status === "in_progress") return id;
  if (status === "paused") {
    expect((await act(app, token, id, "pause")).status).toBe(200);
    return id;
  }
  expect((await act(app, token, id, status === "completed" ? "complete" : "cancel")).status).toBe(200);
  return id;
}

describe("the session state machine", () => {
  const cases = Object.entries(TRANSITIONS).flatMap(([from, moves]) =>
    ACTIONS.map((action) => ({ from, action, to: (moves as Record<string, string>)[action] })),
  );

  it.each(cases)("$from + $action → $to", async ({ from, action, to }) => {
    const id = await sessionIn(from);
    const result = await act(app, token, id, action);
    if (to) {
      expect(result.status).toBe(200);
      expect(result.body.status).toBe(to);
    } else {
      expect(result.status).toBe(409);
      expect(result.body.code).toBe("invalid_transition");
      expect(result.body.details.status).toBe(from);
      const after = await call(app, "GET", `/api/interviews/${id}`, { token });
      expect(after.body.status).toBe(from);
    }
  });

  it("records started_at, completed_at and every transition", async () => {
    const id = await sessionIn("completed");
    const session = await call(app, "GET", `/api/interviews/${id}`, { token });
    expect(session.body.started_at).toBeTruthy();
    expect(session.body.completed_at).toBeTruthy();
    expect(new Date(session.body.completed_at) >= new Date(session.body.started_at)).toBe(true);
    expect(session.body.history.map((h: { to_status: string }) => h.to_status)).toEqual([
      "scheduled",
      "in_progress",
      "completed",
    ]);
    expect(session.body.allowed_actions).toEqual([]);
  });

  it("excludes paused time from duration_seconds", async () => {
    const id = await sessionIn("in_progress");
    expect((await act(app, token, id, "pause")).status).toBe(200);
    expect((await act(app, token, id, "resume")).status).toBe(200);
    // created 1000 s ago, started 900 s ago, paused 800 s ago, resumed 100 s ago: 200 s in progress.
    await shiftTransitions(db.pool, id, [1000, 900, 800, 100]);
    const done = await act(app, token, id, "complete");
    expect(done.status).toBe(200);
    expect(done.body.duration_seconds).toBeGreaterThanOrEqual(200);
    expect(done.body.duration_seconds).toBeLessThan(230);
  });

  it("ends a session past max_interview_duration as completed with what was answered", async () => {
    await db.pool.query(
      "update public.app_settings set setting_value = '600' where setting_key = 'max_interview_duration'",
    );
    try {
      const id = await sessionIn("in_progress");
      await shiftTransitions(db.pool, id, [2000, 1900]);
      const seen = await call(app, "GET", `/api/interviews/${id}`, { token });
      expect(seen.body.status).toBe("completed");
      expect(seen.body.duration_seconds).toBe(600);
      expect(seen.body.history.at(-1)).toMatchObject({ to_status: "completed", reason: "time_limit" });
      expect(seen.body.overall_score).not.toBeNull();
      const answer = await call(app, "POST", `/api/interviews/${id}/answers`, {
        token,
        body: { question_order: 2, text: "Too late now" },
      });
      expect(answer.status).toBe(409);
      expect(answer.body.code).toBe("session_not_active");
    } finally {
      await db.pool.query(
        "update public.app_settings set setting_value = '3600' where setting_key = 'max_interview_duration'",
      );
    }
  });

  it("the background sweep ends overdue sessions nobody touches", async () => {
    await db.pool.query(
      "update public.app_settings set setting_value = '600' where setting_key = 'max_interview_duration'",
    );
    try {
      const id = await sessionIn("in_progress");
      await shiftTransitions(db.pool, id, [5000, 4000]);
      const service = new InterviewService({
        pool: db.pool,
        log: createLogger({ logLevel: "silent" }),
        events: undefined,
        scoring: { model: undefined, timeoutMs: 1000 },
      });
      expect(await service.completeOverdue()).toBeGreaterThanOrEqual(1);
      const { rows } = await db.pool.query(
        "select status, duration_seconds from public.interview_sessions where id = $1",
        [id],
      );
      expect(rows[0]).toEqual({ status: "completed", duration_seconds: 600 });
    } finally {
      await db.pool.query(
        "update public.app_settings set setting_value = '3600' where setting_key = 'max_interview_duration'",
      );
    }
  });

  it("refuses to complete a session with no answers, and allows cancelling it", async () => {
    const { id } = await createInterview(app, token, { job_role_id: backend, total_questions: 3 });
    await act(app, token, id, "start");
    const done = await act(app, token, id, "complete");
    expect(done.status).toBe(409);
    expect(done.body.code).toBe("no_answers");
    expect((await act(app, token, id, "cancel")).body.status).toBe("cancelled");
  });

  it("another user's session is not found, whatever the action", async () => {
    const id = await sessionIn("in_progress");
    const other = (await signUp(app)).session.access_token;
    for (const action of ACTIONS) expect((await act(app, other, id, action)).status).toBe(404);
    expect((await call(app, "GET", `/api/interviews/${id}`, { token: other })).status).toBe(404);
    expect((await call(app, "GET", `/api/interviews/${id}/next-question`, { token: other })).status).toBe(
      404,
    );
  });
});
