import { beforeAll, describe, expect, it } from "vitest";
import {
  buildJobRole,
  buildObject,
  buildQuestion,
  buildResponse,
  buildResume,
  buildSession,
  buildUser,
} from "./helpers/builders.ts";
import { useTestDatabase } from "./helpers/database.ts";

// Row-level security as data: who may do what to whose rows, checked against the real database.
// "allowed": the statement succeeded and touched at least one row.
// "denied": refused with 42501, or it touched no row (RLS hides rows from UPDATE/DELETE silently).
// A number: a SELECT returned exactly that many rows.

type Actor = "owner" | "other" | "anon" | "admin" | "service";
type Expected = "allowed" | "denied" | number;

interface World {
  owner: string;
  other: string;
  admin: string;
  resume: string;
  spareResume: string;
  otherResume: string;
  role: string;
  inactiveRole: string;
  question: string;
  inactiveQuestion: string;
  session: string;
  otherSession: string;
  bucketObjects: Record<string, string>;
}

interface Case {
  table: string;
  op: string;
  sql: (w: World, actorId: string | null) => { text: string; values: unknown[] };
  expect: Partial<Record<Actor, Expected>>;
}

const db = useTestDatabase();
let world: World;

const own =
  (text: string, values: (w: World, actorId: string | null) => unknown[]) =>
  (w: World, a: string | null) => ({
    text,
    values: values(w, a),
  });

