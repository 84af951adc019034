import pg from "pg";
import type { Config } from "../config.ts";
import type { Logger } from "../logger.ts";
import type { Secrets } from "../secrets.ts";
import { type DatabaseHandle, startEmbeddedPostgres } from "./embedded.ts";

export type { DatabaseHandle } from "./embedded.ts";

const MINIMUM_SERVER_VERSION = 150000;

export class DatabaseStartError extends Error {
  override name = "DatabaseStartError";
}

/** DATABASE_URL if given (any PostgreSQL ≥ 15, Supabase included), else the embedded PostgreSQL. */
export async function openDatabase(config: Config, secrets: Secrets, log: Logger): Promise<DatabaseHandle> {
  const handle = config.databaseUrl
    ? { url: config.databaseUrl, owned: false, stop: async () => {} }
    : await startEmbeddedPostgres({
        dataDir: config.dataDir,
        password: secrets.embeddedPgPassword,
        port: config.embeddedPgPort,
        log,
      });
  try {
    await checkServer(handle.url);
  } catch (error) {
    await handle.stop();
    throw error;
  }
  return handle;
}

async function checkServer(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new DatabaseStartError(`Cannot connect to the database at ${describe(url)}: ${reason(error)}`);
  }
  try {
    const { rows } = await client.query<{ v: string }>("select current_setting('server_version_num') as v");
    const version = Number(rows[0]?.v);
    if (version < MINIMUM_SERVER_VERSION) {
      throw new DatabaseStartError(`PostgreSQL 15 or newer is required; ${describe(url)} runs ${version}`);
    }
  } finally {
    await client.end();
  }
}

/** host:port/database without credentials, safe for messages and logs. */
export function describe(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
  } catch {
    return "(unparseable URL)";
  }
}

function reason(error: unknown): string {
  const e = error as { code?: string; message?: string; errors?: { message?: string }[] };
  const message = e.message || e.errors?.map((inner) => inner.message).join(", ") || e.code || String(error);
  return message.replace(/postgres(ql)?:\/\/[^\s]+/g, "[url]");
}
