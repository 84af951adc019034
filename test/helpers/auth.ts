import type { App } from "../../src/app.ts";
import { TokenService } from "../../src/auth/tokens.ts";
import { TEST_JWT_SECRET } from "./app.ts";

export const testKeys = () => new TokenService(TEST_JWT_SECRET, "rehearse", 3600).projectKeys();

export interface CallOptions {
  body?: unknown;
  token?: string;
  apikey?: string | null;
  ip?: string;
}

/** One request the way supabase-js makes it: apikey header, bearer token, JSON body. */
export async function call(
  app: App,
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
  url: string,
  options: CallOptions = {},
) {
  const keys = await testKeys();
  const headers: Record<string, string> = {};
  const apikey = options.apikey === undefined ? keys.anon : options.apikey;
  if (apikey) headers.apikey = apikey;
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.ip) headers["x-forwarded-for"] = options.ip;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const response = await app.inject({
    method,
    url,
    headers,
    ...(options.body !== undefined ? { payload: JSON.stringify(options.body) } : {}),
  });
  const text = response.body;
  return { status: response.statusCode, body: text ? JSON.parse(text) : null, headers: response.headers };
}

let counter = 0;

/** Signs up a fresh user (autoconfirm) and returns the session body. */
export async function signUp(
  app: App,
  overrides: { email?: string; password?: string; fullName?: string } = {},
) {
  counter++;
  const email = overrides.email ?? `person${counter}-${Date.now()}@example.test`;
  const password = overrides.password ?? "a sound passphrase 1";
  const result = await call(app, "POST", "/auth/v1/signup", {
    body: { email, password, data: { full_name: overrides.fullName ?? "Pat Example" } },
  });
  if (result.status !== 200 || !result.body.access_token) {
    throw new Error(`sign-up failed: ${result.status} ${JSON.stringify(result.body)}`);
  }
  return {
    email,
    password,
    session: result.body as { access_token: string; refresh_token: string; user: { id: string } },
  };
}
