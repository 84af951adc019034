import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setAdmin } from "../src/accounts/admin.ts";
import type { App } from "../src/app.ts";
import { createLogger } from "../src/logger.ts";
import { buildTestApp, testConfig } from "./helpers/app.ts";
import { call, signUp } from "./helpers/auth.ts";
import { useTestDatabase } from "./helpers/database.ts";

// Job roles and questions: browsed by anyone, curated by admins, with the document's checks.

const db = useTestDatabase();
let app: App;
let adminToken: string;
let userToken: string;

beforeAll(async () => {
  app = await buildTestApp(db.pool, { auth: { ...testConfig().auth, autoconfirm: true } });
  const admin = await signUp(app);
  await setAdmin(db.url, createLogger({ logLevel: "silent" }), admin.email, true);
  adminToken = admin.session.access_token;
  userToken = (await signUp(app)).session.access_token;
});

afterAll(async () => {
  await app?.close();
});

const newRole = {
  title: "QA Engineer",
  category: "technology",
  description: "Plan and automate testing",
  required_skills: ["Selenium", "Cypress", "Test Planning"],
  experience_levels: ["entry", "mid"],
};

const newQuestion = {
  question_text: "How do you decide what to automate first in a product with no tests?",
  question_type: "situational",
  difficulty_level: "medium",
  expected_answer_keywords: ["risk", "critical paths", "test pyramid", "flakiness"],
  sample_answer: "I start from the flows that would hurt most if they broke…",
  evaluation_criteria: {
    strong: "Risk-based",
    adequate: "Some priorities",
    weak: "Automate everything",
    key_points: ["risk"],
  },
  time_limit_seconds: 150,
};

describe("job roles and questions", () => {
  it("are browsed by anyone, with questions by type and difficulty", async () => {
    const roles = await call(app, "GET", "/api/job-roles", { apikey: null });
    expect(roles.status).toBe(200);
    expect(roles.body.map((r: { title: string }) => r.title)).toEqual(
      expect.arrayContaining(["Frontend Developer", "Product Manager"]),
    );
    const frontend = roles.body.find((r: { title: string }) => r.title === "Frontend Developer");
    const detail = await call(app, "GET", `/api/job-roles/${frontend.id}?type=behavioral&difficulty=hard`, {
      apikey: null,
    });
    expect(detail.status).toBe(200);
    expect(detail.body.questions.length).toBeGreaterThan(0);
    for (const q of detail.body.questions)
      expect([q.question_type, q.difficulty_level]).toEqual(["behavioral", "hard"]);
  });

  it("are created, edited and deactivated by admins; deactivated ones disappear for users", async () => {
    const created = await call(app, "POST", "/api/admin/job-roles", { token: adminToken, body: newRole });
    expect(created.status).toBe(201);
    const question = await call(app, "POST", `/api/admin/job-roles/${created.body.id}/questions`, {
      token: adminToken,
      body: newQuestion,
    });
    expect(question.status).toBe(201);
    expect(question.body).toMatchObject({ question_type: "situational", time_limit_seconds: 150 });

    const edited = await call(app, "PATCH", `/api/admin/questions/${question.body.id}`, {
      token: adminToken,
      body: { difficulty_level: "hard" },
    });
    expect(edited.body.difficulty_level).toBe("hard");

    expect(
      (
        await call(app, "PATCH", `/api/admin/job-roles/${created.body.id}`, {
          token: adminToken,
          body: { is_active: false },
        })
      ).status,
    ).toBe(200);
    const seenByUser = await call(app, "GET", `/api/job-roles/${created.body.id}`, { token: userToken });
    expect(seenByUser.status).toBe(404);
    const seenByAdmin = await call(app, "GET", `/api/job-roles/${created.body.id}`, { token: adminToken });
    expect(seenByAdmin.body.questions).toHaveLength(1);
  });

  it("refuses non-admins", async () => {
    const attempt = await call(app, "POST", "/api/admin/job-roles", {
      token: userToken,
      body: { ...newRole, title: "Sneaky" },
    });
    expect(attempt.status).toBe(403);
    const anonymous = await call(app, "POST", "/api/admin/job-roles", {
      apikey: null,
      body: { ...newRole, title: "Sneaky" },
    });
    expect(anonymous.status).toBe(401);
    const { rows } = await db.pool.query(
      "select count(*)::int as n from public.job_roles where title = 'Sneaky'",
    );
    expect(rows[0].n).toBe(0);
  });

  it.each([
    ["a duplicate title", "/api/admin/job-roles", { ...newRole, title: "Frontend Developer" }, 409],
    ["a title over 100 characters", "/api/admin/job-roles", { ...newRole, title: "x".repeat(101) }, 400],
    ["no required skills", "/api/admin/job-roles", { ...newRole, title: "Empty", required_skills: [] }, 400],
    [
      "an unknown experience level",
      "/api/admin/job-roles",
      { ...newRole, title: "Odd", experience_levels: ["guru"] },
      400,
    ],
  ])("answers %s with %i", async (_label, url, body, status) => {
    const result = await call(app, "POST", url, { token: adminToken, body });
    expect(result.status).toBe(status);
  });

  it.each([
    ["an unknown type", { ...newQuestion, question_type: "trivia" }],
    ["an unknown difficulty", { ...newQuestion, difficulty_level: "extreme" }],
    ["a time limit of 5 seconds", { ...newQuestion, time_limit_seconds: 5 }],
    [
      "criteria without key points",
      { ...newQuestion, evaluation_criteria: { strong: "a", adequate: "b", weak: "c" } },
    ],
  ])("refuses a question with %s", async (_label, body) => {
    const roles = await call(app, "GET", "/api/job-roles", { token: adminToken });
    const result = await call(app, "POST", `/api/admin/job-roles/${roles.body[0].id}/questions`, {
      token: adminToken,
      body,
    });
    expect(result.status).toBe(400);
    expect(result.body.code).toBe("validation_failed");
  });
});
