import { AppError, type ErrorCode } from "../errors.ts";

/**
 * An error of the Supabase-compatible auth surface: an HTTP status, GoTrue's `error_code` and a message.
 * /auth/v1 answers `{code, error_code, msg}` as GoTrue does; elsewhere it becomes our usual shape.
 */
export class AuthError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "AuthError";
  }

  toAppError(): AppError {
    const code: ErrorCode =
      this.status === 401
        ? "unauthorized"
        : this.status === 403
          ? "forbidden"
          : this.status === 404
            ? "not_found"
            : this.status === 422 || this.status === 400
              ? "validation_failed"
              : this.status === 429
                ? "rate_limited"
                : "internal";
    return new AppError(code, this.message, { error_code: this.errorCode, ...this.extra });
  }
}

export const authErrors = {
  invalidCredentials: () => new AuthError(400, "invalid_credentials", "Invalid login credentials"),
  emailNotConfirmed: () => new AuthError(400, "email_not_confirmed", "Email not confirmed"),
  noAuthorization: () =>
    new AuthError(401, "no_authorization", "This endpoint requires a Bearer token or an apikey header"),
  badJwt: (reason: string) => new AuthError(401, "bad_jwt", `Invalid token: ${reason}`),
  sessionNotFound: () =>
    new AuthError(401, "session_not_found", "Session from session_id claim in JWT does not exist"),
  refreshTokenNotFound: () =>
    new AuthError(400, "refresh_token_not_found", "Invalid Refresh Token: Refresh Token Not Found"),
  refreshTokenAlreadyUsed: () =>
    new AuthError(400, "refresh_token_already_used", "Invalid Refresh Token: Already Used"),
  otpExpired: () => new AuthError(403, "otp_expired", "Token has expired or is invalid"),
  weakPassword: (reasons: string[]) =>
    new AuthError(
      422,
      "weak_password",
      reasons.includes("pwned")
        ? "Password is known to be weak and easy to guess, please choose a different one."
        : "Password should be at least 8 characters.",
      { weak_password: { reasons } },
    ),
  samePassword: () =>
    new AuthError(422, "same_password", "New password should be different from the old password."),
  emailExists: () =>
    new AuthError(422, "email_exists", "A user with this email address has already been registered"),
  validation: (message: string, fields: { field: string; message: string }[] = []) =>
    new AuthError(422, "validation_failed", message, fields.length ? { issues: fields } : {}),
  overRequestRateLimit: () => new AuthError(429, "over_request_rate_limit", "Request rate limit reached"),
  overEmailSendRateLimit: () => new AuthError(429, "over_email_send_rate_limit", "Email rate limit exceeded"),
  userNotFound: () => new AuthError(404, "user_not_found", "User not found"),
};
