import { describe, expect, it } from "vitest";
import { fromPgError } from "../src/db/pg-errors.ts";
import { many, one, query } from "../src/db/query.ts";
import { asAnon, asService, asUser } from "../src/db/scopes.ts";
import { AppError } from "../src/errors.ts";
import { buildResume, buildUser } from "./helpers/builders.ts";
import { useTestDatabase } from "./helpers/database.ts";

const db = useTestDatabase();

const whoAmI = query<{ uid: string | null; role: string; claims: string }>(
  "test.who_am_i",
  "select auth.uid()::text as uid, current_user as role, current_setting('request.jwt.claims', true) as claims",
);
const resumesOf = query<{ id: string }>(
  "test.resumes_of",
  "select id from public.resumes where user_id = $1",
);
const renameResume = query("test.rename_resume", "update public.resumes set file_name = $2 where id = $1");

async function sqlError(sql: string, values: unknown[] = []): Promise<AppError> {
  try {
    await asService(db.pool, (tx) => many(tx, query("test.failing", sql), values));
  } catch (error) {
    return fromPgError(error);
  }
  throw new Error("expected the statement to fail");
}

describe("database scopes", () => {
  it("asUser runs as authenticated with the caller's claims; they end with the transaction", async () => {
    const user = await buildUser(db.pool);
    const inside = await asUser(db.pool, { role: "authenticated", sub: user.id }, (tx) => one(tx, whoAmI));
    expect(inside).toMatchObject({ uid: user.id, role: "authenticated" });
    expect(JSON.parse(inside?.claims ?? "{}")).toMatchObject({ sub: user.id, role: "authenticated" });

    const after = await one(db.pool, whoAmI);
    expect(after?.uid).toBeNull();
    expect(after?.role).not.toBe("authenticated");
  });

  it("lets the policies decide: a user sees only their own rows", async () => {
    const alice = await buildUser(db.pool);
    const bob = await buildUser(db.pool);
    const resume = await buildResume(db.pool, alice.id);
    const asAlice = await asUser(db.pool, { role: "authenticated", sub: alice.id }, (tx) =>
      many(tx, resumesOf, [alice.id]),
    );
    const asBob = await asUser(db.pool, { role: "authenticated", sub: bob.id }, (tx) =>
      many(tx, resumesOf, [alice.id]),
    );
    const asNobody = asAnon(db.pool, (tx) => many(tx, resumesOf, [alice.id]));
    expect(asAlice.map((r) => r.id)).toEqual([resume]);
    expect(asBob).toEqual([]);
    await expect(asNobody).rejects.toMatchObject({ queryName: "test.resumes_of" });
    const service = await asService(db.pool, (tx) => many(tx, resumesOf, [alice.id]));
    expect(service).toHaveLength(1);
  });

  it("rolls back everything when the work fails", async () => {
    const user = await buildUser(db.pool);
    const resume = await buildResume(db.pool, user.id);
    const failing = asUser(db.pool, { role: "authenticated", sub: user.id }, async (tx) => {
      await many(tx, renameResume, [resume, "renamed.pdf"]);
      throw new Error("boom");
    });
    await expect(failing).rejects.toThrow("boom");
    const { rows } = await db.pool.query("select file_name from public.resumes where id = $1", [resume]);
    expect(rows[0].file_name).toBe("cv.pdf");
  });

  it("refuses a role that is not one of the API roles", async () => {
    // biome-ignore lint/suspicious/noExplicitAny: deliberately bypassing the type to test the guard
    await expect(asUser(db.pool, { role: "postgres" as any }, async () => 1)).rejects.toThrow(/refusing/);
  });

  it("returns connections to the pool after success and failure", async () => {
    for (let i = 0; i < 20; i++) {
      await asService(db.pool, (tx) => one(tx, whoAmI));
      await asAnon(db.pool, async () => {
        throw new Error("x");
      }).catch(() => {});
    }
    expect(db.pool.totalCount).toBeLessThanOrEqual(5);
    expect(db.pool.waitingCount).toBe(0);
  });
});

describe("Postgres errors map to stable codes", () => {
  it.each([
    [
      "unique violation → 409 conflict",
      "insert into public.job_roles (title, category, required_skills) values ('Frontend Developer', 'x', '{}')",
      "conflict",
      409,
    ],
    [
      "check violation → 422",
      "insert into public.interview_questions (question_text, question_type, difficulty_level) values ('q', 'nonsense', 'easy')",
      "unprocessable",
      422,
    ],
    [
      "foreign key violation → 422",
      "insert into public.resumes (user_id, file_name, file_path, file_size_bytes) values (gen_random_uuid(), 'a', 'b', 1)",
      "unprocessable",
      422,
    ],
    [
      "not null violation → 422",
      "insert into public.job_roles (title, category) values ('B', 'x')",
      "unprocessable",
      422,
    ],
    ["bad uuid → 422", "select * from public.resumes where id = 'not-a-uuid'", "unprocessable", 422],
    [
      "value too long → 422",
      `insert into public.job_roles (title, category, required_skills) values ('${"x".repeat(101)}', 'x', '{}')`,
      "unprocessable",
      422,
    ],
    ["statement timeout → 504", "set local statement_timeout = 10; select pg_sleep(1)", "timeout", 504],
    ["syntax error → 500 internal", "selec 1", "internal", 500],
  ])("%s", async (_name, sql, code, status) => {
    const error = await sqlError(sql);
    expect(error).toBeInstanceOf(AppError);
    expect({ code: error.code, status: error.status }).toEqual({ code, status });
  });

  it("insufficient privilege → 403", async () => {
    const user = await buildUser(db.pool);
    const attempt = asUser(db.pool, { role: "authenticated", sub: user.id }, (tx) =>
      many(tx, query("test.forbidden", "delete from public.user_profiles where id = $1"), [user.id]),
    );
    const error = await attempt.catch((e) => fromPgError(e));
    expect({ code: (error as AppError).code, status: (error as AppError).status }).toEqual({
      code: "forbidden",
      status: 403,
    });
  });

  it("an unreachable database → 503", () => {
    const error = fromPgError(
      Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" }),
    );
    expect({ code: error.code, status: error.status }).toEqual({ code: "database_unavailable", status: 503 });
  });
});
