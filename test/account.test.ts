import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setAdmin } from "../src/accounts/admin.ts";
import type { App } from "../src/app.ts";
import { many, query } from "../src/db/query.ts";
import { asUser } from "../src/db/scopes.ts";
import { createLogger } from "../src/logger.ts";
import { buildTestApp, testConfig } from "./helpers/app.ts";
import { call, signUp } from "./helpers/auth.ts";
import {
  buildJobRole,
  buildObject,
  buildQuestion,
  buildResponse,
  buildResume,
  buildSession,
} from "./helpers/builders.ts";
import { useTestDatabase } from "./helpers/database.ts";

const db = useTestDatabase();
let app: App;

beforeAll(async () => {
  app = await buildTestApp(db.pool, { auth: { ...testConfig().auth, autoconfirm: true } });
});

afterAll(async () => {
  await app?.close();
});

describe("profile", () => {
  it("is created at sign-up and read by its owner only", async () => {
    const alice = await signUp(app, { fullName: "Alice Archer" });
    const bob = await signUp(app, { fullName: "Bob Baker" });
    const mine = await call(app, "GET", "/api/profile", { token: alice.session.access_token });
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({
      id: alice.session.user.id,
      email: alice.email,
      full_name: "Alice Archer",
      subscription_type: "free",
    });
    const his = await call(app, "GET", "/api/profile", { token: bob.session.access_token });
    expect(his.body.id).toBe(bob.session.user.id);
    expect(JSON.stringify(his.body)).not.toContain(alice.email);
  });

  it("accepts a full, valid edit and normalizes what it can", async () => {
    const { session } = await signUp(app);
    const role = (await db.pool.query("select id from public.job_roles where title = 'Data Scientist'"))
      .rows[0].id;
    const patch = {
      full_name: "Dana Díaz",
      phone_number: "+44 20 7946 0958",
      date_of_birth: "1990-04-01",
      gender: "prefer_not_to_say",
      location: "Lisbon, Portugal",
      bio: "Analyst turned data scientist.\nLoves statistics.",
      preferred_job_roles: [role],
      experience_level: "mid",
      current_company: "Acme",
      current_position: "Analyst",
      linkedin_url: "https://www.linkedin.com/in/dana-diaz",
      github_url: "https://github.com/danadiaz",
      portfolio_url: "https://dana.example",
    };
    const result = await call(app, "PATCH", "/api/profile", { token: session.access_token, body: patch });
    expect(result.status, JSON.stringify(result.body)).toBe(200);
    expect(result.body).toMatchObject({ ...patch, phone_number: "+442079460958" });
    const cleared = await call(app, "PATCH", "/api/profile", {
      token: session.access_token,
      body: { bio: null },
    });
    expect(cleared.body.bio).toBeNull();
    expect(cleared.body.location).toBe("Lisbon, Portugal");
    const token = await call(app, "GET", "/auth/v1/user", { token: session.access_token });
    expect(token.body.user_metadata.full_name).toBe("Dana Díaz");
  });

  it.each([
    ["gender", { gender: "robot" }],
    ["experience_level", { experience_level: "guru" }],
    ["phone_number", { phone_number: "12345" }],
    ["date_of_birth", { date_of_birth: "2999-01-01" }],
    ["date_of_birth", { date_of_birth: "01/02/1990" }],
    ["linkedin_url", { linkedin_url: "https://github.com/someone" }],
    ["linkedin_url", { linkedin_url: "javascript:alert(1)" }],
    ["github_url", { github_url: "https://github.com" }],
    ["portfolio_url", { portfolio_url: "ftp://files.example" }],
    ["full_name", { full_name: "<img src=x onerror=alert(1)>" }],
    ["preferred_job_roles", { preferred_job_roles: ["00000000-0000-4000-8000-000000000000"] }],
    ["subscription_type", { subscription_type: "enterprise" }],
    ["total_interviews_taken", { total_interviews_taken: 999 }],
  ])("refuses a bad %s with a field-level message", async (field, body) => {
    const { session } = await signUp(app);
    const result = await call(app, "PATCH", "/api/profile", { token: session.access_token, body });
    expect(result.status).toBe(400);
    expect(result.body.code).toBe("validation_failed");
    const fields = result.body.details.issues.map((i: { field: string }) => i.field);
    expect(fields.some((f: string) => f.includes(field)) || result.body.message.includes(field)).toBe(true);
    const after = await call(app, "GET", "/api/profile", { token: session.access_token });
    expect(after.body.subscription_type).toBe("free");
    expect(after.body.total_interviews_taken).toBe(0);
  });

  it("a user's token can never change another user's profile, even straight in the database", async () => {
    const alice = await signUp(app, { fullName: "Alice Archer" });
    const mallory = await signUp(app, { fullName: "Mallory Moss" });
    const claims = { role: "authenticated" as const, sub: mallory.session.user.id };
    const changed = await asUser(db.pool, claims, (tx) =>
      many(
        tx,
        query(
          "test.hijack",
          "update public.user_profiles set full_name = 'Owned' where id = $1 returning id",
        ),
        [alice.session.user.id],
      ),
    );
    expect(changed).toEqual([]);
    const seen = await asUser(db.pool, claims, (tx) =>
      many(tx, query("test.peek", "select id from public.user_profiles where id = $1"), [
        alice.session.user.id,
      ]),
    );
    expect(seen).toEqual([]);
  });
});

