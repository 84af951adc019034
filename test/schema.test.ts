import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { MIGRATIONS_DIR, readSqlFiles } from "../src/db/migrator.ts";
import { adminQuery } from "./helpers/cluster.ts";
import { createEmptyDatabase, useTestDatabase } from "./helpers/database.ts";
import { documentSql } from "./helpers/design-document.ts";

// The design document's SQL, run verbatim in a scratch database, is the reference: every column, type,
// default, constraint, index, trigger, policy, bucket and sample row it defines must exist in ours.

const migrated = useTestDatabase();
let reference: { name: string; url: string };
let referenceClient: pg.Client;

beforeAll(async () => {
  reference = await createEmptyDatabase();
  referenceClient = new pg.Client({ connectionString: reference.url });
  await referenceClient.connect();
  // Our roles, auth and storage schemas stand in for Supabase's; then the document, word for word.
  const [roles, storage] = await readSqlFiles(MIGRATIONS_DIR);
  await referenceClient.query(roles?.sql ?? "");
  await referenceClient.query(storage?.sql ?? "");
  await referenceClient.query("delete from storage.buckets");
  for (const kind of ["tables", "indexes", "storage", "policies", "samples"] as const) {
    await referenceClient.query(await documentSql(kind));
  }
});

afterAll(async () => {
  await referenceClient?.end();
  if (reference)
    await adminQuery(inject("adminUrl"), `drop database if exists "${reference.name}" with (force)`);
});

async function both<T extends pg.QueryResultRow>(sql: string): Promise<{ expected: T[]; actual: T[] }> {
  const expected = (await referenceClient.query<T>(sql)).rows;
  const actual = (await migrated.pool.query<T>(sql)).rows;
  return { expected, actual };
}

/** docs/decisions/0005: scores DECIMAL(3,2) → DECIMAL(4,2), gender VARCHAR(10) → VARCHAR(20). */
const ADDED_COLUMNS = new Set([
  "interview_responses.attempt",
  "interview_responses.first_attempt_id",
  "interview_responses.scoring_status",
]);

function withDocumentedFixes(column: Record<string, unknown>): Record<string, unknown> {
  if (column.data_type === "numeric" && column.numeric_precision === 3 && column.numeric_scale === 2) {
    return { ...column, numeric_precision: 4 };
  }
  if (column.table_name === "user_profiles" && column.column_name === "gender") {
    return { ...column, character_maximum_length: 20 };
  }
  return column;
}

const COLUMNS = `
  select table_name, column_name, data_type, udt_name, character_maximum_length, numeric_precision,
         numeric_scale, column_default, is_nullable
  from information_schema.columns where table_schema = 'public' order by table_name, ordinal_position`;

const CONSTRAINTS = `
  select rel.relname as table_name, con.contype, pg_get_constraintdef(con.oid) as definition
  from pg_constraint con join pg_class rel on rel.oid = con.conrelid
  join pg_namespace n on n.oid = rel.relnamespace where n.nspname = 'public'
  order by 1, 2, 3`;

const INDEXES = `select tablename, indexname, indexdef from pg_indexes where schemaname = 'public' order by 1, 2`;

const TRIGGERS = `
  select c.relname as table_name, t.tgname, pg_get_triggerdef(t.oid) as definition
  from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
  where n.nspname = 'public' and not t.tgisinternal order by 1, 2`;

const POLICIES = `
  select schemaname, tablename, policyname, permissive, roles::text[] as roles, cmd, qual, with_check
  from pg_policies where schemaname in ('public', 'storage') order by 1, 2, 3`;

