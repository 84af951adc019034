/**
 * Data made through the server's HTTP API (not the screens), for tests whose subject is another screen:
 * accounts with a filled-in profile, analyzed resumes, interviews in a chosen state.
 */
import { readFile } from "node:fs/promises";
import type { Queryable } from "../../../src/db/query.ts";
import { signUp } from "../../helpers/auth.ts";
import { roleId } from "../../helpers/interviews.ts";
import type { TestServer } from "../../helpers/server.ts";
import type { Credentials } from "./browser.ts";

export interface Account extends Credentials {
  token: string;
  id: string;
}

async function api<T>(server: TestServer, token: string, method: string, url: string, body?: unknown) {
  const response = await fetch(`${server.url}${url}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

/**
 * A signed-up account whose profile is filled in (so the onboarding screen is not shown), on the
 * enterprise plan so a file's many interviews meet no monthly limit.
 */
export async function account(server: TestServer, db: Queryable, person: Credentials): Promise<Account> {
  const signed = await signUp(server.app, {
    email: person.email,
    password: person.password,
    fullName: person.fullName,
  });
  const token = signed.session.access_token;
  await api(server, token, "PATCH", "/api/profile", {
    experience_level: "mid",
    preferred_job_roles: [await roleId(server.app, "Full Stack Developer")],
    current_position: "Software Engineer",
  });
  await db.query("update public.user_profiles set subscription_type = 'enterprise' where id = $1", [
    signed.session.user.id,
  ]);
  return { ...person, token, id: signed.session.user.id };
}

/** Uploads a resume PDF and waits for its analysis (the server must run jobs). */
export async function analyzedResume(server: TestServer, token: string, file: string): Promise<string> {
  const form = new FormData();
  form.append("file", new Blob([await readFile(file)], { type: "application/pdf" }), file.split("/").at(-1));
  const response = await fetch(`${server.url}/api/resumes`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  if (response.status !== 201 && response.status !== 202)
    throw new Error(`resume upload: ${response.status} ${await response.text()}`);
  const { id } = (await response.json()) as { id: string };
  const deadline = Date.now() + 60_000;
  for (;;) {
    const state = await api<{ status: string }>(server, token, "GET", `/api/resumes/${id}/analysis`);
    if (state.status === "done") return id;
    if (state.status === "failed" || Date.now() > deadline)
      throw new Error(`resume analysis: ${JSON.stringify(state)}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

/** A new interview (scheduled, not started) for a seeded role. */
export async function interview(
  server: TestServer,
  token: string,
  options: { role?: string; questions?: number; resumeId?: string } = {},
): Promise<string> {
  const session = await api<{ id: string }>(server, token, "POST", "/api/interviews", {
    job_role_id: await roleId(server.app, options.role ?? "Full Stack Developer"),
    total_questions: options.questions ?? 3,
    session_type: "practice",
    difficulty_level: "mixed",
    ...(options.resumeId ? { resume_id: options.resumeId } : {}),
  });
  return session.id;
}

const TYPED =
  "In my last role I owned the payments API: I profiled slow PostgreSQL queries, added the missing indexes and " +
  "a Redis cache, and wrote integration tests. Latency fell from 900 to 120 milliseconds and incidents " +
  "dropped by half, so the team could ship weekly instead of monthly.";

/** Starts an interview and answers `answers` of its questions in writing. */
export async function answered(server: TestServer, token: string, sessionId: string, answers: number) {
  await api(server, token, "POST", `/api/interviews/${sessionId}/start`, { time_zone: "UTC" });
  for (let i = 0; i < answers; i++) {
    const next = await api<{ question: { question_order: number } | null }>(
      server,
      token,
      "GET",
      `/api/interviews/${sessionId}/next-question`,
    );
    if (!next.question) break;
    await api(server, token, "POST", `/api/interviews/${sessionId}/answers`, {
      question_order: next.question.question_order,
      text: TYPED,
    });
  }
}

/** A completed interview with every question answered in writing; returns its id. */
export async function completedInterview(
  server: TestServer,
  token: string,
  options: { questions?: number; resumeId?: string } = {},
): Promise<string> {
  const id = await interview(server, token, options);
  await answered(server, token, id, options.questions ?? 3);
  await api(server, token, "POST", `/api/interviews/${id}/complete`, { time_zone: "UTC" });
  return id;
}
