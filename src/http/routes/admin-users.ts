import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { listUsers, setUserPlan } from "../../accounts/plan.ts";
import type { Pool } from "../../db/pool.ts";
import { requireAdmin } from "../plugins/caller.ts";
import { errorSchema } from "../schemas.ts";

const plan = z.enum(["free", "premium", "enterprise"]);

export const adminUserRoutes: FastifyPluginAsyncZod<{ pool: Pool }> = async (app, { pool }) => {
  app.get(
    "/api/admin/users",
    {
      schema: {
        summary: "People with their plans, newest first; search by e-mail or name (admin)",
        tags: ["admin"],
        querystring: z.object({
          search: z.string().max(200).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: {
          200: z.array(
            z.object({
              id: z.uuid(),
              email: z.string(),
              full_name: z.string(),
              subscription_type: z.string(),
              subscription_expires_at: z.date().nullable(),
              total_interviews_taken: z.number(),
              average_interview_score: z.number(),
              created_at: z.date(),
            }),
          ),
          400: errorSchema,
          401: errorSchema,
          403: errorSchema,
        },
      },
    },
    async (request) => {
      requireAdmin(request);
      return listUsers(pool, request.query);
    },
  );

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