const cases: Case[] = [
  // user_profiles: read and edit your own; created and deleted by the server only.
  {
    table: "user_profiles",
    op: "select owner's row",
    sql: own("select * from public.user_profiles where id = $1", (w) => [w.owner]),
    expect: { owner: 1, other: 0, anon: "denied", admin: 0, service: 1 },
  },
  {
    table: "user_profiles",
    op: "select all rows",
    sql: own("select * from public.user_profiles", () => []),
    expect: { owner: 1, other: 1, admin: 1, service: 3 },
  },
  {
    table: "user_profiles",
    op: "insert",
    sql: own(
      "insert into public.user_profiles (id, email, full_name) values ($1, 'x@example.test', 'X')",
      (w) => [w.owner],
    ),
    expect: { owner: "denied", other: "denied", anon: "denied" },
  },
  {
    table: "user_profiles",
    op: "update full_name",
    sql: own("update public.user_profiles set full_name = 'Changed' where id = $1", (w) => [w.owner]),
    expect: { owner: "allowed", other: "denied", anon: "denied", admin: "denied", service: "allowed" },
  },
  {
    table: "user_profiles",
    op: "update subscription_type",
    sql: own("update public.user_profiles set subscription_type = 'premium' where id = $1", (w) => [w.owner]),
    expect: { owner: "denied", other: "denied", service: "allowed" },
  },
  {
    table: "user_profiles",
    op: "update id to hijack",
    sql: own("update public.user_profiles set full_name = 'x' where id = $1", (w) => [w.other]),
    expect: { owner: "denied" },
  },
  {
    table: "user_profiles",
    op: "delete",
    sql: own("delete from public.user_profiles where id = $1", (w) => [w.owner]),
    expect: { owner: "denied", other: "denied", anon: "denied", service: "allowed" },
  },

  // resumes
  {
    table: "resumes",
    op: "select",
    sql: own("select * from public.resumes where id = $1", (w) => [w.resume]),
    expect: { owner: 1, other: 0, anon: "denied", admin: 0, service: 1 },
  },
  {
    table: "resumes",
    op: "insert for the owner",
    sql: own(
      "insert into public.resumes (user_id, file_name, file_path, file_size_bytes, is_active) values ($1, 'b.pdf', 'p', 1, false)",
      (w) => [w.owner],
    ),
    expect: { owner: "allowed", other: "denied", anon: "denied", service: "allowed" },
  },
  {
    table: "resumes",
    op: "insert already analyzed",
    sql: own(
      "insert into public.resumes (user_id, file_name, file_path, file_size_bytes, is_active, is_analyzed) values ($1, 'b.pdf', 'p', 1, false, true)",
      (w) => [w.owner],
    ),
    expect: { owner: "denied", service: "allowed" },
  },
  {
    table: "resumes",
    op: "update file_name",
    sql: own("update public.resumes set file_name = 'renamed.pdf' where id = $1", (w) => [w.resume]),
    expect: { owner: "allowed", other: "denied", anon: "denied", service: "allowed" },
  },
  {
    table: "resumes",
    op: "update is_analyzed",
    sql: own("update public.resumes set is_analyzed = true where id = $1", (w) => [w.resume]),
    expect: { owner: "denied", other: "denied", service: "allowed" },
  },
  {
    table: "resumes",
    op: "give away to another user",
    sql: own("update public.resumes set user_id = $2 where id = $1", (w) => [w.resume, w.other]),
    expect: { owner: "denied" },
  },
  {
    table: "resumes",
    op: "delete",
    sql: own("delete from public.resumes where id = $1", (w) => [w.resume]),
    expect: { owner: "allowed", other: "denied", anon: "denied", service: "allowed" },
  },

  // resume_analysis: written by the analysis job only.
  {
    table: "resume_analysis",
    op: "select",
    sql: own("select * from public.resume_analysis where user_id = $1", (w) => [w.owner]),
    expect: { owner: 1, other: 0, anon: "denied", service: 1 },
  },
  {
    table: "resume_analysis",
    op: "insert",
    sql: own(
      "insert into public.resume_analysis (resume_id, user_id, overall_score, overall_feedback) values ($1, $2, 9.9, 'great')",
      (w) => [w.spareResume, w.owner],
    ),
    expect: { owner: "denied", other: "denied", anon: "denied", service: "allowed" },
  },
  {
    table: "resume_analysis",
    op: "update score",
    sql: own("update public.resume_analysis set overall_score = 9.5 where user_id = $1", (w) => [w.owner]),
    expect: { owner: "denied", other: "denied", service: "allowed" },
  },
  {
    table: "resume_analysis",
    op: "delete",
    sql: own("delete from public.resume_analysis where user_id = $1", (w) => [w.owner]),
    expect: { owner: "denied", other: "denied", service: "allowed" },
  },

  // resume_analysis_jobs: the analysis status, read by its owner, written by the analysis job.
  {
    table: "resume_analysis_jobs",
    op: "select",
    sql: own("select * from public.resume_analysis_jobs where resume_id = $1", (w) => [w.resume]),
    expect: { owner: 1, other: 0, anon: "denied", service: 1 },
  },
  {
    table: "resume_analysis_jobs",
    op: "insert",
    sql: own(
      "insert into public.resume_analysis_jobs (resume_id, user_id, status) values ($1, $2, 'done')",
      (w) => [w.spareResume, w.owner],
    ),
    expect: { owner: "denied", other: "denied", anon: "denied", service: "allowed" },
  },
  {
    table: "resume_analysis_jobs",
    op: "update",
    sql: own("update public.resume_analysis_jobs set status = 'done' where resume_id = $1", (w) => [
      w.resume,
    ]),
    expect: { owner: "denied", other: "denied", service: "allowed" },
  },
  {
    table: "resume_analysis_jobs",
    op: "delete",
    sql: own("delete from public.resume_analysis_jobs where resume_id = $1", (w) => [w.resume]),
    expect: { owner: "denied", other: "denied", service: "allowed" },
  },

  // job_roles and interview_questions: everyone reads the active ones; nobody but the service writes.
  {
    table: "job_roles",
    op: "select active",
    sql: own("select * from public.job_roles where id = $1", (w) => [w.role]),
    expect: { owner: 1, other: 1, anon: 1, admin: 1, service: 1 },
  },
  {
    table: "job_roles",
    op: "select inactive",
    sql: own("select * from public.job_roles where id = $1", (w) => [w.inactiveRole]),
    expect: { owner: 0, anon: 0, admin: 1, service: 1 },
  },
  {
    table: "job_roles",
    op: "insert",
    sql: own(
      "insert into public.job_roles (title, category, required_skills) values ('Hacker', 'x', '{}')",
      () => [],
    ),
    expect: { owner: "denied", anon: "denied", admin: "allowed", service: "allowed" },
  },
  {
    table: "job_roles",
    op: "update",
    sql: own("update public.job_roles set title = 'Hacked' where id = $1", (w) => [w.role]),
    expect: { owner: "denied", anon: "denied", admin: "allowed", service: "allowed" },
  },
  {
    table: "job_roles",
    op: "delete",
    sql: own("delete from public.job_roles where id = $1", (w) => [w.inactiveRole]),
    expect: { owner: "denied", anon: "denied", admin: "denied", service: "allowed" },
  },
  {
    table: "interview_questions",
    op: "select active",
    sql: own("select * from public.interview_questions where id = $1", (w) => [w.question]),
    expect: { owner: 1, other: 1, anon: 1, service: 1 },
  },
  {
    table: "interview_questions",
    op: "select inactive",
    sql: own("select * from public.interview_questions where id = $1", (w) => [w.inactiveQuestion]),
    expect: { owner: 0, anon: 0, service: 1 },
  },
  {
    table: "interview_questions",
    op: "insert",
    sql: own(
      "insert into public.interview_questions (job_role_id, question_text, question_type, difficulty_level) values ($1, 'q', 'general', 'easy')",
      (w) => [w.role],
    ),
    expect: { owner: "denied", anon: "denied", service: "allowed" },
  },
  {
    table: "interview_questions",
    op: "update",
    sql: own("update public.interview_questions set question_text = 'x' where id = $1", (w) => [w.question]),
    expect: { owner: "denied", anon: "denied", service: "allowed" },
  },
  {
    table: "interview_questions",
    op: "delete",
    sql: own("delete from public.interview_questions where id = $1", (w) => [w.inactiveQuestion]),
    expect: { owner: "denied", anon: "denied", service: "allowed" },
  },

  // interview_sessions
  {
    table: "interview_sessions",
    op: "select",
    sql: own("select * from public.interview_sessions where id = $1", (w) => [w.session]),
    expect: { owner: 1, other: 0, anon: "denied", service: 1 },
  },
  {
    table: "interview_sessions",
    op: "insert for the owner",
    sql: own("insert into public.interview_sessions (user_id, job_role_id) values ($1, $2)", (w) => [
      w.owner,
      w.role,
    ]),
    expect: { owner: "allowed", other: "denied", anon: "denied", service: "allowed" },
  },
  {
    table: "interview_sessions",
    op: "insert with another user's resume",
    sql: own(
      "insert into public.interview_sessions (user_id, job_role_id, resume_id) values ($1, $2, $3)",
      (w, a) => [a, w.role, w.resume],
    ),
    expect: { owner: "allowed", other: "denied" },
  },
  {
    table: "interview_sessions",
    op: "update status",
    sql: own("update public.interview_sessions set status = 'in_progress' where id = $1", (w) => [w.session]),
    expect: { owner: "allowed", other: "denied", anon: "denied", service: "allowed" },
  },
  {
    table: "interview_sessions",
    op: "update another user's session",
    sql: own(
      "update public.interview_sessions set session_name = 'x', status = 'paused' where id = $1",
      (w) => [w.otherSession],
    ),
    expect: { owner: "denied" },
  },
  {
    table: "interview_sessions",
    op: "switch to another user's resume",
    sql: own("update public.interview_sessions set resume_id = $2 where id = $1", (w) => [
      w.session,
      w.otherResume,
    ]),
    expect: { owner: "denied" },
  },
  {
    table: "interview_sessions",
    op: "update overall_score",
    sql: own("update public.interview_sessions set overall_score = 9.5 where id = $1", (w) => [w.session]),
    expect: { owner: "denied", other: "denied", service: "allowed" },
  },
  {
    table: "interview_sessions",
    op: "delete",
    sql: own("delete from public.interview_sessions where id = $1", (w) => [w.session]),
    expect: { owner: "denied", other: "denied", anon: "denied", service: "allowed" },
  },

  // interview_responses
  {
    table: "interview_responses",
    op: "select",
    sql: own("select * from public.interview_responses where interview_session_id = $1", (w) => [w.session]),
    expect: { owner: 1, other: 0, anon: "denied", service: 1 },
  },
  {
    table: "interview_responses",
    op: "insert into the owner's session",
    sql: own(
      "insert into public.interview_responses (interview_session_id, question_id, user_id, question_order) values ($1, $2, $3, 2)",
      (w, a) => [w.session, w.question, a ?? w.owner],
    ),
    expect: { owner: "allowed", other: "denied", anon: "denied", service: "allowed" },
  },
  {
    table: "interview_responses",
    op: "insert with a score",
    sql: own(
      "insert into public.interview_responses (interview_session_id, question_id, user_id, question_order, response_score) values ($1, $2, $3, 2, 9.5)",
      (w) => [w.session, w.question, w.owner],
    ),
    expect: { owner: "denied", service: "allowed" },
  },
  {
    table: "interview_responses",
    op: "update",
    sql: own(
      "update public.interview_responses set response_score = 9.5 where interview_session_id = $1",
      (w) => [w.session],
    ),
    expect: { owner: "denied", other: "denied", service: "allowed" },
  },
  {
    table: "interview_responses",
    op: "delete",
    sql: own("delete from public.interview_responses where interview_session_id = $1", (w) => [w.session]),
    expect: { owner: "denied", other: "denied", service: "allowed" },
  },

  // user_analytics and interview_feedback: computed by the server, read by their owner.
  ...(["user_analytics", "interview_feedback"] as const).flatMap((table): Case[] => [
    {
      table,
      op: "select",
      sql: own(`select * from public.${table} where user_id = $1`, (w) => [w.owner]),
      expect: { owner: 1, other: 0, anon: "denied", service: 1 },
    },
    {
      table,
      op: "insert",
      // The owner already has an analytics row (one per user): the service adds the other user's.
      sql: own(`insert into public.${table} (user_id) values ($1)`, (w) => [
        table === "user_analytics" ? w.other : w.owner,
      ]),
      expect: { owner: "denied", other: "denied", anon: "denied", service: "allowed" },
    },
    {
      table,
      op: "update",
      sql: own(`update public.${table} set created_at = now() where user_id = $1`, (w) => [w.owner]),
      expect: { owner: "denied", other: "denied", service: "allowed" },
    },
    {
      table,
      op: "delete",
      sql: own(`delete from public.${table} where user_id = $1`, (w) => [w.owner]),
      expect: { owner: "denied", other: "denied", service: "allowed" },
    },
  ]),

  // A session's status history and asked questions: the owner reads them and records them on their own
  // sessions only; nobody rewrites them but the service.
  ...(
    [
      [
        "interview_session_transitions",
        "(interview_session_id, user_id, to_status) values ($1, $2, 'paused')",
      ],
      [
        "interview_session_questions",
        "(interview_session_id, user_id, question_order, origin, question_text, question_type, difficulty_level) values ($1, $2, 9, 'bank', 'Why?', 'general', 'easy')",
      ],
    ] as const
  ).flatMap(([table, values]): Case[] => [
    {
      table,
      op: "select",
      sql: own(`select * from public.${table} where interview_session_id = $1`, (w) => [w.session]),
      expect: { owner: 1, other: 0, anon: "denied", service: 1 },
    },
    {
      table,
      op: "insert on the owner's session",
      sql: own(`insert into public.${table} ${values}`, (w) => [w.session, w.owner]),
      expect: { owner: "allowed", other: "denied", anon: "denied", service: "allowed" },
    },
    {
      table,
      op: "insert on another's session as oneself",
      sql: own(`insert into public.${table} ${values}`, (w, actor) => [w.otherSession, actor ?? w.owner]),
      expect: { owner: "denied", anon: "denied" },
    },
    {
      table,
      op: "update",
      sql: own(`update public.${table} set user_id = user_id where interview_session_id = $1`, (w) => [
        w.session,
      ]),
      expect: { owner: "denied", other: "denied", service: "allowed" },
    },
    {
      table,
      op: "delete",
      sql: own(`delete from public.${table} where interview_session_id = $1`, (w) => [w.session]),
      expect: { owner: "denied", other: "denied", service: "allowed" },
    },
  ]),

  // app_settings: every signed-in user reads; admins write.
  {
    table: "app_settings",
    op: "select",
    sql: own("select * from public.app_settings where setting_key = 'max_interview_duration'", () => []),
    expect: { owner: 1, other: 1, admin: 1, anon: "denied", service: 1 },
  },
  {
    table: "app_settings",
    op: "insert",
    sql: own(
      "insert into public.app_settings (setting_key, setting_value) values ('new_key', '1')",
      () => [],
    ),
    expect: { owner: "denied", anon: "denied", admin: "allowed", service: "allowed" },
  },
  {
    table: "app_settings",
    op: "update",
    sql: own(
      "update public.app_settings set setting_value = '7200' where setting_key = 'max_interview_duration'",
      () => [],
    ),
    expect: { owner: "denied", anon: "denied", admin: "allowed", service: "allowed" },
  },
  {
    table: "app_settings",
    op: "delete",
    sql: own("delete from public.app_settings where setting_key = 'max_interview_duration'", () => []),
    expect: { owner: "denied", anon: "denied", admin: "allowed", service: "allowed" },
  },

  // gemini_api_logs: admins read; only the server writes.
  {
    table: "gemini_api_logs",
    op: "select",
    sql: own("select * from public.gemini_api_logs", () => []),
    expect: { owner: 0, other: 0, anon: "denied", admin: 1, service: 1 },
  },
  {
    table: "gemini_api_logs",
    op: "insert",
    sql: own(
      "insert into public.gemini_api_logs (user_id, api_endpoint, request_type, status) values ($1, 'x', 'y', 'success')",
      (w) => [w.owner],
    ),
    expect: { owner: "denied", admin: "denied", anon: "denied", service: "allowed" },
  },
  {
    table: "gemini_api_logs",
    op: "delete",
    sql: own("delete from public.gemini_api_logs", () => []),
    expect: { owner: "denied", admin: "denied", service: "allowed" },
  },

  // storage.objects, bucket by bucket: each user only in the folder named after their id.
  ...(["resumes", "interview-audio", "profile-pictures"] as const).flatMap((bucket): Case[] => {
    const isPublic = bucket === "profile-pictures";
    return [
      {
        table: `storage.objects/${bucket}`,
        op: "select owner's object",
        sql: own("select * from storage.objects where id = $1", (w) => [w.bucketObjects[bucket]]),
        expect: { owner: 1, other: isPublic ? 1 : 0, anon: isPublic ? 1 : 0, service: 1 },
      },
      {
        table: `storage.objects/${bucket}`,
        op: "insert into the owner's folder",
        sql: own("insert into storage.objects (bucket_id, name) values ($1, $2 || '/new.bin')", (w) => [
          bucket,
          w.owner,
        ]),
        expect: { owner: "allowed", other: "denied", anon: "denied", service: "allowed" },
      },
      {
        table: `storage.objects/${bucket}`,
        op: "insert at the bucket root",
        sql: own("insert into storage.objects (bucket_id, name) values ($1, 'root.bin')", () => [bucket]),
        expect: { owner: "denied", other: "denied", anon: "denied" },
      },
      {
        table: `storage.objects/${bucket}`,
        op: "update owner's object",
        sql: own("update storage.objects set metadata = '{}' where id = $1", (w) => [
          w.bucketObjects[bucket],
        ]),
        expect: {
          owner: isPublic ? "allowed" : "denied",
          other: "denied",
          anon: "denied",
          service: "allowed",
        },
      },
      {
        table: `storage.objects/${bucket}`,
        op: "move owner's object into another's folder",
        sql: own("update storage.objects set name = $2 || '/stolen.bin' where id = $1", (w) => [
          w.bucketObjects[bucket],
          w.other,
        ]),
        expect: { owner: "denied", other: "denied" },
      },
      {
        table: `storage.objects/${bucket}`,
        op: "delete owner's object",
        sql: own("delete from storage.objects where id = $1", (w) => [w.bucketObjects[bucket]]),
        expect: { owner: "allowed", other: "denied", anon: "denied", service: "allowed" },
      },
    ];
  }),
];

