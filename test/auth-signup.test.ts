import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../src/app.ts";
import { DevMailbox } from "../src/auth/mailer.ts";
import { createLogger } from "../src/logger.ts";
import { buildTestApp, testConfig } from "./helpers/app.ts";
import { call } from "./helpers/auth.ts";
import { useTestDatabase } from "./helpers/database.ts";

const db = useTestDatabase();
let app: App;
let mailbox: DevMailbox;
const auth = testConfig().auth;

beforeAll(async () => {
  mailbox = new DevMailbox(createLogger({ logLevel: "silent" }));
  // Confirmation required, as with DATABASE_URL; generous limits so only the rate-limit tests hit them.
  app = await buildTestApp(
    db.pool,
    {
      trustProxy: true,
      auth: {
        ...auth,
        autoconfirm: false,
        rateLimits: { ...auth.rateLimits, auth: 1000, verify: 1000, emailSentPerHour: 1000 },
      },
    },
    mailbox,
  );
});

afterAll(async () => {
  await app?.close();
});

async function countUsers(email: string) {
  const { rows } = await db.pool.query(
    `select (select count(*) from auth.users where lower(email) = lower($1))::int as users,
            (select count(*) from public.user_profiles where lower(email) = lower($1))::int as profiles`,
    [email],
  );
  return rows[0];
}

let n = 0;
const fresh = () => `signup${++n}@example.test`;

describe("sign-up input", () => {
  it.each([
    ["no body", undefined, 422],
    ["missing password", { email: "a@example.test", data: { full_name: "Ann" } }, 422],
    ["missing full_name", { email: "a@example.test", password: "a sound passphrase" }, 422],
    [
      "full_name not a string",
      { email: "a@example.test", password: "a sound passphrase", data: { full_name: 42 } },
      422,
    ],
    [
      "invalid e-mail",
      { email: "not-an-email", password: "a sound passphrase", data: { full_name: "Ann" } },
      422,
    ],
    [
      "10 000-character password",
      { email: "a@example.test", password: "x".repeat(10_000), data: { full_name: "Ann" } },
      422,
    ],
    ["short password", { email: "a@example.test", password: "short", data: { full_name: "Ann" } }, 422],
    [
      "common password",
      { email: "a@example.test", password: "password123", data: { full_name: "Ann" } },
      422,
    ],
    [
      "HTML in the name",
      {
        email: "a@example.test",
        password: "a sound passphrase",
        data: { full_name: "<script>alert(1)</script>" },
      },
      422,
    ],
    [
      "SQL in the name",
      {
        email: "a@example.test",
        password: "a sound passphrase",
        data: { full_name: "Robert'); DROP TABLE users;--" },
      },
      422,
    ],
    [
      "NUL in the name",
      { email: "a@example.test", password: "a sound passphrase", data: { full_name: "A\u0000B" } },
      422,
    ],
    [
      "name too long",
      { email: "a@example.test", password: "a sound passphrase", data: { full_name: "A".repeat(101) } },
      422,
    ],
  ])("%s → %i with a clear message, nothing created", async (_name, body, status) => {
    const result = await call(app, "POST", "/auth/v1/signup", { body });
    expect(result.status).toBe(status);
    expect(result.body.code).toBe(status);
    expect(["validation_failed", "weak_password"]).toContain(result.body.error_code);
    expect(result.body.msg.length).toBeGreaterThan(10);
    expect(await countUsers("a@example.test")).toEqual({ users: 0, profiles: 0 });
  });

  it("says which rule a weak password breaks", async () => {
    const short = await call(app, "POST", "/auth/v1/signup", {
      body: { email: fresh(), password: "abc", data: { full_name: "Ann" } },
    });
    expect(short.body.weak_password.reasons).toContain("length");
    const common = await call(app, "POST", "/auth/v1/signup", {
      body: { email: fresh(), password: "iloveyou", data: { full_name: "Ann" } },
    });
    expect(common.body.weak_password.reasons).toContain("pwned");
  });

  it.each([["Zoë Ångström"], ["李小龙"], ["O'Brien-Smith, Jr."], ["محمد علي"], ["Nguyễn Thị Minh Khai"]])(
    "accepts the name %s and stores it exactly",
    async (name) => {
      const email = fresh();
      const result = await call(app, "POST", "/auth/v1/signup", {
        body: { email, password: "a sound passphrase", data: { full_name: name } },
      });
      expect(result.status).toBe(200);
      const { rows } = await db.pool.query("select full_name from public.user_profiles where email = $1", [
        email,
      ]);
      expect(rows[0].full_name).toBe(name.normalize("NFC"));
    },
  );
});

