import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "../../src/db/embedded.ts";
import { createLogger } from "../../src/logger.ts";

/** The PostgreSQL the tests run against: TEST_DATABASE_URL if set, else an embedded one in a temp dir. */
export interface TestCluster {
  adminUrl: string;
  stop(): Promise<void>;
}

export async function openTestCluster(): Promise<TestCluster> {
  const given = process.env.TEST_DATABASE_URL;
  if (given) return { adminUrl: given, stop: async () => {} };
  const dataDir = await mkdtemp(path.join(tmpdir(), "rehearse-test-pg-"));
  const handle = await startEmbeddedPostgres({
    dataDir,
    password: "test-password-not-secret",
    port: undefined,
    log: createLogger({ logLevel: "silent" }),
  });
  return {
    adminUrl: handle.url,
    stop: async () => {
      await handle.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function adminQuery(
  adminUrl: string,
  sql: string,
  values: unknown[] = [],
): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await client.query(sql, values);
  } finally {
    await client.end();
  }
}

/** Databases made by test runs are named rh_<pid of the run>_…, so a run can tell its leftovers apart. */
export const RUN_PREFIX = "rh_";

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await adminQuery(adminUrl, `drop database if exists "${name}" with (force)`);
}