function actorId(actor: Actor): string | null {
  return { owner: world.owner, other: world.other, admin: world.admin, anon: null, service: null }[actor];
}

/** Runs one statement as the actor, the way the app's scopes do, and rolls it back. */
async function runAs(actor: Actor, statement: { text: string; values: unknown[] }): Promise<number | string> {
  const id = actorId(actor);
  const role = actor === "service" ? "service_role" : actor === "anon" ? "anon" : "authenticated";
  const claims = id ? { role, sub: id } : { role };
  const client = await db.pool.connect();
  try {
    await client.query("begin");
    await client.query("select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)", [
      role,
      JSON.stringify(claims),
    ]);
    const result = await client.query(statement.text, statement.values);
    return result.rowCount ?? 0;
  } catch (error) {
    return (error as { code?: string }).code ?? "error";
  } finally {
    await client.query("rollback");
    client.release();
  }
}

beforeAll(async () => {
  const p = db.pool;
  const owner = await buildUser(p);
  const other = await buildUser(p);
  const admin = await buildUser(p, { admin: true });
  const resume = await buildResume(p, owner.id);
  const otherResume = await buildResume(p, other.id);
  const spareResume = await buildResume(p, owner.id, { active: false });
  const role = await buildJobRole(p);
  const inactiveRole = await buildJobRole(p, { active: false });
  const question = await buildQuestion(p, role);
  const inactiveQuestion = await buildQuestion(p, role, { active: false });
  const session = await buildSession(p, owner.id, role, resume);
  const otherSession = await buildSession(p, other.id, role, otherResume);
  await buildResponse(p, owner.id, session, question);
  await p.query(
    "insert into public.resume_analysis (resume_id, user_id, overall_score, overall_feedback) values ($1, $2, 7.5, 'ok')",
    [resume, owner.id],
  );
  await p.query("insert into public.user_analytics (user_id) values ($1)", [owner.id]);
  await p.query(
    "insert into public.interview_session_transitions (interview_session_id, user_id, to_status) values ($1, $2, 'scheduled')",
    [session, owner.id],
  );
  await p.query(
    `insert into public.interview_session_questions (interview_session_id, user_id, question_order, question_id, origin,
       question_text, question_type, difficulty_level) values ($1, $2, 1, $3, 'bank', 'Tell me about yourself', 'general', 'easy')`,
    [session, owner.id, question],
  );
  await p.query(
    "insert into public.resume_analysis_jobs (resume_id, user_id, status) values ($1, $2, 'queued')",
    [resume, owner.id],
  );
  await p.query("insert into public.interview_feedback (interview_session_id, user_id) values ($1, $2)", [
    session,
    owner.id,
  ]);
  await p.query(
    "insert into public.gemini_api_logs (user_id, api_endpoint, request_type, status) values ($1, 'models/x', 'resume_analysis', 'success')",
    [owner.id],
  );
  const bucketObjects: Record<string, string> = {};
  for (const bucket of ["resumes", "interview-audio", "profile-pictures"]) {
    bucketObjects[bucket] = await buildObject(p, bucket, `${owner.id}/file.bin`, owner.id);
  }
  world = {
    owner: owner.id,
    other: other.id,
    admin: admin.id,
    resume,
    spareResume,
    otherResume,
    role,
    inactiveRole,
    question,
    inactiveQuestion,
    session,
    otherSession,
    bucketObjects,
  };
});

