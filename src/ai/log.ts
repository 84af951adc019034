import type { Pool } from "../db/pool.ts";
import { many, query } from "../db/query.ts";
import { asService } from "../db/scopes.ts";

export interface AiCall {
  userId: string | null;
  /** Provider and endpoint, e.g. "builtin:resume-analyzer" or "gemini:models/gemini-2.5-flash:generateContent". */
  endpoint: string;
  requestType: "resume_analysis" | "interview_evaluation" | "question_generation" | "transcription";
  /** What was asked, without the user's document itself (kept out of logs on purpose). */
  request: Record<string, unknown>;
  response: Record<string, unknown> | null;
  tokens: number | null;
  milliseconds: number;
  status: "success" | "error" | "timeout" | "fallback";
  error: string | null;
}

const insertLog = query(
  "ai.insert_log",
  `insert into public.gemini_api_logs
     (user_id, api_endpoint, request_type, request_payload, response_payload, tokens_used, processing_time_ms, status, error_message)
   values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
);

/** Every AI call, built-in included, leaves a row in gemini_api_logs (admins read them). */
export async function logAiCall(pool: Pool, call: AiCall): Promise<void> {
  await asService(pool, (tx) =>
    many(tx, insertLog, [
      call.userId,
      call.endpoint.slice(0, 255),
      call.requestType,
      call.request,
      call.response,
      call.tokens,
      Math.round(call.milliseconds),
      call.status,
      call.error,
    ]),
  );
}

/** How a failed call is logged: a timeout, or a fallback with a short description of what went wrong. */
export function failure(
  signal: AbortSignal,
  error: unknown,
): { status: "timeout" | "fallback"; reason: string } {
  const message = (error as Error)?.message ?? String(error);
  if (signal.aborted || /timed? ?out|abort/i.test(message)) return { status: "timeout", reason: "timed out" };
  return { status: "fallback", reason: message.length > 500 ? `${message.slice(0, 500)}…` : message };
}
