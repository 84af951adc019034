import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { MIGRATIONS_DIR, migrate, readSqlFiles, SEEDS_DIR, seed } from "../src/db/migrator.ts";
import { createLogger } from "../src/logger.ts";
import { dropDatabase } from "./helpers/cluster.ts";
import { createEmptyDatabase } from "./helpers/database.ts";

const log = createLogger({ logLevel: "silent" });
let database: { name: string; url: string };
let client: pg.Client;

// Everything a migration can create, as text, so two snapshots compare equal only if nothing changed.
const SNAPSHOT = [
  `select table_schema, table_name, column_name, data_type, column_default, is_nullable
   from information_schema.columns where table_schema in ('public', 'auth', 'storage', 'rehearse')
   order by 1, 2, 3`,
  `select conrelid::regclass::text, conname, pg_get_constraintdef(oid) from pg_constraint
   where connamespace::regnamespace::text in ('public', 'auth', 'storage') order by 1, 2`,
  `select schemaname, indexname, indexdef from pg_indexes
   where schemaname in ('public', 'auth', 'storage', 'rehearse') order by 1, 2`,
  `select tgrelid::regclass::text, tgname, pg_get_triggerdef(oid) from pg_trigger where not tgisinternal order by 1, 2`,
  `select schemaname, tablename, policyname, permissive, roles::text, cmd, qual, with_check from pg_policies order by 1, 2, 3`,
  `select n.nspname, p.proname, pg_get_functiondef(p.oid), p.proacl::text from pg_proc p
   join pg_namespace n on n.oid = p.pronamespace where n.nspname in ('public', 'auth', 'storage', 'rehearse') order by 1, 2`,
  `select c.relnamespace::regnamespace::text, c.relname, c.relacl::text, c.relrowsecurity from pg_class c
   where c.relnamespace::regnamespace::text in ('public', 'auth', 'storage', 'rehearse') order by 1, 2`,
  `select attrelid::regclass::text, attname, attacl::text from pg_attribute
   where attacl is not null and attrelid::regclass::text like 'public.%' order by 1, 2`,
  `select rolname, rolbypassrls, rolcanlogin from pg_roles where rolname in ('anon', 'authenticated', 'service_role') order by 1`,
  "select id, name, public, file_size_limit, allowed_mime_types from storage.buckets order by id",
  "select count(*) as roles from public.job_roles",
  "select count(*) as questions from public.interview_questions",
  "select setting_key, setting_value from public.app_settings order by 1",
];

async function snapshot(): Promise<unknown[]> {
  const parts: unknown[] = [];
  for (const sql of SNAPSHOT) parts.push((await client.query(sql)).rows);
  return parts;
}

beforeAll(async () => {
  database = await createEmptyDatabase();
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
});

afterAll(async () => {
  await client?.end();
  if (database) await dropDatabase(inject("adminUrl"), database.name);
});

describe("migrations", () => {
  it("apply to an empty database, then a second run changes nothing", async () => {
    const first = await migrate(database.url, log);
    const files = await readSqlFiles(MIGRATIONS_DIR);
    expect(first).toEqual(files.map((f) => f.name));
    await seed(database.url, log);
    const before = await snapshot();

    expect(await migrate(database.url, log)).toEqual([]);
    expect(await seed(database.url, log)).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it("are idempotent SQL: every file and seed executed again, verbatim, changes nothing", async () => {
    const before = await snapshot();
    expect(await migrate(database.url, log, { all: true })).toHaveLength(
      (await readSqlFiles(MIGRATIONS_DIR)).length,
    );
    expect(await seed(database.url, log, { all: true })).toHaveLength((await readSqlFiles(SEEDS_DIR)).length);
    for (const file of await readSqlFiles(MIGRATIONS_DIR)) await client.query(file.sql);
    expect(await snapshot()).toEqual(before);
  });

  it("record each file once in the ledger", async () => {
    const { rows } = await client.query(
      "select kind, count(*)::int as n from rehearse.applied_sql group by kind order by kind",
    );
    expect(rows).toEqual([
      { kind: "migration", n: (await readSqlFiles(MIGRATIONS_DIR)).length },
      { kind: "seed", n: (await readSqlFiles(SEEDS_DIR)).length },
    ]);
  });

  it("take turns when two processes migrate the same database at once", async () => {
    const other = await createEmptyDatabase();
    try {
      const results = await Promise.all([migrate(other.url, log), migrate(other.url, log)]);
      expect(results.flat().sort()).toEqual((await readSqlFiles(MIGRATIONS_DIR)).map((f) => f.name).sort());
    } finally {
      await dropDatabase(inject("adminUrl"), other.name);
    }
  });
});