describe("confirmation by e-mail", () => {
  it("signs up unconfirmed, refuses sign-in until the mailed code is verified", async () => {
    const email = fresh();
    const signup = await call(app, "POST", "/auth/v1/signup", {
      body: { email, password: "a sound passphrase", data: { full_name: "Ann" } },
    });
    expect(signup.status).toBe(200);
    expect(signup.body.access_token).toBeUndefined();
    expect(signup.body.email).toBe(email);
    expect(await countUsers(email)).toEqual({ users: 1, profiles: 1 });

    const early = await call(app, "POST", "/auth/v1/token?grant_type=password", {
      body: { email, password: "a sound passphrase" },
    });
    expect(early.body.error_code).toBe("email_not_confirmed");

    const mail = mailbox.list(email)[0];
    expect(mail?.subject).toMatch(/Confirm/);
    const code = /Your code: (\d{6})/.exec(mail?.text ?? "")?.[1];
    const wrong = await call(app, "POST", "/auth/v1/verify", {
      body: { type: "signup", email, token: code === "000000" ? "111111" : "000000" },
    });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error_code).toBe("otp_expired");
    const verified = await call(app, "POST", "/auth/v1/verify", {
      body: { type: "signup", email, token: code },
    });
    expect(verified.status).toBe(200);
    expect(verified.body.user.email_confirmed_at).toBeTruthy();

    const signIn = await call(app, "POST", "/auth/v1/token?grant_type=password", {
      body: { email, password: "a sound passphrase" },
    });
    expect(signIn.status).toBe(200);
  });

  it("the mailed link confirms and redirects to the site with the session in the fragment", async () => {
    const email = fresh();
    await call(app, "POST", "/auth/v1/signup", {
      body: { email, password: "a sound passphrase", data: { full_name: "Ann" } },
    });
    const link = /Or open this link: (\S+)/.exec(mailbox.list(email)[0]?.text ?? "")?.[1] ?? "";
    const url = new URL(link);
    const opened = await app.inject({ method: "GET", url: `${url.pathname}${url.search}` });
    expect(opened.statusCode).toBe(303);
    const location = new URL(opened.headers.location as string);
    expect(location.origin).toBe(new URL(testConfig().siteUrl).origin);
    const fragment = new URLSearchParams(location.hash.slice(1));
    expect(fragment.get("type")).toBe("signup");
    expect(fragment.get("access_token")).toBeTruthy();

    const reused = await app.inject({ method: "GET", url: `${url.pathname}${url.search}` });
    expect(
      new URLSearchParams(new URL(reused.headers.location as string).hash.slice(1)).get("error_code"),
    ).toBe("otp_expired");
  });

  it("never redirects to another site", async () => {
    const opened = await app.inject({
      method: "GET",
      url: "/auth/v1/verify?token=abc&type=signup&redirect_to=https://evil.example/",
    });
    expect(new URL(opened.headers.location as string).origin).toBe(new URL(testConfig().siteUrl).origin);
  });

  it("resends the confirmation, and the newest code is the one that works", async () => {
    const email = fresh();
    await call(app, "POST", "/auth/v1/signup", {
      body: { email, password: "a sound passphrase", data: { full_name: "Ann" } },
    });
    const firstCode = /Your code: (\d{6})/.exec(mailbox.list(email)[0]?.text ?? "")?.[1];
    const resend = await call(app, "POST", "/auth/v1/resend", { body: { type: "signup", email } });
    expect(resend.status).toBe(200);
    expect(mailbox.list(email)).toHaveLength(2);
    const secondCode = /Your code: (\d{6})/.exec(mailbox.list(email)[0]?.text ?? "")?.[1];
    if (firstCode !== secondCode) {
      const stale = await call(app, "POST", "/auth/v1/verify", {
        body: { type: "signup", email, token: firstCode },
      });
      expect(stale.status).toBe(403);
    }
    const ok = await call(app, "POST", "/auth/v1/verify", {
      body: { type: "signup", email, token: secondCode },
    });
    expect(ok.status).toBe(200);
  });

  it("does not reveal that an address is taken", async () => {
    const email = fresh();
    const first = await call(app, "POST", "/auth/v1/signup", {
      body: { email, password: "a sound passphrase", data: { full_name: "Ann" } },
    });
    await call(app, "POST", "/auth/v1/verify", {
      body: {
        type: "signup",
        email,
        token: /Your code: (\d{6})/.exec(mailbox.list(email)[0]?.text ?? "")?.[1],
      },
    });
    const again = await call(app, "POST", "/auth/v1/signup", {
      body: { email, password: "another passphrase", data: { full_name: "Eve" } },
    });
    expect(again.status).toBe(200);
    expect(Object.keys(again.body).sort()).toEqual(Object.keys(first.body).sort());
    expect(again.body.id).not.toBe(first.body.id);
    expect(again.body.access_token).toBeUndefined();
    expect(await countUsers(email)).toEqual({ users: 1, profiles: 1 });
    expect(mailbox.list(email)[0]?.subject).toMatch(/tried to sign up/);
  });

  it("changing the e-mail address needs the code sent to the new address", async () => {
    const email = fresh();
    await call(app, "POST", "/auth/v1/signup", {
      body: { email, password: "a sound passphrase", data: { full_name: "Ann" } },
    });
    const confirmed = await call(app, "POST", "/auth/v1/verify", {
      body: {
        type: "signup",
        email,
        token: /Your code: (\d{6})/.exec(mailbox.list(email)[0]?.text ?? "")?.[1],
      },
    });
    const token = confirmed.body.access_token;
    const next = fresh();
    const change = await call(app, "PUT", "/auth/v1/user", { token, body: { email: next } });
    expect(change.status).toBe(200);
    expect(change.body.email).toBe(email);
    expect(change.body.new_email).toBe(next);
    const code = /Your code: (\d{6})/.exec(mailbox.list(next)[0]?.text ?? "")?.[1];
    const done = await call(app, "POST", "/auth/v1/verify", {
      body: { type: "email_change", email: next, token: code },
    });
    expect(done.status).toBe(200);
    expect(done.body.user.email).toBe(next);
    const { rows } = await db.pool.query("select email from public.user_profiles where id = $1", [
      done.body.user.id,
    ]);
    expect(rows[0].email).toBe(next);
  });

  it("the development mailbox shows mails outside production, to anyone on the machine", async () => {
    const json = await app.inject({ method: "GET", url: "/dev/mailbox?format=json" });
    expect(json.statusCode).toBe(200);
    expect(json.json().mails.length).toBeGreaterThan(0);
    const html = await app.inject({ method: "GET", url: "/dev/mailbox" });
    expect(html.headers["content-type"]).toMatch(/text\/html/);
    expect(html.body).toContain("Confirm your Rehearse account");
    expect(html.body).not.toContain("<script");
    const production = await buildTestApp(db.pool, { nodeEnv: "production" });
    try {
      expect((await production.inject({ method: "GET", url: "/dev/mailbox" })).statusCode).toBe(404);
    } finally {
      await production.close();
    }
  });

  it("hands browsers the URL and the anon key", async () => {
    const result = await app.inject({ method: "GET", url: "/api/config" });
    expect(result.statusCode).toBe(200);
    const keys = await (await import("./helpers/auth.ts")).testKeys();
    expect(result.json()).toEqual({ supabaseUrl: testConfig().siteUrl, anonKey: keys.anon });
  });
});

