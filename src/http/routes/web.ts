import { stat } from "node:fs/promises";
import type { IncomingMessage } from "node:http";
import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyPluginAsync, FastifyReply } from "fastify";

/** Paths that belong to the API and its neighbours: never answered with the single-page app. */
const RESERVED = ["/api", "/auth", "/storage", "/health", "/openapi.json", "/dev"];
const IMMUTABLE = "public, max-age=31536000, immutable";

type Strategy = Parameters<FastifyInstance["addConstraintStrategy"]>[0];
type Handler = Parameters<ReturnType<Strategy["storage"]>["set"]>[1];

/** Derives "page" for GET and HEAD requests outside the reserved paths; nothing else can reach the app. */
const STRATEGY: Strategy = {
  name: "rehearseWeb",
  storage() {
    const handlers = new Map<unknown, Handler>();
    return {
      get: (value) => handlers.get(value) ?? null,
      set: (value, handler) => void handlers.set(value, handler),
    };
  },
  deriveConstraint(request: IncomingMessage) {
    if (request.method !== "GET" && request.method !== "HEAD") return undefined;
    return isReserved((request.url ?? "/").split("?")[0] ?? "/") ? undefined : "page";
  },
  mustMatchWhenDerived: false,
};

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Rehearse — web app not built</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; padding: 0 1rem; line-height: 1.5">
<h1>The web app has not been built yet</h1>
<p>Run <code>npm run build:web</code> in the project folder, then reload this page.
The API is running: see <a href="/openapi.json">/openapi.json</a>.</p>
</body></html>`;

/**
 * The browser app (web/, built by `npm run build:web` into dist/web) on the same origin as the API.
 * Files under the build folder are served as they are — hashed assets with a year-long immutable cache,
 * index.html never cached — and any other GET that asks for HTML outside the API gets index.html, so
 * client-side routes survive a reload. Everything else falls through to the API's 404.
 */
export const webRoutes: FastifyPluginAsync<{ root: string }> = async (app, options) => {
  const root = path.resolve(options.root);
  // serve: false only decorates reply.sendFile (scoped to this plugin); the one route below decides.
  await app.register(fastifyStatic, { root, serve: false });

  // The catch-all route is constrained, so the API's 404 handler (which asks the router whether another
  // method would match, for 405) never mistakes it for a real endpoint; only page-like GETs reach it.
  if (!app.hasConstraintStrategy(STRATEGY.name)) app.addConstraintStrategy(STRATEGY);
  app.get(
    "/*",
    { schema: { hide: true }, constraints: { [STRATEGY.name]: "page" } },
    async (request, reply) => {
      const pathname = decodePath(request.url.split("?")[0] ?? "/");
      if (pathname === undefined || isReserved(pathname)) return reply.callNotFound();

      const file = pathname === "/" ? undefined : await fileUnder(root, pathname);
      if (file === "index.html") return sendIndex(reply);
      if (file) {
        const hashed = file.startsWith(`assets${path.sep}`);
        reply.header("cache-control", hashed ? IMMUTABLE : "public, max-age=3600");
        return reply.sendFile(file, root, { cacheControl: false });
      }

      const wantsHtml = String(request.headers.accept ?? "").includes("text/html");
      if (!wantsHtml) return reply.callNotFound();
      if (!(await isFile(path.join(root, "index.html")))) {
        return reply
          .code(503)
          .header("cache-control", "no-store")
          .type("text/html; charset=utf-8")
          .send(NOT_BUILT);
      }
      return sendIndex(reply);
    },
  );
};

function sendIndex(reply: FastifyReply) {
  reply.header("cache-control", "no-cache");
  return reply.sendFile("index.html", { cacheControl: false });
}

function isReserved(pathname: string): boolean {
  return RESERVED.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

function decodePath(raw: string): string | undefined {
  try {
    const decoded = decodeURIComponent(raw);
    return decoded.includes("\0") ? undefined : decoded;
  } catch {
    return undefined;
  }
}

/** The path of a regular file inside root (relative to it) named by the URL path, or undefined. */
async function fileUnder(root: string, pathname: string): Promise<string | undefined> {
  const segments = pathname.split("/").filter(Boolean);
  // No dotfiles, no climbing out: a segment such as ".." or ".env" never names a file we serve.
  if (segments.some((segment) => segment.startsWith(".") || segment.includes("\\"))) return undefined;
  const absolute = path.join(root, ...segments);
  if (!absolute.startsWith(root + path.sep)) return undefined;
  return (await isFile(absolute)) ? path.relative(root, absolute) : undefined;
}

async function isFile(absolute: string): Promise<boolean> {
  try {
    return (await stat(absolute)).isFile();
  } catch {
    return false;
  }
}
