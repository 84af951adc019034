import type { Session, SupabaseClient } from "@supabase/supabase-js";
import { publicConfig } from "./config.ts";

let client: Promise<SupabaseClient> | undefined;

/**
 * The supabase-js client, loaded on first use (it is kept out of the first download). It talks to this
 * same origin — the server speaks Supabase's auth and storage APIs — and refreshes the session itself.
 */
export function supabase(): Promise<SupabaseClient> {
  client ??= Promise.all([import("@supabase/supabase-js"), publicConfig()]).then(
    ([{ createClient }, config]) =>
      createClient(window.location.origin, config.anonKey, {
        auth: {
          persistSession: true,
          autoRefreshToken: true,
          detectSessionInUrl: true,
          flowType: "implicit",
          storageKey: "rehearse-auth",
        },
      }),
  );
  client.catch(() => {
    client = undefined;
  });
  return client;
}

/** The current session (refreshed first when its access token is about to expire), or null. */
export async function currentSession(): Promise<Session | null> {
  const { data } = await (await supabase()).auth.getSession();
  return data.session;
}

export async function accessToken(): Promise<string | undefined> {
  return (await currentSession())?.access_token;
}

/** Forces a refresh (after a 401): the new access token, or undefined when the session is gone. */
export async function refreshedToken(): Promise<string | undefined> {
  const { data, error } = await (await supabase()).auth.refreshSession();
  if (error) return undefined;
  return data.session?.access_token;
}
