import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { personName } from "../../accounts/profile-schema.ts";
import { AuthError, authErrors } from "../../auth/errors.ts";
import { RateLimiter } from "../../auth/rate-limit.ts";
import type { AuthService } from "../../auth/service.ts";
import type { RequestMeta } from "../../auth/sessions.ts";
import { toUserJson } from "../../auth/users-json.ts";
import type { Config } from "../../config.ts";
import { requireUser } from "../plugins/caller.ts";
import { toAppError } from "../plugins/errors.ts";

// Supabase Auth (GoTrue) wire format: request and response shapes as GoTrue's, errors as
// {code, error_code, msg}. Bodies are not strict: supabase-js sends fields we do not use (captcha, PKCE).

const email = z.email({ message: "Unable to validate email address: invalid format" }).max(255);
const password = z.string().max(256, "Password must be at most 256 characters");
const metadata = z.record(z.string().max(64), z.unknown());

const userSchema = z.looseObject({
  id: z.uuid(),
  email: z.string(),
  app_metadata: metadata,
  user_metadata: metadata,
});
const sessionSchema = z.looseObject({
  access_token: z.string(),
  token_type: z.literal("bearer"),
  expires_in: z.number(),
  expires_at: z.number(),
  refresh_token: z.string(),
  user: userSchema,
});
const errorSchema = z.looseObject({ code: z.number(), error_code: z.string(), msg: z.string() });
const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 422: errorSchema, 429: errorSchema };

interface AuthRoutesOptions {
  auth: AuthService;
  config: Config;
}

function meta(request: FastifyRequest): RequestMeta {
  const agent = request.headers["user-agent"];
  return { ip: request.ip, userAgent: typeof agent === "string" ? agent : null };
}

function sendAuthError(reply: FastifyReply, error: unknown) {
  if (error instanceof AuthError) {
    return reply
      .code(error.status)
      .send({ code: error.status, error_code: error.errorCode, msg: error.message, ...error.extra });
  }
  const app = toAppError(error);
  const errorCode =
    app.code === "validation_failed"
      ? "validation_failed"
      : app.code === "invalid_json"
        ? "bad_json"
        : app.code === "internal"
          ? "unexpected_failure"
          : app.code;
  const status = app.code === "validation_failed" ? 422 : app.status;
  return reply.code(status).send({
    code: status,
    error_code: errorCode,
    msg: app.message,
    ...(app.details ? { details: app.details } : {}),
  });
}

