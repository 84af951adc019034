import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setAdmin } from "../src/accounts/admin.ts";
import type { App } from "../src/app.ts";
import { effectivePlan, limitsFor } from "../src/interviews/plans.ts";
import { createLogger } from "../src/logger.ts";
import { buildTestApp, testConfig } from "./helpers/app.ts";
import { call, signUp } from "./helpers/auth.ts";
import { useTestDatabase } from "./helpers/database.ts";
import { act, roleId } from "./helpers/interviews.ts";

// Plans: limits from app settings, enforced with a clear message; an expired plan is the free plan.

const db = useTestDatabase();
let app: App;
let adminToken: string;
let role: string;

beforeAll(async () => {
  app = await buildTestApp(db.pool, { auth: { ...testConfig().auth, autoconfirm: true } });
  const admin = await signUp(app);
  await setAdmin(db.url, createLogger({ logLevel: "silent" }), admin.email, true);
  adminToken = (
    await call(app, "POST", "/auth/v1/token?grant_type=password", {
      body: { email: admin.email, password: admin.password },
    })
  ).body.access_token;
  role = await roleId(app, "Full Stack Developer");
});

afterAll(async () => {
  await app?.close();
});

describe("plans", () => {
  it("resolve to free past their expiry, and read limits from settings with safe fallbacks", () => {
    const now = new Date("2026-06-01T00:00:00Z");
    expect(effectivePlan({ subscription_type: "premium", subscription_expires_at: null }, now)).toBe(
      "premium",
    );
    expect(
      effectivePlan(
        { subscription_type: "premium", subscription_expires_at: new Date("2026-05-31T23:59:59Z") },
        now,
      ),
    ).toBe("free");
    expect(
      effectivePlan(
        { subscription_type: "enterprise", subscription_expires_at: new Date("2026-07-01") },
        now,
      ),
    ).toBe("enterprise");
    expect(effectivePlan(undefined, now)).toBe("free");
    expect(limitsFor("free", { free: { sessions_per_month: 2, questions_per_session: 4 } })).toEqual({
      sessions_per_month: 2,
      questions_per_session: 4,
    });
    expect(limitsFor("premium", { premium: "lots" }).sessions_per_month).toBe(60);
  });

  it("free: sessions per month and questions per session are enforced with a clear message", async () => {
    const user = await signUp(app);
    const token = user.session.access_token;
    const tooMany = await call(app, "POST", "/api/interviews", {
      token,
      body: { job_role_id: role, total_questions: 11 },
    });
    expect(tooMany.status).toBe(403);
    expect(tooMany.body).toMatchObject({
      code: "plan_limit_reached",
      details: { plan: "free", limit: "questions_per_session", allowed: 10 },
    });
    expect(tooMany.body.message).toMatch(/free plan allows up to 10 questions/);

    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const created = await call(app, "POST", "/api/interviews", { token, body: { job_role_id: role } });
      expect(created.status).toBe(201);
      expect(created.body.total_questions).toBe(10);
      ids.push(created.body.id);
    }
    const sixth = await call(app, "POST", "/api/interviews", { token, body: { job_role_id: role } });
    expect(sixth.status).toBe(403);
    expect(sixth.body).toMatchObject({
      code: "plan_limit_reached",
      details: { limit: "sessions_per_month", used: 5 },
    });
    // A session cancelled before it started gives its slot back; one that was started does not.
    await act(app, token, ids[0] ?? "", "cancel");
    expect((await call(app, "POST", "/api/interviews", { token, body: { job_role_id: role } })).status).toBe(
      201,
    );
    const { count } = (
      await db.pool.query("select count(*)::int as count from public.interview_sessions where user_id = $1", [
        user.session.user.id,
      ])
    ).rows[0];
    expect(count).toBe(6);
  });

  it("concurrent creations cannot slip past the monthly limit", async () => {
    const user = await signUp(app);
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        call(app, "POST", "/api/interviews", {
          token: user.session.access_token,
          body: { job_role_id: role },
        }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(5);
    expect(results.filter((r) => r.status === 403)).toHaveLength(3);
  });

  it("admins set a user's plan; premium raises the limits until it expires", async () => {
    const user = await signUp(app);
    const token = user.session.access_token;
    const denied = await call(app, "PUT", `/api/admin/users/${user.session.user.id}/plan`, {
      token,
      body: { subscription_type: "premium" },
    });
    expect(denied.status).toBe(403);
    const set = await call(app, "PUT", `/api/admin/users/${user.session.user.id}/plan`, {
      token: adminToken,
      body: { subscription_type: "premium", subscription_expires_at: "2099-01-01T00:00:00Z" },
    });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ subscription_type: "premium", effective_plan: "premium" });
    const big = await call(app, "POST", "/api/interviews", {
      token,
      body: { job_role_id: role, total_questions: 25 },
    });
    expect(big.status).toBe(201);

    const expired = await call(app, "PUT", `/api/admin/users/${user.session.user.id}/plan`, {
      token: adminToken,
      body: { subscription_type: "premium", subscription_expires_at: "2020-01-01T00:00:00Z" },
    });
    expect(expired.body.effective_plan).toBe("free");
    const refused = await call(app, "POST", "/api/interviews", {
      token,
      body: { job_role_id: role, total_questions: 25 },
    });
    expect(refused.status).toBe(403);
    expect(refused.body.details.plan).toBe("free");

    const limits = await call(app, "GET", "/api/limits", { token });
    expect(limits.body).toMatchObject({
      plan: "free",
      subscription_type: "premium",
      limits: { questions_per_session: 10 },
      sessions_this_month: 1,
      max_resume_size_mb: 10,
      supported_audio_formats: ["wav", "mp3", "m4a", "webm", "ogg", "flac", "aac"],
    });
    const found = await call(app, "GET", `/api/admin/users?search=${encodeURIComponent(user.email)}`, {
      token: adminToken,
    });
    expect(found.body).toEqual([
      expect.objectContaining({ id: user.session.user.id, subscription_type: "premium" }),
    ]);
    expect((await call(app, "GET", "/api/admin/users", { token })).status).toBe(403);

    const unknown = await call(app, "PUT", "/api/admin/users/00000000-0000-4000-8000-000000000000/plan", {
      token: adminToken,
      body: { subscription_type: "enterprise" },
    });
    expect(unknown.status).toBe(404);
    // Users cannot write their own plan through the profile either.
    const self = await call(app, "PATCH", "/api/profile", {
      token,
      body: { subscription_type: "enterprise" },
    });
    expect([400, 403]).toContain(self.status);
  });
});
