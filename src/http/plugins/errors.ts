import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";
import { AuthError } from "../../auth/errors.ts";
import { fromPgError } from "../../db/pg-errors.ts";
import { QueryError } from "../../db/query.ts";
import { AppError, type ErrorCode, errorBody } from "../../errors.ts";
import { StorageError } from "../../storage/errors.ts";

const BY_STATUS: Record<number, ErrorCode> = {
  400: "bad_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  409: "conflict",
  413: "payload_too_large",
  415: "unsupported_media_type",
  429: "rate_limited",
  503: "database_unavailable",
};

// OPTIONS is answered for every path by CORS, and HEAD follows GET, so neither proves that a path exists.
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** Turns any thrown value into the one error shape {code, message, details} with a real HTTP status. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof AuthError) return error.toAppError();
  if (error instanceof StorageError) {
    const code: ErrorCode =
      error.error === "invalid_mime_type"
        ? "invalid_mime_type"
        : error.status === 416
          ? "range_not_satisfiable"
          : (BY_STATUS[error.status] ?? "bad_request");
    return new AppError(code, error.message);
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = error.validation.map((issue) => ({
      field: [error.validationContext, ...issuePath(issue)].filter(Boolean).join("."),
      message: issue.message,
    }));
    const summary = issues.map((issue) => `${issue.field}: ${issue.message}`).join("; ");
    return new AppError("validation_failed", `Some fields are missing or invalid (${summary}).`, { issues });
  }
  if (isResponseSerializationError(error)) return new AppError("internal", undefined, null, { cause: error });
  if (error instanceof QueryError || hasSqlState(error)) return fromPgError(error);
  const fastifyError = error as Partial<FastifyError>;
  if (fastifyError.code === "FST_ERR_CTP_INVALID_JSON_BODY" || error instanceof SyntaxError) {
    return new AppError("invalid_json", `The request body is not valid JSON: ${fastifyError.message}`);
  }
  if (fastifyError.code === "FST_ERR_CTP_EMPTY_JSON_BODY") {
    return new AppError("invalid_json", "The request says it carries JSON but its body is empty.");
  }
  const status = fastifyError.statusCode ?? 500;
  const code = status >= 400 && status < 500 ? (BY_STATUS[status] ?? "bad_request") : undefined;
  if (code) return new AppError(code, fastifyError.message || undefined);
  return new AppError("internal", undefined, null, { cause: error });
}

function issuePath(issue: { instancePath?: string; params?: unknown }): string[] {
  const fromPointer = (issue.instancePath ?? "").split("/").filter(Boolean);
  const params = issue.params as { issue?: { path?: (string | number)[] } } | undefined;
  return fromPointer.length ? fromPointer : (params?.issue?.path ?? []).map(String);
}

function hasSqlState(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) && "severity" in (error as object);
}

export function sendError(reply: FastifyReply, error: AppError): FastifyReply {
  if (
    error.status === 405 &&
    error.details &&
    typeof error.details === "object" &&
    "allow" in error.details
  ) {
    reply.header("allow", String((error.details as { allow: string[] }).allow.join(", ")));
  }
  return reply.code(error.status).type("application/json; charset=utf-8").send(errorBody(error));
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error);
    if (appError.status >= 500) {
      request.log.error({ err: error, code: appError.code }, "request failed");
    } else {
      request.log.info({ code: appError.code, reason: appError.message }, "request refused");
    }
    // Refused before the body was read to the end: close rather than drain the rest.
    if (!request.raw.complete) reply.header("connection", "close");
    return sendError(reply, appError);
  });

  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    const url = request.url.split("?")[0] ?? "/";
    const found = METHODS.filter((method) => method !== request.method && app.findRoute({ method, url }));
    if (found.length > 0) {
      const allow = [...found, ...(found.includes("GET") ? ["HEAD"] : []), "OPTIONS"];
      return sendError(
        reply,
        new AppError(
          "method_not_allowed",
          `${request.method} is not allowed here; use ${allow.join(", ")}.`,
          {
            allow,
          },
        ),
      );
    }
    return sendError(
      reply,
      new AppError("route_not_found", `There is no endpoint at ${request.method} ${url}.`),
    );
  });
}
