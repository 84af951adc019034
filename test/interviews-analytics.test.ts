import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../src/app.ts";
import { asService } from "../src/db/scopes.ts";
import { refreshAnalytics } from "../src/interviews/analytics.ts";
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

// Analytics: exact aggregates over sessions placed in simulated weeks, time zones, and concurrent completions.

const db = useTestDatabase();
let app: App;

beforeAll(async () => {
  app = await buildTestApp(db.pool, { auth: { ...testConfig().auth, autoconfirm: true } });
});

afterAll(async () => {
  await app?.close();
});

/** A completed session whose answers are chosen per order; returns its id. */
async function completed(token: string, role: string, total: number, strong: (order: number) => boolean) {
  const session = await createInterview(app, token, { job_role_id: role, total_questions: total });
  await act(app, token, session.id, "start");
  await answerAll(app, token, session.id, (order) =>
    strong(order) ? sampleAnswerOf(db.pool, session.id, order) : "No idea, sorry.",
  );
  const done = await act(app, token, session.id, "complete");
  expect(done.status).toBe(200);
  return done.body as { id: string; overall_score: number; technical_score: number };
}

/** Puts a completed session at a moment in time, lasting `minutes`. */
async function placeAt(sessionId: string, completedAt: string, minutes: number) {
  await db.pool.query(
    `update public.interview_sessions set completed_at = $2, started_at = $2::timestamptz - make_interval(mins => $3),
       duration_seconds = $3 * 60 where id = $1`,
    [sessionId, completedAt, minutes],
  );
}