export const authRoutes: FastifyPluginAsyncZod<AuthRoutesOptions> = async (app, { auth, config }) => {
  const limits = config.auth.rateLimits;
  const limiters = {
    token: new RateLimiter(limits.token, 300, limits.tokenBurst),
    auth: new RateLimiter(limits.auth, 300),
    verify: new RateLimiter(limits.verify, 300),
  };
  const limit = (group: keyof typeof limiters) => async (request: FastifyRequest) => {
    if (!limiters[group].take(request.ip)) throw authErrors.overRequestRateLimit();
  };

  app.setErrorHandler((error, request, reply) => {
    const status = error instanceof AuthError ? error.status : toAppError(error).status;
    if (status >= 500) request.log.error({ err: error }, "auth request failed");
    return sendAuthError(reply, error);
  });

  app.post(
    "/signup",
    {
      preHandler: limit("auth"),
      schema: {
        summary: "Create an account (GoTrue)",
        tags: ["auth"],
        body: z.object({
          email,
          password,
          data: z.looseObject(
            { full_name: personName },
            { error: "data must be an object with the user's full_name" },
          ),
        }),
        response: { 200: z.union([sessionSchema, userSchema]), ...errors },
      },
    },
    async (request) => auth.signup(request.body, meta(request)),
  );

  app.post(
    "/token",
    {
      preHandler: limit("token"),
      schema: {
        summary: "Sign in with a password, or refresh a session (GoTrue)",
        tags: ["auth"],
        querystring: z.object({ grant_type: z.enum(["password", "refresh_token"]) }),
        body: z.object({
          email: z.string().max(255).optional(),
          password: password.optional(),
          refresh_token: z.string().max(255).optional(),
        }),
        response: { 200: sessionSchema, ...errors },
      },
    },
    async (request) => {
      const body = request.body;
      if (request.query.grant_type === "refresh_token") {
        if (!body.refresh_token) throw authErrors.validation("refresh_token is required");
        return auth.refresh(body.refresh_token, meta(request));
      }
      if (!body.email || body.password === undefined)
        throw authErrors.validation("email and password are required");
      return auth.signInWithPassword({ email: body.email, password: body.password }, meta(request));
    },
  );

  app.get(
    "/user",
    {
      schema: {
        summary: "The signed-in user (GoTrue)",
        tags: ["auth"],
        response: { 200: userSchema, ...errors },
      },
    },
    async (request) => toUserJson(requireUser(request).user),
  );

  app.put(
    "/user",
    {
      preHandler: limit("auth"),
      schema: {
        summary: "Change the signed-in user's password, e-mail or metadata (GoTrue)",
        tags: ["auth"],
        body: z.object({
          email: email.optional(),
          password: password.optional(),
          data: z.looseObject({ full_name: personName.optional() }).optional(),
        }),
        response: { 200: userSchema, ...errors },
      },
    },
    async (request) => auth.updateUser(requireUser(request), request.body),
  );

  app.post(
    "/logout",
    {
      schema: {
        summary: "Sign out (GoTrue)",
        tags: ["auth"],
        querystring: z.object({ scope: z.enum(["global", "local", "others"]).default("global") }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await auth.logout(requireUser(request), request.query.scope);
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/recover",
    {
      preHandler: limit("auth"),
      schema: {
        summary: "Send a password-recovery e-mail (GoTrue); 200 whether or not the address exists",
        tags: ["auth"],
        body: z.object({ email }),
        response: { 200: z.object({}), ...errors },
      },
    },
    async (request) => {
      await auth.recover(request.body.email);
      return {};
    },
  );

  const verifyBody = z.object({
    type: z.enum(["signup", "recovery", "email_change", "invite", "magiclink", "email"]),
    token: z.string().max(64).optional(),
    token_hash: z.string().max(128).optional(),
    email: email.optional(),
  });

  app.post(
    "/verify",
    {
      preHandler: limit("verify"),
      schema: {
        summary: "Verify a mailed code or link (GoTrue)",
        tags: ["auth"],
        body: verifyBody,
        response: { 200: sessionSchema, ...errors },
      },
    },
    async (request) => auth.verify(request.body, meta(request)),
  );

  // The link in an e-mail: verify, then send the browser to the site with the session in the fragment.
  app.get(
    "/verify",
    {
      preHandler: limit("verify"),
      schema: {
        summary: "Verify a mailed link and redirect (GoTrue)",
        tags: ["auth"],
        querystring: z.object({
          token: z.string().max(128),
          type: verifyBody.shape.type,
          redirect_to: z.string().max(2048).optional(),
        }),
      },
    },
    async (request, reply) => {
      const target = safeRedirect(request.query.redirect_to, config.siteUrl);
      try {
        const session = await auth.verify(
          { type: request.query.type, token_hash: request.query.token },
          meta(request),
        );
        const fragment = new URLSearchParams({
          access_token: session.access_token,
          expires_at: String(session.expires_at),
          expires_in: String(session.expires_in),
          refresh_token: session.refresh_token,
          token_type: "bearer",
          type: request.query.type,
        });
        return reply.redirect(`${target}#${fragment}`, 303);
      } catch (error) {
        const failure = error instanceof AuthError ? error : authErrors.otpExpired();
        const fragment = new URLSearchParams({
          error: "access_denied",
          error_code: failure.errorCode,
          error_description: failure.message,
        });
        return reply.redirect(`${target}#${fragment}`, 303);
      }
    },
  );

  app.post(
    "/resend",
    {
      preHandler: limit("auth"),
      schema: {
        summary: "Send the confirmation e-mail again (GoTrue)",
        tags: ["auth"],
        body: z.object({ type: z.enum(["signup", "email_change"]), email }),
        response: { 200: z.object({ message_id: z.string().nullable() }), ...errors },
      },
    },
    async (request) => {
      await auth.resend(request.body);
      return { message_id: null };
    },
  );

  app.get(
    "/settings",
    {
      schema: {
        summary: "Auth settings (GoTrue)",
        tags: ["auth"],
        response: { 200: z.looseObject({ mailer_autoconfirm: z.boolean() }) },
      },
    },
    async () => auth.settings(),
  );
};

/** Only the site's own origin may be a redirect target; anything else falls back to the site URL. */
function safeRedirect(requested: string | undefined, siteUrl: string): string {
  if (!requested) return siteUrl;
  try {
    const target = new URL(requested);
    return target.origin === new URL(siteUrl).origin ? target.toString().replace(/#.*$/, "") : siteUrl;
  } catch {
    return siteUrl;
  }
}
