import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { EventBus } from "../../events/bus.ts";
import { requireUser } from "../plugins/caller.ts";

const HEARTBEAT_MS = 15_000;

/**
 * Server-sent events for the signed-in user. Browsers' EventSource cannot send headers, so the access token
 * may also come as `?access_token=` (the caller plugin accepts it on this path only).
 */
export const eventRoutes: FastifyPluginAsyncZod<{ bus: EventBus }> = async (app, { bus }) => {
  const open = new Set<() => void>();
  // Streams never end by themselves: end them first, or closing the server would wait for them forever.
  app.addHook("preClose", async () => {
    for (const close of open) close();
  });

  app.get(
    "/api/events",
    {
      schema: {
        summary: "Your job progress and results, as server-sent events",
        tags: ["events"],
        hide: false,
      },
    },
    async (request, reply) => {
      const caller = requireUser(request);
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache, no-transform",
        connection: "keep-alive",
        "x-accel-buffering": "no",
        "x-request-id": request.id,
      });
      raw.write(`retry: 3000\n: connected\n\n`);
      const unsubscribe = bus.subscribe(caller.user.id, (event) => {
        raw.write(`event: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`);
      });
      const heartbeat = setInterval(() => raw.write(": heartbeat\n\n"), HEARTBEAT_MS);
      const close = () => {
        clearInterval(heartbeat);
        unsubscribe();
        open.delete(close);
        raw.end();
      };
      open.add(close);
      request.raw.on("close", close);
    },
  );
};
