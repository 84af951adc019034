import { readFile } from "node:fs/promises";
import type { Queryable } from "../../src/db/query.ts";
import { act, createInterview, roleId, unlimitedUser } from "./interviews.ts";
import type { TestServer } from "./server.ts";

/** A real read-English recording from the Debian package pocketsphinx-testdata. */
export const SPEECH =
  "/usr/share/pocketsphinx/test/data/librivox/sense_and_sensibility_01_austen_64kb-0870.wav";

/** A signed-up user (enterprise plan) with a started session. */
export async function askedSession(db: Queryable, app: TestServer, questions = 3) {
  const user = await unlimitedUser(app.app, db);
  const token = user.token;
  const session = await createInterview(app.app, token, {
    job_role_id: await roleId(app.app, "Data Scientist"),
    total_questions: questions,
  });
  await act(app.app, token, session.id, "start");
  return { token, userId: user.id, sessionId: session.id };
}

/** Asks the next question over HTTP; returns its order. */
export async function ask(app: TestServer, token: string, sessionId: string): Promise<number> {
  const next = await fetch(`${app.url}/api/interviews/${sessionId}/next-question`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return ((await next.json()) as { question: { question_order: number } }).question.question_order;
}

/** Multipart, as a browser's FormData sends it: the question_order field, then the file. */
export async function upload(
  app: TestServer,
  token: string,
  sessionId: string,
  order: number,
  file: string,
  type: string,
) {
  const form = new FormData();
  form.append("question_order", String(order));
  form.append("audio", new Blob([await readFile(file)], { type }), file.split("/").at(-1));
  const response = await fetch(`${app.url}/api/interviews/${sessionId}/answers`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Waits until the background work on an answer is over: scored, failed, or waiting for a transcript. */
export async function settled(db: Queryable, id: string, ms = 90_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const { rows } = await db.query("select * from public.interview_responses where id = $1", [id]);
    const row = rows[0];
    if (row && (row.scoring_status !== "pending" || row.gemini_analysis_raw?.awaiting_transcript)) return row;
    if (Date.now() > deadline) throw new Error(`response ${id} did not settle: ${JSON.stringify(row)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