describe("schema against the design document", () => {
  it("has all eleven tables", async () => {
    const { expected, actual } = await both<{ table_name: string }>(
      "select table_name from information_schema.tables where table_schema = 'public' order by 1",
    );
    expect(expected).toHaveLength(11);
    expect(actual).toEqual(expect.arrayContaining(expected));
  });

  it("has every column with its type, length, precision, default and nullability", async () => {
    const { expected, actual } = await both<Record<string, unknown>>(COLUMNS);
    expect(expected.length).toBeGreaterThan(150);
    const documentTables = new Set(expected.map((c) => c.table_name));
    const ours = actual.filter((c) => documentTables.has(c.table_name));
    // Added columns (docs/decisions/0011-interviews.md) come after the document's own, which stay as written.
    const added = ours.filter((c) => ADDED_COLUMNS.has(`${c.table_name}.${c.column_name}`));
    expect(added.map((c) => `${c.table_name}.${c.column_name}`).sort()).toEqual([...ADDED_COLUMNS].sort());
    expect(ours.filter((c) => !added.includes(c))).toEqual(expected.map(withDocumentedFixes));
  });

  it("widens exactly the columns that could not hold what their checks allow", async () => {
    const { rows } = await migrated.pool.query(
      `select count(*)::int as scores from information_schema.columns
       where table_schema = 'public' and numeric_precision = 4 and numeric_scale = 2`,
    );
    expect(rows[0].scores).toBe(21);
    const client = await migrated.pool.connect();
    try {
      await client.query("begin");
      await client.query(
        "insert into auth.users (id, email) values ('33333333-3333-4333-8333-333333333333', 'z@example.test')",
      );
      await client.query(
        `insert into public.user_profiles (id, email, full_name, gender, average_interview_score)
         values ('33333333-3333-4333-8333-333333333333', 'z@example.test', 'Z', 'prefer_not_to_say', 10)`,
      );
      const { rows: resume } = await client.query(
        `insert into public.resumes (user_id, file_name, file_path, file_size_bytes)
         values ('33333333-3333-4333-8333-333333333333', 'cv.pdf', 'p', 1) returning id`,
      );
      await client.query(
        `insert into public.resume_analysis (resume_id, user_id, overall_score, overall_feedback)
         values ($1, '33333333-3333-4333-8333-333333333333', 10, 'perfect')`,
        [resume[0].id],
      );
      await expect(
        client.query("update public.resume_analysis set overall_score = 10.01"),
      ).rejects.toMatchObject({
        code: "23514",
      });
    } finally {
      await client.query("rollback");
      client.release();
    }
  });

  it("has every check, primary key, unique and foreign key constraint, ON DELETE rules included", async () => {
    const { expected, actual } = await both<{ definition: string }>(CONSTRAINTS);
    expect(expected.some((c) => String(c.definition).includes("ON DELETE SET NULL"))).toBe(true);
    // A widened column's check is re-parsed with its casts spelled differently; compare without casts.
    const normalize = (rows: { definition: string }[]) =>
      rows.map((row) => ({
        ...row,
        definition: row.definition.replace(/::[a-z ]+(\[\])?/g, "").replace(/[()\s]/g, ""),
      }));
    expect(normalize(actual)).toEqual(expect.arrayContaining(normalize(expected)));
  });

  it("has every index and composite index", async () => {
    const { expected, actual } = await both(INDEXES);
    expect(expected.map((i) => i.indexname)).toContain("idx_interview_responses_session_order");
    expect(actual).toEqual(expect.arrayContaining(expected));
  });

  it("has the updated_at triggers", async () => {
    const { expected, actual } = await both(TRIGGERS);
    expect(expected).toHaveLength(6);
    expect(actual).toEqual(expect.arrayContaining(expected));
  });

  it("has every table and storage policy of the document, unchanged", async () => {
    const { expected, actual } = await both(POLICIES);
    expect(expected.length).toBe(24);
    expect(actual).toEqual(expect.arrayContaining(expected));
  });

  const BROWSER_AUDIO = ["audio/webm", "audio/ogg", "audio/flac", "audio/aac"];

  it("has the three buckets with their size limits and MIME lists", async () => {
    const sql =
      "select id, name, public, file_size_limit, allowed_mime_types from storage.buckets order by id";
    const { expected, actual } = await both(sql);
    expect(expected).toHaveLength(3);
    // The one deliberate difference (migration 0012, ADR 0013): recordings as browsers make them.
    const withBrowserAudio = expected.map((bucket) =>
      bucket.id === "interview-audio"
        ? {
            ...bucket,
            allowed_mime_types: [...bucket.allowed_mime_types, ...BROWSER_AUDIO].sort(),
          }
        : bucket,
    );
    expect(actual).toEqual(withBrowserAudio);
  });

  it("is seeded with the document's job roles, questions and settings", async () => {
    for (const sql of [
      "select title, category, description, required_skills, experience_levels, industry from public.job_roles order by title",
      `select r.title, q.question_text, q.question_type, q.difficulty_level, q.expected_answer_keywords, q.time_limit_seconds
       from public.interview_questions q join public.job_roles r on r.id = q.job_role_id order by 1, 2`,
      "select setting_key, setting_value, description, is_active from public.app_settings order by 1",
    ]) {
      const { expected, actual } = await both(sql);
      expect(expected.length).toBeGreaterThan(2);
      // supported_audio_formats lists the browser formats too (seed 0004, ADR 0013).
      const widened = expected.map((row) =>
        row.setting_key === "supported_audio_formats"
          ? { ...row, setting_value: [...row.setting_value, "webm", "ogg", "flac", "aac"] }
          : row,
      );
      expect(actual).toEqual(expect.arrayContaining(widened));
    }
  });

  it("defines auth.uid(), auth.role() and auth.jwt() over request.jwt.claims", async () => {
    const client = await migrated.pool.connect();
    try {
      await client.query("begin");
      await client.query("select set_config('request.jwt.claims', $1, true)", [
        JSON.stringify({
          sub: "6f1c1d2e-3b4a-4c5d-8e9f-0a1b2c3d4e5f",
          role: "authenticated",
          email: "a@b.c",
        }),
      ]);
      const { rows } = await client.query(
        "select auth.uid()::text as uid, auth.role() as role, auth.jwt() ->> 'email' as email",
      );
      expect(rows[0]).toEqual({
        uid: "6f1c1d2e-3b4a-4c5d-8e9f-0a1b2c3d4e5f",
        role: "authenticated",
        email: "a@b.c",
      });
      await client.query("rollback");
      const { rows: none } = await client.query("select auth.uid() as uid");
      expect(none[0].uid).toBeNull();
    } finally {
      client.release();
    }
  });

  it("has the storage helper functions", async () => {
    const { rows } = await migrated.pool.query(
      "select storage.foldername('u1/s2/3.wav') as folders, storage.filename('u1/s2/3.wav') as file, storage.extension('u1/s2/3.wav') as ext",
    );
    expect(rows[0]).toEqual({ folders: ["u1", "s2"], file: "3.wav", ext: "wav" });
  });
});
