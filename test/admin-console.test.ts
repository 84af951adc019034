import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setAdmin } from "../src/accounts/admin.ts";
import type { App } from "../src/app.ts";
import { createLogger } from "../src/logger.ts";
import { buildTestApp, testConfig } from "./helpers/app.ts";
import { call, signUp } from "./helpers/auth.ts";
import { useTestDatabase } from "./helpers/database.ts";
import { act, createInterview, roleId, sampleAnswerOf } from "./helpers/interviews.ts";

// The admin console: settings checked against what each may hold, and the AI call log with filters.

const db = useTestDatabase();
let app: App;
let admin: string;
let user: string;

beforeAll(async () => {
  app = await buildTestApp(db.pool, { auth: { ...testConfig().auth, autoconfirm: true } });
  const signed = await signUp(app);
  await setAdmin(db.url, createLogger({ logLevel: "silent" }), signed.email, true);
  admin = (
    await call(app, "POST", "/auth/v1/token?grant_type=password", {
      body: { email: signed.email, password: signed.password },
    })
  ).body.access_token;
  user = (await signUp(app)).session.access_token;
});

afterAll(async () => {
  await app?.close();
});

describe("settings", () => {
  it("are listed and changed by admins only, value checked per setting", async () => {
    const list = await call(app, "GET", "/api/admin/settings", { token: admin });
    expect(list.status).toBe(200);
    expect(list.body.map((s: { setting_key: string }) => s.setting_key)).toEqual(
      expect.arrayContaining(["max_interview_duration", "plan_limits", "supported_audio_formats"]),
    );
    expect((await call(app, "GET", "/api/admin/settings", { token: user })).status).toBe(403);

    const changed = await call(app, "PATCH", "/api/admin/settings/default_questions_per_interview", {
      token: admin,
      body: { setting_value: 8 },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ setting_value: 8, updated_by: expect.any(String) });
    // The new default applies to the next interview at once.
    const created = await call(app, "POST", "/api/interviews", {
      token: user,
      body: { job_role_id: await roleId(app, "Backend Developer") },
    });
    expect(created.body.total_questions).toBe(8);

    for (const [key, value] of [
      ["default_questions_per_interview", 0],
      ["supported_audio_formats", ["wav", "wma"]],
      ["max_interview_duration", "an hour"],
      ["plan_limits", { free: { sessions_per_month: 5 } }],
    ] as const) {
      const bad = await call(app, "PATCH", `/api/admin/settings/${key}`, {
        token: admin,
        body: { setting_value: value },
      });
      expect(bad.status, key).toBe(400);
      expect(bad.body.code).toBe("validation_failed");
      expect(bad.body.message).toMatch(/setting_value/);
    }
    for (const key of ["no_such_setting", "constructor", "toString"]) {
      const unknown = await call(app, "PATCH", `/api/admin/settings/${key}`, {
        token: admin,
        body: { setting_value: 1 },
      });
      expect(unknown.status, key).toBe(404);
    }
    const denied = await call(app, "PATCH", "/api/admin/settings/max_interview_duration", {
      token: user,
      body: { setting_value: 60 },
    });
    expect(denied.status).toBe(403);
  });
});

describe("the AI call log", () => {
  it("shows every scoring call to admins, filtered, with 7-day statistics", async () => {
    const session = await createInterview(app, user, {
      job_role_id: await roleId(app, "Frontend Developer"),
      total_questions: 1,
    });
    await act(app, user, session.id, "start");
    await call(app, "GET", `/api/interviews/${session.id}/next-question`, { token: user });
    await call(app, "POST", `/api/interviews/${session.id}/answers`, {
      token: user,
      body: { question_order: 1, text: await sampleAnswerOf(db.pool, session.id, 1) },
    });
    const logs = await call(
      app,
      "GET",
      "/api/admin/ai-logs?request_type=interview_evaluation&provider=builtin",
      {
        token: admin,
      },
    );
    expect(logs.status).toBe(200);
    expect(logs.body.logs.length).toBeGreaterThan(0);
    for (const log of logs.body.logs)
      expect(log).toMatchObject({
        request_type: "interview_evaluation",
        api_endpoint: expect.stringMatching(/^builtin/),
      });
    expect(logs.body.last_7_days).toContainEqual(
      expect.objectContaining({ request_type: "interview_evaluation", status: "success" }),
    );
    expect((await call(app, "GET", "/api/admin/ai-logs", { token: user })).status).toBe(403);
    expect((await call(app, "GET", "/api/admin/ai-logs?status=weird", { token: admin })).status).toBe(400);
  });
});
