import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  type Catalog,
  questionInput,
  questionPatch,
  roleInput,
  rolePatch,
} from "../../interviews/catalog.ts";
import { requireAdmin } from "../plugins/caller.ts";
import { errorSchema } from "../schemas.ts";

const roleSchema = z.looseObject({
  id: z.uuid(),
  title: z.string(),
  category: z.string(),
  is_active: z.boolean(),
});
const questionSchema = z.looseObject({
  id: z.uuid(),
  job_role_id: z.uuid(),
  question_text: z.string(),
  is_active: z.boolean(),
});
const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };
const idParams = z.object({ id: z.uuid() });

export const catalogRoutes: FastifyPluginAsyncZod<{ catalog: Catalog }> = async (app, { catalog }) => {
  app.get(
    "/api/job-roles",
    {
      schema: {
        summary: "Job roles (active ones; admins see all)",
        tags: ["catalog"],
        response: { 200: z.array(roleSchema), ...errors },
      },
    },
    async (request) => catalog.roles(request.caller),
  );

  app.get(
    "/api/job-roles/:id",
    {
      schema: {
        summary: "A job role with its questions, optionally filtered by type and difficulty",
        tags: ["catalog"],
        params: idParams,
        querystring: z.object({
          type: z.enum(["technical", "behavioral", "situational", "general"]).optional(),
          difficulty: z.enum(["easy", "medium", "hard"]).optional(),
        }),
        response: { 200: roleSchema.extend({ questions: z.array(questionSchema) }), ...errors },
      },
    },
    async (request) => catalog.role(request.caller, request.params.id, request.query),
  );

  app.post(
    "/api/admin/job-roles",
    {
      schema: {
        summary: "Create a job role (admin)",
        tags: ["admin"],
        body: roleInput,
        response: { 201: roleSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await catalog.createRole(requireAdmin(request), request.body)),
  );

  app.patch(
    "/api/admin/job-roles/:id",
    {
      schema: {
        summary: "Edit or deactivate a job role (admin)",
        tags: ["admin"],
        params: idParams,
        body: rolePatch,
        response: { 200: roleSchema, ...errors },
      },
    },
    async (request) => catalog.updateRole(requireAdmin(request), request.params.id, request.body),
  );

  app.post(
    "/api/admin/job-roles/:id/questions",
    {
      schema: {
        summary: "Add a question to a job role (admin)",
        tags: ["admin"],
        params: idParams,
        body: questionInput,
        response: { 201: questionSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await catalog.createQuestion(requireAdmin(request), request.params.id, request.body)),
  );

  app.patch(
    "/api/admin/questions/:id",
    {
      schema: {
        summary: "Edit or deactivate a question (admin)",
        tags: ["admin"],
        params: idParams,
        body: questionPatch,
        response: { 200: questionSchema, ...errors },
      },
    },
    async (request) => catalog.updateQuestion(requireAdmin(request), request.params.id, request.body),
  );
};
