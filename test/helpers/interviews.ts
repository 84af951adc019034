import type { App } from "../../src/app.ts";
import type { Queryable } from "../../src/db/query.ts";
import { call, signUp } from "./auth.ts";

/** The id of a seeded job role by title. */
export async function roleId(app: App, title: string): Promise<string> {
  const roles = await call(app, "GET", "/api/job-roles");
  const role = roles.body.find((r: { title: string }) => r.title === title);
  if (!role) throw new Error(`no role ${title}`);
  return role.id;
}

export async function createInterview(app: App, token: string, body: Record<string, unknown>) {
  const created = await call(app, "POST", "/api/interviews", { token, body });
  if (created.status !== 201)
    throw new Error(`create failed: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body as { id: string; total_questions: number; status: string };
}

export async function act(app: App, token: string, id: string, action: string, body?: unknown) {
  return call(app, "POST", `/api/interviews/${id}/${action}`, { token, ...(body ? { body } : {}) });
}

/** The hidden sample answer of an asked question, read as the test's privileged connection. */
export async function sampleAnswerOf(db: Queryable, sessionId: string, order: number): Promise<string> {
  const { rows } = await db.query(
    "select sample_answer, question_text from public.interview_session_questions where interview_session_id = $1 and question_order = $2",
    [sessionId, order],
  );
  return rows[0]?.sample_answer ?? rows[0]?.question_text ?? "";
}

/** Asks and answers every question of a started session; `answer` picks each text. */
export async function answerAll(
  app: App,
  token: string,
  sessionId: string,
  answer: (order: number) => Promise<string> | string,
) {
  const orders: number[] = [];
  for (;;) {
    const next = await call(app, "GET", `/api/interviews/${sessionId}/next-question`, { token });
    if (next.status !== 200) throw new Error(`next-question: ${next.status} ${JSON.stringify(next.body)}`);
    if (!next.body.question) return orders;
    const order = next.body.question.question_order as number;
    const saved = await call(app, "POST", `/api/interviews/${sessionId}/answers`, {
      token,
      body: { question_order: order, text: await answer(order) },
    });
    if (saved.status !== 201) throw new Error(`answer: ${saved.status} ${JSON.stringify(saved.body)}`);
    orders.push(order);
  }
}

/** Moves every recorded transition of a session back in time, as if it had happened `seconds` earlier. */
export async function shiftTransitions(db: Queryable, sessionId: string, shifts: number[]): Promise<void> {
  const { rows } = await db.query(
    "select id from public.interview_session_transitions where interview_session_id = $1 order by id",
    [sessionId],
  );
  for (const [index, row] of rows.entries()) {
    const seconds = shifts[index];
    if (seconds === undefined) continue;
    await db.query(
      "update public.interview_session_transitions set at = clock_timestamp() - make_interval(secs => $2) where id = $1",
      [row.id, seconds],
    );
  }
}

/** A fresh signed-up user on the enterprise plan, so a test file's many sessions meet no monthly limit. */
export async function unlimitedUser(app: App, db: Queryable) {
  const signed = await signUp(app);
  await db.query("update public.user_profiles set subscription_type = 'enterprise' where id = $1", [
    signed.session.user.id,
  ]);
  return { token: signed.session.access_token, id: signed.session.user.id };
}
