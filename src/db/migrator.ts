import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import type { Logger } from "../logger.ts";

const ROOT = fileURLToPath(new URL("../../db/", import.meta.url));
export const MIGRATIONS_DIR = path.join(ROOT, "migrations");
export const SEEDS_DIR = path.join(ROOT, "seeds");

// One lock for schema changes, so several processes starting on one database take turns.
const LOCK_KEY = 7_346_501_001;

interface SqlFile {
  name: string;
  sql: string;
  checksum: string;
}

export async function readSqlFiles(dir: string): Promise<SqlFile[]> {
  const names = (await readdir(dir)).filter((name) => /^\d{4}_[a-z0-9_]+\.sql$/.test(name)).sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

const LEDGER = `
  create schema if not exists rehearse;
  create table if not exists rehearse.applied_sql (
    kind text not null check (kind in ('migration', 'seed')),
    name text not null,
    checksum text not null,
    applied_at timestamptz not null default now(),
    primary key (kind, name)
  );
`;

interface ApplyOptions {
  kind: "migration" | "seed";
  /** Apply every file even if the ledger says it was applied (all files are idempotent). */
  all: boolean;
  log: Logger;
}

async function apply(url: string, files: SqlFile[], options: ApplyOptions): Promise<string[]> {
  const client = new pg.Client({ connectionString: url, application_name: "rehearse-migrate" });
  await client.connect();
  const applied: string[] = [];
  try {
    await client.query("select pg_advisory_lock($1)", [LOCK_KEY]);
    await client.query(LEDGER);
    const { rows } = await client.query<{ name: string; checksum: string }>(
      "select name, checksum from rehearse.applied_sql where kind = $1",
      [options.kind],
    );
    const done = new Map(rows.map((row) => [row.name, row.checksum]));
    for (const file of files) {
      const previous = done.get(file.name);
      if (!options.all && previous === file.checksum) continue;
      if (previous && previous !== file.checksum) {
        options.log.warn(
          { file: file.name },
          `${options.kind} changed since it was applied; applying it again`,
        );
      }
      await client.query("begin");
      try {
        await client.query(file.sql);
        await client.query(
          `insert into rehearse.applied_sql (kind, name, checksum) values ($1, $2, $3)
           on conflict (kind, name) do update set checksum = excluded.checksum, applied_at = now()`,
          [options.kind, file.name, file.checksum],
        );
        await client.query("commit");
      } catch (error) {
        await client.query("rollback");
        throw new Error(`${options.kind} ${file.name} failed: ${(error as Error).message}`, { cause: error });
      }
      applied.push(file.name);
      options.log.info({ file: file.name }, `${options.kind} applied`);
    }
  } finally {
    await client.query("select pg_advisory_unlock($1)", [LOCK_KEY]).catch(() => {});
    await client.end();
  }
  return applied;
}

export async function migrate(url: string, log: Logger, options: { all?: boolean } = {}): Promise<string[]> {
  return apply(url, await readSqlFiles(MIGRATIONS_DIR), {
    kind: "migration",
    all: options.all ?? false,
    log,
  });
}

/** `all: false` seeds only what was never seeded (first start); `all: true` re-runs every seed file. */
export async function seed(url: string, log: Logger, options: { all?: boolean } = {}): Promise<string[]> {
  return apply(url, await readSqlFiles(SEEDS_DIR), { kind: "seed", all: options.all ?? false, log });
}
