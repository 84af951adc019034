import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../src/app.ts";
import { buildTestApp, TEST_JWT_SECRET, testConfig } from "./helpers/app.ts";
import { call, signUp, testKeys } from "./helpers/auth.ts";
import { useTestDatabase } from "./helpers/database.ts";

const db = useTestDatabase();
let app: App;

beforeAll(async () => {
  app = await buildTestApp(db.pool, {
    auth: { ...testConfig().auth, autoconfirm: true, refreshTokenReuseSeconds: 0 },
  });
});

afterAll(async () => {
  await app?.close();
});

const key = new TextEncoder().encode(TEST_JWT_SECRET);

async function forge(claims: Record<string, unknown>, options: { secret?: Uint8Array; exp?: number } = {}) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuedAt(now)
    .setExpirationTime(options.exp ?? now + 600)
    .sign(options.secret ?? key);
}

function b64(value: unknown) {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

describe("access tokens", () => {
  it("are accepted when genuine", async () => {
    const { session } = await signUp(app);
    const me = await call(app, "GET", "/auth/v1/user", { token: session.access_token });
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(session.user.id);
  });

  it("carry GoTrue's claims", async () => {
    const { session, email } = await signUp(app);
    const claims = JSON.parse(Buffer.from(session.access_token.split(".")[1] ?? "", "base64url").toString());
    expect(claims).toMatchObject({
      sub: session.user.id,
      aud: "authenticated",
      role: "authenticated",
      email,
      aal: "aal1",
      app_metadata: { provider: "email" },
      user_metadata: { full_name: "Pat Example" },
    });
    expect(claims.exp - claims.iat).toBe(3600);
    expect(typeof claims.session_id).toBe("string");
    expect(claims.amr[0].method).toBe("password");
    expect(claims.iss).toMatch(/\/auth\/v1$/);
  });

  it.each([
    ["expired", async (c: Record<string, unknown>) => forge(c, { exp: Math.floor(Date.now() / 1000) - 60 })],
    [
      "signed with another secret",
      async (c: Record<string, unknown>) => forge(c, { secret: new TextEncoder().encode("x".repeat(48)) }),
    ],
    ["alg none", async (c: Record<string, unknown>) => `${b64({ alg: "none", typ: "JWT" })}.${b64(c)}.`],
    ["wrong audience", async (c: Record<string, unknown>) => forge({ ...c, aud: "someone-else" })],
    ["unknown role", async (c: Record<string, unknown>) => forge({ ...c, role: "postgres" })],
    [
      "tampered claims",
      async (c: Record<string, unknown>) => {
        const genuine = await forge(c);
        const [header, , signature] = genuine.split(".");
        return `${header}.${b64({ ...c, sub: "00000000-0000-4000-8000-000000000000" })}.${signature}`;
      },
    ],
    ["garbage", async () => "not.a.jwt"],
  ])("%s → 401", async (_name, make) => {
    const { session } = await signUp(app);
    const claims = JSON.parse(Buffer.from(session.access_token.split(".")[1] ?? "", "base64url").toString());
    const token = await make(claims);
    const me = await call(app, "GET", "/auth/v1/user", { token });
    expect(me.status).toBe(401);
    expect(me.body).toMatchObject({ code: 401, error_code: expect.any(String), msg: expect.any(String) });
    const api = await call(app, "GET", "/api/profile", { token });
    expect(api.status).toBe(401);
    expect(api.body.code).toBe("unauthorized");
  });

  it("of a deleted user → 401", async () => {
    const { session } = await signUp(app);
    await db.pool.query("delete from public.user_profiles where id = $1", [session.user.id]);
    await db.pool.query("delete from auth.users where id = $1", [session.user.id]);
    expect((await call(app, "GET", "/auth/v1/user", { token: session.access_token })).status).toBe(401);
    expect((await call(app, "GET", "/api/profile", { token: session.access_token })).status).toBe(401);
  });

  it("a request without any key is refused by /auth/v1 and anonymous on /api", async () => {
    const noKey = await call(app, "GET", "/auth/v1/user", { apikey: null });
    expect(noKey.status).toBe(401);
    expect(noKey.body.error_code).toBe("no_authorization");
    const badKey = await call(app, "GET", "/auth/v1/settings", { apikey: "nonsense" });
    expect(badKey.status).toBe(401);
    const anonymous = await call(app, "GET", "/api/profile", { apikey: null });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.code).toBe("unauthorized");
  });

  it("the project keys are JWTs with roles anon and service_role, stable for a secret", async () => {
    const keys = await testKeys();
    const roles = [keys.anon, keys.service_role].map(
      (k) => JSON.parse(Buffer.from(k.split(".")[1] ?? "", "base64url").toString()).role,
    );
    expect(roles).toEqual(["anon", "service_role"]);
    expect(await testKeys()).toEqual(keys);
  });
});

