import type { FastifyInstance, FastifyRequest } from "fastify";
import { AuthError, authErrors } from "../../auth/errors.ts";
import type { AuthService, Caller } from "../../auth/service.ts";

declare module "fastify" {
  interface FastifyRequest {
    /** Who is calling, resolved from `Authorization: Bearer` or the `apikey` header. */
    caller: Caller | undefined;
  }
}

// Paths reachable without any key, as Supabase's gateway allows: links opened from an e-mail, and files
// fetched by <img> or <audio> through public or signed URLs.
const OPEN_PATHS = ["/auth/v1/verify", "/auth/v1/settings"];
const OPEN_PREFIXES = ["/storage/v1/object/public/", "/storage/v1/object/sign/"];

function needsKey(path: string, method: string): boolean {
  if (path.startsWith("/api/")) return false;
  if (OPEN_PATHS.includes(path)) return false;
  return !(["GET", "HEAD"].includes(method) && OPEN_PREFIXES.some((prefix) => path.startsWith(prefix)));
}

/** The event stream and the answer stream (no headers from EventSource or WebSocket) take `?access_token=`. */
function streamToken(request: FastifyRequest, path: string): string | undefined {
  if (path !== "/api/events" && !/^\/api\/interviews\/[^/]+\/answers\/\d+\/stream$/.test(path))
    return undefined;
  const token = (request.query as { access_token?: unknown } | undefined)?.access_token;
  return typeof token === "string" && token.length > 0 ? token : undefined;
}

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw authErrors.badJwt("the Authorization header must be 'Bearer <token>'");
  return match[1];
}

/**
 * Resolves the caller for /auth/v1, /storage/v1 and /api. A token that fails verification is a 401, never an
 * anonymous visitor. /auth/v1 and /storage/v1 insist on a key (the anon key at least), as Supabase's gateway
 * does; /api treats a request without credentials as anonymous.
 */
export function registerCaller(app: FastifyInstance, auth: AuthService): void {
  app.decorateRequest("caller", undefined);
  app.addHook("onRequest", async (request) => {
    const path = request.url.split("?")[0] ?? "";
    if (!["/auth/v1/", "/storage/v1/", "/api/"].some((prefix) => path.startsWith(prefix))) return;
    const apikey = request.headers.apikey;
    const token = bearer(request) ?? streamToken(request, path);
    if (typeof apikey === "string" && apikey !== token) {
      const key = await auth.resolveToken(apikey).catch(() => undefined);
      if (!key || key.kind === "user") throw new AuthError(401, "no_authorization", "Invalid API key");
    }
    const credential = token ?? (typeof apikey === "string" ? apikey : undefined);
    if (!credential) {
      if (needsKey(path, request.method)) throw authErrors.noAuthorization();
      request.caller = { kind: "anon" };
      return;
    }
    request.caller = await auth.resolveToken(credential);
  });
}

/** The signed-in user, or a 401. */
export function requireUser(request: FastifyRequest): Extract<Caller, { kind: "user" }> {
  const caller = request.caller;
  if (caller?.kind !== "user") throw new AuthError(401, "no_authorization", "Sign in to continue");
  return caller;
}

/** The signed-in admin (app_metadata.role = "admin", read fresh from the database each request), or a 401/403. */
export function requireAdmin(request: FastifyRequest): Extract<Caller, { kind: "user" }> {
  const caller = requireUser(request);
  if (caller.user.raw_app_meta_data.role !== "admin")
    throw new AuthError(403, "not_admin", "This needs an admin account");
  return caller;
}