describe("user analytics", () => {
  it("aggregates sessions across simulated weeks exactly, in the user's time zone", async () => {
    const me = await unlimitedUser(app, db.pool);
    const backend = await roleId(app, "Backend Developer");
    const product = await roleId(app, "Product Manager");
    const a = await completed(me.token, backend, 3, () => false);
    const b = await completed(me.token, backend, 3, (o) => o <= 2);
    const c = await completed(me.token, product, 3, () => true);
    const cancelled = await createInterview(app, me.token, { job_role_id: backend, total_questions: 3 });
    await act(app, me.token, cancelled.id, "start");
    await act(app, me.token, cancelled.id, "cancel");

    // Monday 2 March 2026, 01:00 UTC — still Sunday evening in New York.
    const now = new Date("2026-03-02T01:00:00Z");
    await placeAt(a.id, "2026-02-27T12:00:00Z", 20); // Friday of the previous week
    await placeAt(b.id, "2026-03-01T23:00:00Z", 25); // Sunday 23:00 UTC, 18:00 in New York
    await placeAt(c.id, "2026-03-02T00:30:00Z", 30); // Monday 00:30 UTC, Sunday 19:30 in New York

    const utc = await asService(db.pool, (tx) => refreshAnalytics(tx, me.id, { timeZone: "UTC", now }));
    const ny = await asService(db.pool, (tx) =>
      refreshAnalytics(tx, me.id, { timeZone: "America/New_York", now }),
    );
    const scores = [a.overall_score, b.overall_score, c.overall_score];
    const average = Math.round((scores.reduce((x, y) => x + y, 0) / 3) * 100) / 100;
    expect(b.overall_score).toBeGreaterThan(a.overall_score);
    expect(utc).toMatchObject({
      total_interviews: 3,
      completed_interviews: 3,
      average_score: average,
      best_score: Math.max(...scores),
      latest_score: c.overall_score,
      total_practice_time_minutes: 75,
      sessions_this_week: 1,
      sessions_this_month: 2,
    });
    expect(ny).toMatchObject({ sessions_this_week: 3, sessions_this_month: 2 });

    // Time series in completion order, one point per session per dimension.
    expect(utc.skill_improvements.dimensions.overall?.map((p) => p.session_id)).toEqual([a.id, b.id, c.id]);
    expect(utc.skill_improvements.dimensions.technical?.map((p) => p.score)).toEqual([
      a.technical_score,
      b.technical_score,
      c.technical_score,
    ]);
    expect(utc.skill_improvements.change.overall).toBeCloseTo(c.overall_score - a.overall_score, 2);
    expect(Object.keys(utc.skill_improvements.skills)).toEqual(expect.arrayContaining(["general answers"]));
    expect(utc.preferred_job_roles[backend]).toMatchObject({
      title: "Backend Developer",
      sessions: 2,
      best: b.overall_score,
      latest: b.overall_score,
    });
    expect(utc.preferred_job_roles[product]).toMatchObject({ sessions: 1, average: c.overall_score });

    const stored = await db.pool.query("select * from public.user_analytics where user_id = $1", [me.id]);
    expect(stored.rows).toHaveLength(1);
    const profile = await db.pool.query(
      "select total_interviews_taken, average_interview_score from public.user_profiles where id = $1",
      [me.id],
    );
    expect(profile.rows[0]).toEqual({ total_interviews_taken: 3, average_interview_score: average });

    // The API counts week and month at read time, in the time zone asked for.
    const api = await call(app, "GET", "/api/analytics?time_zone=America/New_York", { token: me.token });
    expect(api.status).toBe(200);
    expect(api.body).toMatchObject({
      completed_interviews: 3,
      average_score: average,
      time_zone: "America/New_York",
    });
    const bad = await call(app, "GET", "/api/analytics?time_zone=Mars/Olympus", { token: me.token });
    expect(bad.status).toBe(400);
    // Known to some time zone databases, not to PostgreSQL's: still a clear 400, not a database error.
    const retired = await call(app, "GET", "/api/analytics?time_zone=US/Pacific-New", { token: me.token });
    expect(retired.status).toBe(400);
    expect(retired.body.message).toMatch(/time_zone/);
  });

  it("two sessions of one user completed at once lose no update", async () => {
    const me = await unlimitedUser(app, db.pool);
    const role = await roleId(app, "Data Scientist");
    const sessions = [];
    for (let i = 0; i < 2; i++) {
      const s = await createInterview(app, me.token, { job_role_id: role, total_questions: 2 });
      await act(app, me.token, s.id, "start");
      await answerAll(app, me.token, s.id, (order) => sampleAnswerOf(db.pool, s.id, order));
      sessions.push(s.id);
    }
    const done = await Promise.all(sessions.map((id) => act(app, me.token, id, "complete")));
    expect(done.map((d) => d.status)).toEqual([200, 200]);
    const { rows } = await db.pool.query(
      "select completed_interviews, total_interviews, skill_improvements from public.user_analytics where user_id = $1",
      [me.id],
    );
    expect(rows[0].completed_interviews).toBe(2);
    expect(rows[0].total_interviews).toBe(2);
    expect(rows[0].skill_improvements.dimensions.overall).toHaveLength(2);
    const profile = await db.pool.query(
      "select total_interviews_taken from public.user_profiles where id = $1",
      [me.id],
    );
    expect(profile.rows[0].total_interviews_taken).toBe(2);
  });

  it("a new user has empty analytics, not an error", async () => {
    const me = await unlimitedUser(app, db.pool);
    const api = await call(app, "GET", "/api/analytics", { token: me.token });
    expect(api.status).toBe(200);
    expect(api.body).toMatchObject({ completed_interviews: 0, sessions_this_week: 0, time_zone: "UTC" });
  });

  it("shows a percentile among peers only once five other people completed the role", async () => {
    const role = await roleId(app, "Digital Marketing Specialist");
    const peers = [];
    for (let i = 0; i < 5; i++) peers.push(await unlimitedUser(app, db.pool));
    for (const [i, peer] of peers.slice(0, 4).entries())
      await completed(peer.token, role, 2, (o) => o <= i % 3);
    const me = await unlimitedUser(app, db.pool);
    const early = await completed(me.token, role, 2, () => true);
    const earlyReport = await call(app, "GET", `/api/interviews/${early.id}/report`, { token: me.token });
    expect(earlyReport.body.feedback.peer_comparison).toMatchObject({ available: false });

    await completed(peers[4]?.token ?? "", role, 2, () => false);
    const later = await completed(me.token, role, 2, () => true);
    const report = await call(app, "GET", `/api/interviews/${later.id}/report`, { token: me.token });
    const peer = report.body.feedback.peer_comparison;
    expect(peer).toMatchObject({ available: true, peers: 5, sessions: 5 });
    expect(peer.percentile).toBeGreaterThanOrEqual(50);
    expect(JSON.stringify(peer)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  });
});