describe("refresh tokens", () => {
  it("rotate on every use", async () => {
    const { session } = await signUp(app);
    const first = await call(app, "POST", "/auth/v1/token?grant_type=refresh_token", {
      body: { refresh_token: session.refresh_token },
    });
    expect(first.status).toBe(200);
    expect(first.body.refresh_token).not.toBe(session.refresh_token);
    const second = await call(app, "POST", "/auth/v1/token?grant_type=refresh_token", {
      body: { refresh_token: first.body.refresh_token },
    });
    expect(second.status).toBe(200);
  });

  it("reuse revokes the family: a stolen token used after the owner refreshed gets the thief nothing", async () => {
    const { session } = await signUp(app);
    const stolen = session.refresh_token;
    const owner1 = await call(app, "POST", "/auth/v1/token?grant_type=refresh_token", {
      body: { refresh_token: stolen },
    });
    const owner2 = await call(app, "POST", "/auth/v1/token?grant_type=refresh_token", {
      body: { refresh_token: owner1.body.refresh_token },
    });
    expect(owner2.status).toBe(200);

    const thief = await call(app, "POST", "/auth/v1/token?grant_type=refresh_token", {
      body: { refresh_token: stolen },
    });
    expect(thief.status).toBe(400);
    expect(thief.body.error_code).toBe("refresh_token_already_used");
    expect(thief.body.access_token).toBeUndefined();

    // The whole family is dead: the owner's newest token and the session's access tokens too.
    const ownerAgain = await call(app, "POST", "/auth/v1/token?grant_type=refresh_token", {
      body: { refresh_token: owner2.body.refresh_token },
    });
    expect(ownerAgain.status).toBe(400);
    expect((await call(app, "GET", "/auth/v1/user", { token: owner2.body.access_token })).status).toBe(401);
  });

  it("a client retry within the reuse interval gets the active token back", async () => {
    const lenient = await buildTestApp(db.pool, {
      auth: { ...testConfig().auth, autoconfirm: true, refreshTokenReuseSeconds: 30 },
    });
    try {
      const { session } = await signUp(lenient);
      const once = await call(lenient, "POST", "/auth/v1/token?grant_type=refresh_token", {
        body: { refresh_token: session.refresh_token },
      });
      const retry = await call(lenient, "POST", "/auth/v1/token?grant_type=refresh_token", {
        body: { refresh_token: session.refresh_token },
      });
      expect(retry.status).toBe(200);
      expect(retry.body.refresh_token).toBe(once.body.refresh_token);
    } finally {
      await lenient.close();
    }
  });

  it("an unknown token → 400 refresh_token_not_found", async () => {
    const result = await call(app, "POST", "/auth/v1/token?grant_type=refresh_token", {
      body: { refresh_token: "nope" },
    });
    expect(result.status).toBe(400);
    expect(result.body.error_code).toBe("refresh_token_not_found");
  });

  it("logout scopes: local ends this session, others the rest, global all", async () => {
    const { email, password } = await signUp(app);
    const signIn = async () =>
      (await call(app, "POST", "/auth/v1/token?grant_type=password", { body: { email, password } })).body;
    const [a, b, c] = [await signIn(), await signIn(), await signIn()];
    const alive = async (s: { access_token: string }) =>
      (await call(app, "GET", "/auth/v1/user", { token: s.access_token })).status === 200;

    expect((await call(app, "POST", "/auth/v1/logout?scope=local", { token: a.access_token })).status).toBe(
      204,
    );
    expect([await alive(a), await alive(b), await alive(c)]).toEqual([false, true, true]);
    expect((await call(app, "POST", "/auth/v1/logout?scope=others", { token: b.access_token })).status).toBe(
      204,
    );
    expect([await alive(b), await alive(c)]).toEqual([true, false]);
    expect((await call(app, "POST", "/auth/v1/logout?scope=global", { token: b.access_token })).status).toBe(
      204,
    );
    expect(await alive(b)).toBe(false);
  });
});

describe("sign-in", () => {
  it("answers the same error for an unknown e-mail and a wrong password", async () => {
    const { email } = await signUp(app);
    const wrong = await call(app, "POST", "/auth/v1/token?grant_type=password", {
      body: { email, password: "not it at all" },
    });
    const unknown = await call(app, "POST", "/auth/v1/token?grant_type=password", {
      body: { email: "ghost@example.test", password: "not it at all" },
    });
    expect(wrong.status).toBe(400);
    expect(unknown.status).toBe(400);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error_code).toBe("invalid_credentials");
  });

  it("matches e-mail addresses case-insensitively", async () => {
    const { email, password } = await signUp(app);
    const result = await call(app, "POST", "/auth/v1/token?grant_type=password", {
      body: { email: `  ${email.toUpperCase()} `, password },
    });
    expect(result.status).toBe(200);
  });
});
