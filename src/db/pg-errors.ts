import { AppError } from "../errors.ts";
import { QueryError } from "./query.ts";

interface PgLikeError {
  code?: string;
  detail?: string;
  constraint?: string;
  column?: string;
  table?: string;
  message?: string;
}

// SQLSTATE → our error code. Classes (first two characters) catch whatever a single code does not.
const BY_CODE: Record<string, ConstructorParameters<typeof AppError>[0]> = {
  "42501": "forbidden", // insufficient_privilege, including row-level security violations
  "23505": "conflict", // unique_violation
  "23P01": "conflict", // exclusion_violation
  "23503": "unprocessable", // foreign_key_violation
  "23514": "unprocessable", // check_violation
  "23502": "unprocessable", // not_null_violation
  "22P02": "unprocessable", // invalid_text_representation (a bad uuid, say)
  "22001": "unprocessable", // string_data_right_truncation
  "22003": "unprocessable", // numeric_value_out_of_range
  "22007": "unprocessable", // invalid_datetime_format
  "22008": "unprocessable", // datetime_field_overflow
  "22023": "unprocessable", // invalid_parameter_value
  "57014": "timeout", // query_canceled (statement_timeout)
  "57P01": "database_unavailable", // admin_shutdown
  "57P02": "database_unavailable", // crash_shutdown
  "57P03": "database_unavailable", // cannot_connect_now
  "53300": "database_unavailable", // too_many_connections
};

const BY_CLASS: Record<string, ConstructorParameters<typeof AppError>[0]> = {
  "08": "database_unavailable", // connection exceptions
  "22": "unprocessable", // data exceptions
  "23": "unprocessable", // integrity constraint violations
};

const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EHOSTUNREACH",
]);

/** The one place where a database failure becomes an error code and HTTP status. */
export function fromPgError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const pgError = (error instanceof QueryError ? error.cause : error) as PgLikeError | undefined;
  const sqlState = pgError?.code ?? "";
  const code =
    BY_CODE[sqlState] ??
    BY_CLASS[sqlState.slice(0, 2)] ??
    (NETWORK_CODES.has(sqlState) || isConnectionTimeout(pgError) ? "database_unavailable" : "internal");
  if (code === "internal") return new AppError("internal", undefined, null, { cause: error });
  const details =
    code === "unprocessable" || code === "conflict"
      ? {
          constraint: pgError?.constraint ?? null,
          column: pgError?.column ?? null,
          table: pgError?.table ?? null,
        }
      : null;
  return new AppError(code, undefined, details, { cause: error });
}

function isConnectionTimeout(error: PgLikeError | undefined): boolean {
  const message = error?.message ?? "";
  return /timeout exceeded when trying to connect|Connection terminated/i.test(message);
}
