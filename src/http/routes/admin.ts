import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AdminConsole } from "../../admin/service.ts";
import { requireAdmin } from "../plugins/caller.ts";
import { errorSchema } from "../schemas.ts";

const settingSchema = z.object({
  id: z.uuid(),
  setting_key: z.string(),
  setting_value: z.unknown(),
  description: z.string().nullable(),
  is_active: z.boolean(),
  updated_by: z.uuid().nullable(),
  updated_at: z.date(),
});
const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };

export const adminRoutes: FastifyPluginAsyncZod<{ console: AdminConsole }> = async (app, { console }) => {
  app.get(
    "/api/admin/settings",
    {
      schema: {
        summary: "All app settings, active or not (admin)",
        tags: ["admin"],
        response: { 200: z.array(settingSchema), ...errors },
      },
    },
    async (request) => console.settings(requireAdmin(request)),
  );

  app.patch(
    "/api/admin/settings/:key",
    {
      schema: {
        summary:
          "Change a setting's value (checked against what the setting may hold), description or activity",
        tags: ["admin"],
        params: z.object({ key: z.string().min(1).max(100) }),
        body: z
          .object({
            setting_value: z.json().optional(),
            description: z.string().max(500).optional(),
            is_active: z.boolean().optional(),
          })
          .refine((b) => Object.keys(b).length > 0, "send at least one field"),
        response: { 200: settingSchema, ...errors },
      },
    },
    async (request) => console.updateSetting(requireAdmin(request), request.params.key, request.body),
  );

  app.get(
    "/api/admin/ai-logs",
    {
      schema: {
        summary: "The AI call log, newest first, with counts and mean latency of the last 7 days (admin)",
        tags: ["admin"],
        querystring: z.object({
          provider: z.string().max(100).optional(),
          request_type: z
            .enum(["resume_analysis", "interview_evaluation", "question_generation", "transcription"])
            .optional(),
          status: z.enum(["success", "error", "timeout", "fallback"]).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: {
          200: z.object({
            logs: z.array(z.looseObject({ id: z.uuid(), api_endpoint: z.string(), status: z.string() })),
            last_7_days: z.array(
              z.object({
                request_type: z.string(),
                status: z.string(),
                calls: z.number(),
                avg_ms: z.number().nullable(),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (request) => console.aiLogs(requireAdmin(request), request.query),
  );
};