describe("account deletion", () => {
  it("needs the password", async () => {
    const { session } = await signUp(app);
    const result = await call(app, "DELETE", "/api/account", {
      token: session.access_token,
      body: { password: "not my password" },
    });
    expect(result.status).toBe(403);
    expect((await call(app, "GET", "/api/profile", { token: session.access_token })).status).toBe(200);
  });

  it("removes the user and everything of theirs, and nothing of anyone else's", async () => {
    const doomed = await signUp(app);
    const bystander = await signUp(app);
    const id = doomed.session.user.id;
    const role = await buildJobRole(db.pool);
    const question = await buildQuestion(db.pool, role);
    const resume = await buildResume(db.pool, id);
    const session = await buildSession(db.pool, id, role, resume);
    await buildResponse(db.pool, id, session, question);
    await buildObject(db.pool, "resumes", `${id}/cv.pdf`, id);
    await buildObject(db.pool, "profile-pictures", `${id}/me.png`, id);
    await buildObject(db.pool, "resumes", `${bystander.session.user.id}/cv.pdf`, bystander.session.user.id);
    await db.pool.query(
      "insert into public.gemini_api_logs (user_id, api_endpoint, request_type, status) values ($1, 'x', 'y', 'success')",
      [id],
    );

    const result = await call(app, "DELETE", "/api/account", {
      token: doomed.session.access_token,
      body: { password: doomed.password },
    });
    expect(result.status).toBe(204);

    const { rows } = await db.pool.query(
      `select (select count(*) from auth.users where id = $1)::int as users,
              (select count(*) from auth.sessions where user_id = $1)::int as sessions,
              (select count(*) from public.user_profiles where id = $1)::int as profiles,
              (select count(*) from public.resumes where user_id = $1)::int as resumes,
              (select count(*) from public.interview_sessions where user_id = $1)::int as interview_sessions,
              (select count(*) from public.interview_responses where user_id = $1)::int as responses,
              (select count(*) from storage.objects where name like $1::text || '/%')::int as objects,
              (select count(*) from public.gemini_api_logs where user_id = $1)::int as logs`,
      [id],
    );
    expect(rows[0]).toEqual({
      users: 0,
      sessions: 0,
      profiles: 0,
      resumes: 0,
      interview_sessions: 0,
      responses: 0,
      objects: 0,
      logs: 0,
    });
    const theirs = await db.pool.query("select count(*)::int as n from storage.objects where name like $1", [
      `${bystander.session.user.id}/%`,
    ]);
    expect(theirs.rows[0].n).toBe(1);
    expect((await call(app, "GET", "/api/profile", { token: doomed.session.access_token })).status).toBe(401);
    expect((await call(app, "GET", "/api/profile", { token: bystander.session.access_token })).status).toBe(
      200,
    );
  });
});

describe("data export", () => {
  it("holds everything stored about the user and nothing about anyone else", async () => {
    const me = await signUp(app, { fullName: "Erin Export" });
    const other = await signUp(app);
    const id = me.session.user.id;
    const role = await buildJobRole(db.pool);
    const question = await buildQuestion(db.pool, role);
    const resume = await buildResume(db.pool, id);
    const session = await buildSession(db.pool, id, role, resume);
    await buildResponse(db.pool, id, session, question);
    await db.pool.query("insert into public.user_analytics (user_id) values ($1)", [id]);
    await buildResume(db.pool, other.session.user.id);

    const result = await call(app, "GET", "/api/account/export", { token: me.session.access_token });
    expect(result.status).toBe(200);
    expect(result.headers["content-disposition"]).toMatch(/attachment; filename="rehearse-export-/);
    const doc = result.body;
    expect(doc.account).toMatchObject({ id, email: me.email });
    expect(doc.profile).toHaveLength(1);
    expect(doc.profile[0].full_name).toBe("Erin Export");
    expect(doc.resumes.map((r: { id: string }) => r.id)).toEqual([resume]);
    expect(doc.interview_sessions).toHaveLength(1);
    expect(doc.interview_responses).toHaveLength(1);
    expect(doc.user_analytics).toHaveLength(1);
    expect(JSON.stringify(doc)).not.toContain(other.session.user.id);
    expect(JSON.stringify(doc)).not.toContain("encrypted_password");
  });
});

describe("admin role", () => {
  it("is granted and revoked by e-mail, and the settings policies follow at once", async () => {
    const admin = await signUp(app);
    const url = db.url;
    const log = createLogger({ logLevel: "silent" });
    const claims = { role: "authenticated" as const, sub: admin.session.user.id };
    const write = query(
      "test.write_setting",
      "update public.app_settings set setting_value = '15' where setting_key = 'default_questions_per_interview' returning id",
    );

    expect(await asUser(db.pool, claims, (tx) => many(tx, write))).toEqual([]);
    expect(await setAdmin(url, log, admin.email.toUpperCase(), true)).toBe(true);
    expect(await asUser(db.pool, claims, (tx) => many(tx, write))).toHaveLength(1);
    const user = await call(app, "GET", "/auth/v1/user", { token: admin.session.access_token });
    expect(user.body.app_metadata.role).toBe("admin");
    expect(await setAdmin(url, log, admin.email, false)).toBe(true);
    expect(await asUser(db.pool, claims, (tx) => many(tx, write))).toEqual([]);
    expect(await setAdmin(url, log, "nobody@example.test", true)).toBe(false);
  });
});