const rows = cases.flatMap((c) =>
  (Object.entries(c.expect) as [Actor, Expected][]).map(([actor, expected]) => ({ ...c, actor, expected })),
);

describe("row-level security", () => {
  it.each(rows)("$table: $op as $actor → $expected", async ({ sql, actor, expected }) => {
    const outcome = await runAs(actor, sql(world, actorId(actor)));
    if (typeof expected === "number") {
      expect(outcome).toBe(expected);
    } else if (expected === "allowed") {
      expect(typeof outcome === "number" && outcome > 0, `outcome ${outcome}`).toBe(true);
    } else {
      expect(outcome === 0 || outcome === "42501", `outcome ${outcome}`).toBe(true);
    }
  });

  it("covers every public table and every bucket", async () => {
    const { rows: tables } = await db.pool.query<{ tablename: string }>(
      "select tablename from pg_tables where schemaname = 'public'",
    );
    const covered = new Set(cases.map((c) => c.table));
    for (const { tablename } of tables) expect(covered, tablename).toContain(tablename);
    for (const bucket of ["resumes", "interview-audio", "profile-pictures"]) {
      expect(covered).toContain(`storage.objects/${bucket}`);
    }
  });

  it("has row-level security enabled on every public table and on storage", async () => {
    const { rows: off } = await db.pool.query(
      `select n.nspname, c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where c.relkind = 'r' and n.nspname in ('public', 'storage') and not c.relrowsecurity`,
    );
    expect(off).toEqual([]);
  });
});
