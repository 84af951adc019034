import { randomUUID } from "node:crypto";
import type { Queryable } from "../../src/db/query.ts";

// Builders insert test data directly as the test's privileged connection, bypassing the API and RLS:
// they set the stage; the assertions go through the scopes.

export interface UserFixture {
  id: string;
  email: string;
}

export async function buildUser(
  db: Queryable,
  options: { email?: string; fullName?: string; admin?: boolean } = {},
): Promise<UserFixture> {
  const id = randomUUID();
  const email = options.email ?? `user-${id.slice(0, 8)}@example.test`;
  await db.query(
    `insert into auth.users (id, email, encrypted_password, email_confirmed_at, raw_app_meta_data, raw_user_meta_data)
     values ($1, $2, 'not-a-real-hash', now(), $3, $4)`,
    [id, email, options.admin ? { role: "admin" } : {}, { full_name: options.fullName ?? "Test User" }],
  );
  await db.query("insert into public.user_profiles (id, email, full_name) values ($1, $2, $3)", [
    id,
    email,
    options.fullName ?? "Test User",
  ]);
  return { id, email };
}

export async function buildResume(
  db: Queryable,
  userId: string,
  options: { active?: boolean } = {},
): Promise<string> {
  const { rows } = await db.query(
    `insert into public.resumes (user_id, file_name, file_path, file_size_bytes, is_active)
     values ($1, 'cv.pdf', $2, 1234, $3) returning id`,
    [userId, `${userId}/cv.pdf`, options.active ?? true],
  );
  return rows[0].id;
}

export async function buildJobRole(db: Queryable, options: { active?: boolean } = {}): Promise<string> {
  const { rows } = await db.query(
    `insert into public.job_roles (title, category, required_skills, is_active)
     values ($1, 'technology', array['TypeScript'], $2) returning id`,
    [`Role ${randomUUID()}`, options.active ?? true],
  );
  return rows[0].id;
}

export async function buildQuestion(db: Queryable, roleId: string, options: { active?: boolean } = {}) {
  const { rows } = await db.query(
    `insert into public.interview_questions (job_role_id, question_text, question_type, difficulty_level, is_active)
     values ($1, 'Describe a hard bug you fixed.', 'behavioral', 'medium', $2) returning id`,
    [roleId, options.active ?? true],
  );
  return rows[0].id as string;
}

export async function buildSession(db: Queryable, userId: string, roleId: string, resumeId: string | null) {
  const { rows } = await db.query(
    `insert into public.interview_sessions (user_id, job_role_id, resume_id, session_name)
     values ($1, $2, $3, 'Practice') returning id`,
    [userId, roleId, resumeId],
  );
  return rows[0].id as string;
}

export async function buildResponse(db: Queryable, userId: string, sessionId: string, questionId: string) {
  const { rows } = await db.query(
    `insert into public.interview_responses (interview_session_id, question_id, user_id, question_order, transcribed_text)
     values ($1, $2, $3, 1, 'An answer.') returning id`,
    [sessionId, questionId, userId],
  );
  return rows[0].id as string;
}

export async function buildObject(
  db: Queryable,
  bucket: string,
  name: string,
  owner: string,
): Promise<string> {
  const { rows } = await db.query(
    `insert into storage.objects (bucket_id, name, owner, owner_id, metadata)
     values ($1, $2, $3, $4, '{"size": 1}') returning id`,
    [bucket, name, owner, owner],
  );
  return rows[0].id;
}
