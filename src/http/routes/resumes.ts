import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { ResumeService } from "../../resumes/service.ts";
import { requireUser } from "../plugins/caller.ts";
import { acceptUploads, uploadSource } from "../plugins/uploads.ts";
import { errorSchema, text } from "../schemas.ts";

const resumeSchema = z.object({
  id: z.uuid(),
  file_name: z.string(),
  file_path: z.string(),
  file_size_bytes: z.number(),
  upload_date: z.date(),
  is_active: z.boolean(),
  is_analyzed: z.boolean(),
  created_at: z.date(),
  updated_at: z.date(),
  status: z.string().nullable(),
  status_reason: z.string().nullable(),
  target_role_id: z.string().nullable(),
});
const errors = { 400: errorSchema, 401: errorSchema, 404: errorSchema, 413: errorSchema, 415: errorSchema };
const idParams = z.object({ id: z.uuid() });

export const resumeRoutes: FastifyPluginAsyncZod<{ resumes: ResumeService }> = async (app, { resumes }) => {
  // Uploads in their own context: the PDF streams through to storage instead of being parsed.
  await app.register(async (uploads) => {
    await acceptUploads(uploads);
    uploads.post(
      "/api/resumes",
      {
        schema: {
          summary:
            "Upload a resume (PDF, multipart field or raw body); its analysis starts in the background",
          tags: ["resumes"],
          response: { 201: resumeSchema, ...errors },
        },
      },
      async (request, reply) => {
        const caller = requireUser(request);
        const source = await uploadSource(request);
        const created = await resumes.upload(caller, {
          ...source,
          fileName: source.fileName ?? "resume.pdf",
        });
        return reply.code(201).send(created);
      },
    );
  });

  app.get(
    "/api/resumes",
    {
      schema: {
        summary: "Your resumes, newest first",
        tags: ["resumes"],
        response: { 200: z.array(resumeSchema), ...errors },
      },
    },
    async (request) => resumes.list(requireUser(request)),
  );

  app.get(
    "/api/resumes/:id",
    {
      schema: {
        summary: "One of your resumes",
        tags: ["resumes"],
        params: idParams,
        response: { 200: resumeSchema, ...errors },
      },
    },
    async (request) => resumes.get(requireUser(request), request.params.id),
  );

  app.patch(
    "/api/resumes/:id",
    {
      schema: {
        summary: "Rename a resume or make it the active one",
        tags: ["resumes"],
        params: idParams,
        body: z.strictObject({ file_name: text({ max: 255 }).optional(), is_active: z.boolean().optional() }),
        response: { 200: resumeSchema, ...errors },
      },
    },
    async (request) => resumes.update(requireUser(request), request.params.id, request.body),
  );

  app.delete(
    "/api/resumes/:id",
    {
      schema: {
        summary: "Delete a resume, its analysis and its file",
        tags: ["resumes"],
        params: idParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await resumes.remove(requireUser(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/api/resumes/:id/analysis",
    {
      schema: {
        summary: "The analysis and where it stands (queued, analyzing, done, failed with a reason)",
        tags: ["resumes"],
        params: idParams,
        response: {
          200: z.object({
            status: z.string(),
            reason: z.string().nullable(),
            analysis: z.looseObject({}).nullable(),
          }),
          ...errors,
        },
      },
    },
    async (request) => resumes.analysis(requireUser(request), request.params.id),
  );

  app.post(
    "/api/resumes/:id/analyze",
    {
      schema: {
        summary: "Run the analysis again, optionally against a chosen job role",
        tags: ["resumes"],
        params: idParams,
        querystring: z.object({ role: z.uuid().optional() }),
        response: { 202: resumeSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .code(202)
        .send(await resumes.reanalyze(requireUser(request), request.params.id, request.query.role ?? null)),
  );

  app.get(
    "/api/resumes/:id/download",
    {
      schema: {
        summary: "A short-lived signed URL to download the PDF",
        tags: ["resumes"],
        params: idParams,
        response: { 200: z.object({ url: z.string(), expiresIn: z.number() }), ...errors },
      },
    },
    async (request) => resumes.downloadUrl(requireUser(request), request.params.id),
  );
};
