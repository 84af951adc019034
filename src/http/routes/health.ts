import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Pool } from "../../db/pool.ts";
import { checkDatabase } from "../../system/health.ts";

const healthSchema = z.object({
  status: z.enum(["ok", "degraded"]),
  database: z.enum(["ok", "unreachable"]),
});

export const healthRoutes: FastifyPluginAsyncZod<{ pool: Pool }> = async (app, { pool }) => {
  app.get(
    "/health",
    {
      schema: {
        summary: "Liveness and database reachability",
        tags: ["system"],
        response: { 200: healthSchema, 503: healthSchema },
      },
      logLevel: "warn",
    },
    async (_request, reply) => {
      const database = await checkDatabase(pool);
      if (database === "ok") return { status: "ok" as const, database };
      return reply.code(503).send({ status: "degraded" as const, database });
    },
  );
};
