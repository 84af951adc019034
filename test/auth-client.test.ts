import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testConfig } from "./helpers/app.ts";
import { useTestDatabase } from "./helpers/database.ts";
import { mailedCode, startTestServer, type TestServer } from "./helpers/server.ts";

// The official supabase-js client against our /auth/v1, end to end.

const db = useTestDatabase();
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer(db.pool, {
    auth: { ...testConfig().auth, autoconfirm: true },
  });
});

afterAll(async () => {
  await server?.close();
});

describe("supabase-js against Rehearse", () => {
  const email = "casey@example.test";
  const firstPassword = "a long first passphrase";

  it("signs up, creating the user and the profile together", async () => {
    const supabase = server.client();
    const { data, error } = await supabase.auth.signUp({
      email,
      password: firstPassword,
      options: { data: { full_name: "Casey Jones" } },
    });
    expect(error).toBeNull();
    expect(data.session?.access_token).toBeTruthy();
    expect(data.user?.email).toBe(email);
    expect(data.user?.user_metadata.full_name).toBe("Casey Jones");
    const { rows } = await db.pool.query("select email, full_name from public.user_profiles where id = $1", [
      data.user?.id,
    ]);
    expect(rows).toEqual([{ email, full_name: "Casey Jones" }]);
  });

  it("signs in, reads the user and the session, refreshes, and signs out", async () => {
    const supabase = server.client();
    const signIn = await supabase.auth.signInWithPassword({ email, password: firstPassword });
    expect(signIn.error).toBeNull();
    const first = signIn.data.session;
    expect(first?.user.email).toBe(email);

    const user = await supabase.auth.getUser();
    expect(user.error).toBeNull();
    expect(user.data.user?.email).toBe(email);

    const session = await supabase.auth.getSession();
    expect(session.data.session?.access_token).toBe(first?.access_token);

    const refreshed = await supabase.auth.refreshSession();
    expect(refreshed.error).toBeNull();
    expect(refreshed.data.session?.refresh_token).toBeTruthy();
    expect(refreshed.data.session?.refresh_token).not.toBe(first?.refresh_token);
    const stillMe = await supabase.auth.getUser(refreshed.data.session?.access_token);
    expect(stillMe.data.user?.id).toBe(first?.user.id);

    const lastRefresh = refreshed.data.session?.refresh_token ?? "";
    const out = await supabase.auth.signOut();
    expect(out.error).toBeNull();

    const after = await server.client().auth.refreshSession({ refresh_token: lastRefresh });
    expect(after.error).not.toBeNull();
    expect(after.data.session).toBeNull();
    const oldAccess = await server.client().auth.getUser(refreshed.data.session?.access_token);
    expect(oldAccess.error?.name).toBe("AuthSessionMissingError");
    const raw = await fetch(`${server.url}/auth/v1/user`, {
      headers: { apikey: server.keys.anon, authorization: `Bearer ${refreshed.data.session?.access_token}` },
    });
    expect(raw.status).toBe(401);
    expect(((await raw.json()) as { error_code: string }).error_code).toBe("session_not_found");
  });

  it("updates the password and the metadata", async () => {
    const supabase = server.client();
    await supabase.auth.signInWithPassword({ email, password: firstPassword });
    const changed = await supabase.auth.updateUser({ password: "a brand new passphrase" });
    expect(changed.error).toBeNull();
    const renamed = await supabase.auth.updateUser({ data: { full_name: "Casey Q. Jones" } });
    expect(renamed.data.user?.user_metadata.full_name).toBe("Casey Q. Jones");
    const { rows } = await db.pool.query("select full_name from public.user_profiles where email = $1", [
      email,
    ]);
    expect(rows[0].full_name).toBe("Casey Q. Jones");

    const old = await server.client().auth.signInWithPassword({ email, password: firstPassword });
    expect(old.error?.code).toBe("invalid_credentials");
    const fresh = await server
      .client()
      .auth.signInWithPassword({ email, password: "a brand new passphrase" });
    expect(fresh.error).toBeNull();
  });

  it("resets a forgotten password with the mailed code", async () => {
    const supabase = server.client();
    const reset = await supabase.auth.resetPasswordForEmail(email);
    expect(reset.error).toBeNull();
    const token = mailedCode(server.mailbox, email);
    const verified = await supabase.auth.verifyOtp({ email, token, type: "recovery" });
    expect(verified.error).toBeNull();
    expect(verified.data.session?.user.email).toBe(email);
    const updated = await supabase.auth.updateUser({ password: "recovered passphrase 42" });
    expect(updated.error).toBeNull();
    const again = await supabase.auth.verifyOtp({ email, token, type: "recovery" });
    expect(again.error?.code).toBe("otp_expired");
    const signIn = await server
      .client()
      .auth.signInWithPassword({ email, password: "recovered passphrase 42" });
    expect(signIn.error).toBeNull();
  });

  it("answers recovery for unknown addresses exactly like known ones", async () => {
    const unknown = await server.client().auth.resetPasswordForEmail("nobody@example.test");
    expect(unknown.error).toBeNull();
    expect(server.mailbox.list("nobody@example.test")).toHaveLength(0);
  });

  it("reads the auth settings", async () => {
    const response = await fetch(`${server.url}/auth/v1/settings`, { headers: { apikey: server.keys.anon } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ external: { email: true }, mailer_autoconfirm: true });
  });
});
