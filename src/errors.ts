import type { z } from "zod";

// The one table of error codes. Every failure a client sees carries one of these codes,
// the HTTP status listed here and a human message; codes never change once published.
export const ERRORS = {
  bad_request: { status: 400, message: "The request could not be understood." },
  invalid_json: { status: 400, message: "The request body is not valid JSON." },
  validation_failed: { status: 400, message: "Some fields are missing or invalid." },
  unauthorized: { status: 401, message: "Sign in to continue." },
  forbidden: { status: 403, message: "You are not allowed to do that." },
  not_found: { status: 404, message: "Nothing was found here." },
  route_not_found: { status: 404, message: "There is no such endpoint." },
  method_not_allowed: { status: 405, message: "This endpoint does not accept that method." },
  conflict: { status: 409, message: "That conflicts with something that already exists." },
  invalid_transition: { status: 409, message: "The interview cannot do that in its current state." },
  session_not_active: { status: 409, message: "The interview is not in progress." },
  question_not_asked: { status: 409, message: "That question has not been asked in this interview." },
  question_not_answered: { status: 409, message: "That question was not answered in this interview." },
  already_answered: { status: 409, message: "That question has already been answered." },
  report_not_ready: { status: 409, message: "The report is ready once the interview is completed." },
  not_failed: { status: 409, message: "Only an answer whose processing failed can be processed again." },
  answers_pending: { status: 409, message: "Some answers are still being scored." },
  no_answers: { status: 409, message: "Answer at least one question before completing, or cancel instead." },
  audio_unsupported: { status: 415, message: "That audio format is not accepted." },
  audio_empty: { status: 422, message: "The recording is empty." },
  audio_corrupt: { status: 422, message: "The recording cannot be read; it may be damaged or incomplete." },
  audio_too_long: { status: 413, message: "The recording is longer than this question allows." },
  audio_timeout: { status: 504, message: "Reading the recording took too long." },
  audio_decoder_unavailable: { status: 503, message: "Audio decoding is not available on this server." },
  plan_limit_reached: { status: 403, message: "Your plan's limit has been reached." },
  payload_too_large: { status: 413, message: "The request body is too large." },
  unsupported_media_type: { status: 415, message: "That content type is not accepted here." },
  invalid_mime_type: { status: 415, message: "That kind of file is not accepted here." },
  range_not_satisfiable: { status: 416, message: "The requested range is outside the file." },
  unprocessable: { status: 422, message: "The data breaks a rule of the database." },
  rate_limited: { status: 429, message: "Too many requests; try again later." },
  internal: { status: 500, message: "Something went wrong on our side." },
  database_unavailable: { status: 503, message: "The database cannot be reached right now." },
  timeout: { status: 504, message: "The operation took too long." },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: unknown;

  constructor(code: ErrorCode, message?: string, details?: unknown, options?: { cause?: unknown }) {
    super(message ?? ERRORS[code].message, options);
    this.name = "AppError";
    this.code = code;
    this.status = ERRORS[code].status;
    this.details = details ?? null;
  }
}

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details: unknown;
}

export function errorBody(error: AppError): ErrorBody {
  return { code: error.code, message: error.message, details: error.details };
}

/** A Zod failure of input checked inside a handler, in the same shape as route schema failures. */
export function validationFailed(error: z.ZodError, context: string): AppError {
  const issues = error.issues.map((issue) => ({
    field: [context, ...issue.path.map(String)].join("."),
    message: issue.message,
  }));
  const summary = issues.map((issue) => `${issue.field}: ${issue.message}`).join("; ");
  return new AppError("validation_failed", `Some fields are missing or invalid (${summary}).`, { issues });
}
