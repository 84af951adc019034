import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { setUserPlan } from "../../accounts/plan.ts";
import type { Pool } from "../../db/pool.ts";
import { requireAdmin } from "../plugins/caller.ts";
import { errorSchema } from "../schemas.ts";

const plan = z.enum(["free", "premium", "enterprise"]);

export const adminUserRoutes: FastifyPluginAsyncZod<{ pool: Pool }> = async (app, { pool }) => {
  app.put(
    "/api/admin/users/:id/plan",
    {
      schema: {
        summary: "Set a user's subscription plan and its expiry (admin)",
        tags: ["admin"],
        params: z.object({ id: z.uuid() }),
        body: z.object({
          subscription_type: plan,
          subscription_expires_at: z.iso.datetime({ offset: true }).nullable().default(null),
        }),
        response: {
          200: z.object({
            id: z.uuid(),
            subscription_type: plan,
            subscription_expires_at: z.date().nullable(),
            effective_plan: plan,
          }),
          400: errorSchema,
          401: errorSchema,
          403: errorSchema,
          404: errorSchema,
        },
      },
    },
    async (request) => {
      requireAdmin(request);
      return setUserPlan(pool, request.params.id, request.body);
    },
  );
};