describe("rate limits", () => {
  it("answer 429 over_request_rate_limit at the configured counts, per IP", async () => {
    const strict = await buildTestApp(db.pool, {
      trustProxy: true,
      auth: {
        ...auth,
        autoconfirm: true,
        rateLimits: { ...auth.rateLimits, token: 5, tokenBurst: 3, auth: 2, verify: 2 },
      },
    });
    try {
      const tokenCalls = [];
      for (let i = 0; i < 4; i++) {
        tokenCalls.push(
          (
            await call(strict, "POST", "/auth/v1/token?grant_type=password", {
              ip: "203.0.113.7",
              body: { email: "x@example.test", password: "whatever it is" },
            })
          ).status,
        );
      }
      expect(tokenCalls).toEqual([400, 400, 400, 429]);
      const other = await call(strict, "POST", "/auth/v1/token?grant_type=password", {
        ip: "203.0.113.8",
        body: { email: "x@example.test", password: "whatever it is" },
      });
      expect(other.status).toBe(400);

      const recover = [];
      for (let i = 0; i < 3; i++)
        recover.push(
          (
            await call(strict, "POST", "/auth/v1/recover", {
              ip: "203.0.113.9",
              body: { email: "x@example.test" },
            })
          ).status,
        );
      expect(recover).toEqual([200, 200, 429]);
      const limited = await call(strict, "POST", "/auth/v1/recover", {
        ip: "203.0.113.9",
        body: { email: "x@example.test" },
      });
      expect(limited.body).toMatchObject({ code: 429, error_code: "over_request_rate_limit" });
    } finally {
      await strict.close();
    }
  });

  it("brute-forcing one account from many addresses is stopped", async () => {
    const email = fresh();
    const open = await buildTestApp(db.pool, { trustProxy: true, auth: { ...auth, autoconfirm: true } });
    try {
      await call(open, "POST", "/auth/v1/signup", {
        body: { email, password: "the real passphrase", data: { full_name: "Ann" } },
      });
      const statuses = [];
      for (let i = 0; i < 12; i++) {
        statuses.push(
          (
            await call(open, "POST", "/auth/v1/token?grant_type=password", {
              ip: `198.51.100.${i + 1}`,
              body: { email, password: `guess number ${i}` },
            })
          ).status,
        );
      }
      expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
      expect(statuses.slice(10)).toEqual([429, 429]);
      const owner = await call(open, "POST", "/auth/v1/token?grant_type=password", {
        ip: "192.0.2.1",
        body: { email, password: "the real passphrase" },
      });
      expect(owner.status).toBe(429);
    } finally {
      await open.close();
    }
  });

  it("e-mails per hour are capped", async () => {
    const capped = await buildTestApp(
      db.pool,
      { auth: { ...auth, autoconfirm: false, rateLimits: { ...auth.rateLimits, emailSentPerHour: 1 } } },
      new DevMailbox(createLogger({ logLevel: "silent" })),
    );
    try {
      const first = await call(capped, "POST", "/auth/v1/signup", {
        body: { email: fresh(), password: "a sound passphrase", data: { full_name: "Ann" } },
      });
      expect(first.status).toBe(200);
      const email = fresh();
      const second = await call(capped, "POST", "/auth/v1/signup", {
        body: { email, password: "a sound passphrase", data: { full_name: "Ann" } },
      });
      expect(second.status).toBe(429);
      expect(second.body.error_code).toBe("over_email_send_rate_limit");
      expect(await countUsers(email)).toEqual({ users: 0, profiles: 0 });
    } finally {
      await capped.close();
    }
  });
});
