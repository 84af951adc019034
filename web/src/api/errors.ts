// Every failure the user sees is a sentence: the server's own message when it has one, a plain explanation
// otherwise — never a stack, a status line or "[object Object]".

export type FieldErrors = Record<string, string>;

/** A refused or failed API call, with the server's code and a message fit to show. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  readonly fields: FieldErrors;

  constructor(status: number, code: string, message: string, details: unknown = null) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.details = details;
    this.fields = fieldErrors(details);
  }
}

const NETWORK = "We can't reach the server. Check your connection and try again.";
const FALLBACK = "Something went wrong. Please try again.";

const BY_STATUS: Record<number, string> = {
  401: "Your session has ended. Sign in again to continue.",
  403: "You are not allowed to do that.",
  404: "We couldn't find that. It may have been deleted.",
  408: "The server took too long to answer. Try again.",
  413: "That file is too large.",
  415: "That kind of file is not accepted here.",
  429: "Too many requests in a short time. Wait a minute and try again.",
  500: "Something went wrong on our side. Try again in a moment.",
  502: "The server is restarting or unreachable. Try again in a moment.",
  503: "The service is temporarily unavailable. Try again in a moment.",
  504: "The server took too long to answer. Try again.",
};

// Friendlier words for the auth server's error codes (GoTrue's `error_code`).
const AUTH_CODES: Record<string, string> = {
  invalid_credentials: "That e-mail and password don't match an account. Check them, or reset your password.",
  email_not_confirmed: "Confirm your e-mail address first: we sent you a link and a code.",
  otp_expired: "That code or link has expired or was already used. Ask for a new one.",
  over_request_rate_limit: "Too many attempts. Wait a few minutes and try again.",
  over_email_send_rate_limit: "Too many e-mails were sent. Wait a few minutes and try again.",
  session_not_found: "Your session has ended. Sign in again.",
  refresh_token_not_found: "Your session has ended. Sign in again.",
  user_banned: "This account is locked for now. Try again later or reset your password.",
  same_password: "Choose a password different from your current one.",
  email_address_invalid: "Enter a valid e-mail address.",
  signup_disabled: "New sign-ups are turned off on this server.",
};

const WEAK_REASONS: Record<string, string> = {
  length: "use at least 8 characters",
  characters: "mix letters, digits and symbols",
  pwned: "it is on a list of common passwords — pick something less guessable",
};

/** Parses an error body of any of the server's three shapes into an ApiError. */
export function fromResponseBody(status: number, body: unknown): ApiError {
  const record = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  // API: {code, message, details}; auth: {code, error_code, msg}; storage: {statusCode, error, message}.
  const code = text(record.error_code) ?? text(record.code) ?? text(record.error) ?? `http_${status}`;
  const message =
    AUTH_CODES[code] ?? text(record.message) ?? text(record.msg) ?? BY_STATUS[status] ?? FALLBACK;
  return new ApiError(status, code, message, record.details ?? null);
}

/** The sentence to show for anything thrown: API errors, supabase-js errors, network failures. */
export function humanize(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof TypeError && /fetch|network|load failed/i.test(error.message)) return NETWORK;
  if (error && typeof error === "object") {
    const e = error as {
      name?: unknown;
      code?: unknown;
      message?: unknown;
      status?: unknown;
      reasons?: unknown;
    };
    if (e.name === "AuthRetryableFetchError" || e.name === "StorageUnknownError") return NETWORK;
    if (e.name === "AuthWeakPasswordError" || e.code === "weak_password") {
      const reasons = Array.isArray(e.reasons)
        ? e.reasons.map((r) => WEAK_REASONS[String(r)] ?? String(r))
        : [];
      return reasons.length > 0 ? `Choose a stronger password: ${reasons.join("; ")}.` : message(e.message);
    }
    const mapped = typeof e.code === "string" ? AUTH_CODES[e.code] : undefined;
    if (mapped) return mapped;
    if (typeof e.message === "string" && e.message.trim() !== "" && e.message !== "{}")
      return message(e.message);
    if (typeof e.status === "number" && BY_STATUS[e.status]) return BY_STATUS[e.status] as string;
  }
  if (typeof error === "string" && error.trim() !== "") return error;
  return FALLBACK;
}

/** The code of an error, when it has one. */
export function errorCode(error: unknown): string | undefined {
  if (error instanceof ApiError) return error.code;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/** Field-level messages from a validation failure's details.issues, keyed by the field's last name. */
function fieldErrors(details: unknown): FieldErrors {
  const issues = (details as { issues?: unknown } | null)?.issues;
  if (!Array.isArray(issues)) return {};
  const out: FieldErrors = {};
  for (const issue of issues) {
    const field = text((issue as { field?: unknown }).field);
    const said = text((issue as { message?: unknown }).message);
    if (!field || !said) continue;
    const name = field.replace(/^(body|query|querystring|params)\./, "").split(".")[0] ?? field;
    out[name] ??= said.charAt(0).toUpperCase() + said.slice(1);
  }
  return out;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

function message(value: unknown): string {
  const said = text(value);
  if (!said) return FALLBACK;
  // A bare "Failed to fetch" or similar technical phrase says nothing useful to a person.
  if (/failed to fetch|networkerror|load failed/i.test(said)) return NETWORK;
  return said;
}
