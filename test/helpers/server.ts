import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import WebSocket from "ws";
import type { App } from "../../src/app.ts";
import { DevMailbox } from "../../src/auth/mailer.ts";
import { TokenService } from "../../src/auth/tokens.ts";
import type { Config } from "../../src/config.ts";
import type { Pool } from "../../src/db/pool.ts";
import { createLogger } from "../../src/logger.ts";
import { buildTestApp, TEST_JWT_SECRET, testConfig } from "./app.ts";

export interface TestServer {
  url: string;
  app: App;
  mailbox: DevMailbox;
  keys: { anon: string; service_role: string };
  config: Config;
  /** A supabase-js client pointed at this server, with no storage of its own between tests. */
  client(): SupabaseClient;
  close(): Promise<void>;
}

/** The real HTTP server on a free port, with mail captured in a development mailbox. */
export async function startTestServer(
  pool: Pool,
  overrides: Partial<Config> = {},
  options: { runJobs?: boolean } = {},
): Promise<TestServer> {
  const mailbox = new DevMailbox(createLogger({ logLevel: "silent" }));
  const config = testConfig(overrides);
  const app = await buildTestApp(pool, overrides, mailbox, options);
  await app.listen({ port: 0, host: "127.0.0.1" });
  const { port } = app.server.address() as { port: number };
  const url = `http://127.0.0.1:${port}`;
  const keys = await new TokenService(TEST_JWT_SECRET, "rehearse", 3600).projectKeys();
  return {
    url,
    app,
    mailbox,
    keys,
    config,
    client: () =>
      createClient(url, keys.anon, {
        auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
        // Node 20 has no WebSocket of its own; realtime is not used, but the client builds it.
        realtime: { transport: WebSocket as never },
      }),
    close: () => app.close(),
  };
}

/** The 6-digit code of the newest mail sent to `to`. */
export function mailedCode(mailbox: DevMailbox, to: string): string {
  const mail = mailbox.list(to)[0];
  const code = mail && /Your code: (\d{6})/.exec(mail.text)?.[1];
  if (!code) throw new Error(`no code mailed to ${to}`);
  return code;
}
