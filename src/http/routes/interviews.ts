import type { FastifyPluginAsyncZod, ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Pool } from "../../db/pool.ts";
import { validationFailed } from "../../errors.ts";
import { planStatus } from "../../interviews/plan-status.ts";
import { renderReportPdf } from "../../interviews/report-pdf.ts";
import type { InterviewReports } from "../../interviews/reports.ts";
import type { InterviewService } from "../../interviews/service.ts";
import type { VoiceAnswers } from "../../interviews/voice-answers.ts";
import { requireUser } from "../plugins/caller.ts";
import { acceptUploads, uploadSource } from "../plugins/uploads.ts";
import { errorSchema, text } from "../schemas.ts";

const status = z.enum(["scheduled", "in_progress", "paused", "completed", "cancelled"]);
const sessionSchema = z.looseObject({
  id: z.uuid(),
  job_role_id: z.uuid().nullable(),
  resume_id: z.uuid().nullable(),
  status,
  session_type: z.string(),
  difficulty_level: z.string(),
  total_questions: z.number(),
  questions_answered: z.number(),
});
const questionSchema = z.object({
  question_order: z.number(),
  question_id: z.uuid().nullable(),
  origin: z.enum(["bank", "resume", "follow_up"]),
  question_text: z.string(),
  question_type: z.string(),
  difficulty_level: z.string(),
  time_limit_seconds: z.number(),
  skill: z.string().nullable(),
  follows_up_order: z.number().nullable(),
  asked_at: z.date(),
});
const responseSchema = z.looseObject({
  id: z.uuid(),
  question_order: z.number(),
  attempt: z.number(),
  first_attempt_id: z.uuid().nullable(),
  transcribed_text: z.string().nullable(),
  scoring_status: z.string(),
  response_score: z.number().nullable(),
});
const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };
const idParams = z.object({ id: z.uuid() });
// A spoken answer of ten minutes is about 1,300 words; anything far beyond that is not an interview answer.
const answerText = text({ max: 20_000, multiline: true });
const textAnswer = z.object({
  question_order: z.number().int().min(1),
  text: answerText,
  response_duration_seconds: z.number().int().min(0).max(3600).nullable().optional(),
});
const timeZone = z
  .string()
  .max(64)
  .refine(isTimeZone, "must be an IANA time zone such as Europe/Berlin")
  .optional();

export const interviewRoutes: FastifyPluginAsyncZod<{
  interviews: InterviewService;
  reports: InterviewReports;
  voice: VoiceAnswers;
  pool: Pool;
}> = async (app, { interviews, reports, voice, pool }) => {
  app.post(
    "/api/interviews",
    {
      schema: {
        summary: "Schedule an interview session for a job role",
        tags: ["interviews"],
        body: z.object({
          job_role_id: z.uuid(),
          resume_id: z.uuid().nullable().optional(),
          session_name: text({ max: 100 }).nullable().optional(),
          session_type: z.enum(["practice", "assessment", "mock"]).optional(),
          difficulty_level: z.enum(["easy", "medium", "hard", "mixed"]).optional(),
          total_questions: z.number().int().min(1).max(50).optional(),
          scheduled_at: z.iso.datetime({ offset: true }).nullable().optional(),
        }),
        response: { 201: sessionSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await interviews.create(requireUser(request), request.body)),
  );

  app.get(
    "/api/interviews",
    {
      schema: {
        summary: "Your interview sessions, newest first",
        tags: ["interviews"],
        querystring: z.object({
          status: status.optional(),
          limit: z.coerce.number().int().min(1).max(100).default(20),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: z.array(sessionSchema), ...errors },
      },
    },
    async (request) => interviews.list(requireUser(request), request.query),
  );

  app.get(
    "/api/interviews/:id",
    {
      schema: {
        summary: "One session with its asked questions, answers and status history",
        tags: ["interviews"],
        params: idParams,
        response: {
          200: sessionSchema.extend({
            active_seconds: z.number(),
            allowed_actions: z.array(z.string()),
            questions: z.array(questionSchema),
            responses: z.array(responseSchema),
            history: z.array(z.looseObject({ to_status: z.string() })),
          }),
          ...errors,
        },
      },
    },
    async (request) => interviews.get(requireUser(request), request.params.id),
  );

  for (const action of ["start", "pause", "resume", "cancel", "complete"] as const) {
    app.post(
      `/api/interviews/:id/${action}`,
      {
        schema: {
          summary: `${action[0]?.toUpperCase()}${action.slice(1)} the session (409 with the current state when not allowed)`,
          tags: ["interviews"],
          params: idParams,
          body: z.object({ time_zone: timeZone }).nullish(),
          response: { 200: sessionSchema, ...errors },
        },
      },
      async (request) =>
        interviews.transition(requireUser(request), request.params.id, action, request.body?.time_zone),
    );
  }

  app.get(
    "/api/interviews/:id/next-question",
    {
      schema: {
        summary: "The question to answer now (null once every question was asked)",
        tags: ["interviews"],
        params: idParams,
        response: {
          200: z.object({
            question: questionSchema.nullable(),
            asked: z.number(),
            answered: z.number(),
            total: z.number(),
            exhausted: z.boolean().optional(),
          }),
          ...errors,
        },
      },
    },
    async (request) => interviews.nextQuestion(requireUser(request), request.params.id),
  );

  // Answers take JSON text, or a recording: multipart (a question_order field, then the audio file) or a raw
  // audio body with ?question_order=. In their own context so audio streams through to storage unparsed.
  await app.register(async (context) => {
    await acceptUploads(context);
    const answers = context.withTypeProvider<ZodTypeProvider>();
    answers.post(
      "/api/interviews/:id/answers",
      {
        schema: {
          summary:
            "Answer an asked question: JSON text is scored before the response returns (201); a recording (wav, mp3, m4a) is stored and transcribed, measured and scored in the background (202, then answer.scored on /api/events)",
          tags: ["interviews"],
          params: idParams,
          querystring: z.object({ question_order: z.coerce.number().int().min(1).optional() }),
          response: {
            201: responseSchema,
            202: responseSchema,
            ...errors,
            413: errorSchema,
            415: errorSchema,
            422: errorSchema,
          },
        },
      },
      async (request, reply) => {
        const caller = requireUser(request);
        const type = String(request.headers["content-type"] ?? "");
        if (request.isMultipart() || /^audio\//i.test(type)) {
          const source = await uploadSource(request);
          const order = z.coerce
            .number()
            .int()
            .min(1)
            .safeParse(source.fields.question_order ?? request.query.question_order);
          if (!order.success) {
            source.body.resume();
            throw validationFailed(order.error, "question_order");
          }
          const saved = await voice.upload(caller, request.params.id, order.data, source);
          return reply.code(202).send(saved);
        }
        const body = textAnswer.safeParse(request.body);
        if (!body.success) throw validationFailed(body.error, "body");
        return reply.code(201).send(await interviews.answer(caller, request.params.id, body.data));
      },
    );
  });

  app.post(
    "/api/interviews/:id/answers/:order/skip",
    {
      schema: {
        summary:
          "Pass on an asked question: it counts as answered with nothing (score 0) and can be re-answered later",
        tags: ["interviews"],
        params: z.object({ id: z.uuid(), order: z.coerce.number().int().min(1) }),
        response: { 201: responseSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await interviews.skip(requireUser(request), request.params.id, request.params.order)),
  );

  app.put(
    "/api/interviews/:id/answers/:order/transcript",
    {
      schema: {
        summary:
          "Type what was said in a recorded answer that has no transcript (speech-to-text off or failed); it is then scored",
        tags: ["interviews"],
        params: z.object({ id: z.uuid(), order: z.coerce.number().int().min(1) }),
        body: z.object({ text: answerText }),
        response: { 200: responseSchema, ...errors },
      },
    },
    async (request) =>
      voice.submitTranscript(
        requireUser(request),
        request.params.id,
        request.params.order,
        request.body.text,
      ),
  );

  app.post(
    "/api/interviews/:id/answers/:order/reprocess",
    {
      schema: {
        summary:
          "Process a failed answer again from what was kept: its recording is transcribed and scored in the background (202, then answer.scored), or its typed text scored now (200); during or after the interview",
        tags: ["interviews"],
        params: z.object({ id: z.uuid(), order: z.coerce.number().int().min(1) }),
        response: { 200: responseSchema, 202: responseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const row = await voice.reprocess(requireUser(request), request.params.id, request.params.order);
      return reply.code(row.scoring_status === "pending" ? 202 : 200).send(row);
    },
  );

  app.post(
    "/api/interviews/:id/answers/:order/attempts",
    {
      schema: {
        summary: "After the interview: answer a question again as a new attempt linked to the first",
        tags: ["interviews"],
        params: z.object({ id: z.uuid(), order: z.coerce.number().int().min(1) }),
        body: z.object({ text: answerText }),
        response: { 201: responseSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await interviews.retry(
            requireUser(request),
            request.params.id,
            request.params.order,
            request.body.text,
          ),
        ),
  );

  app.get(
    "/api/interviews/:id/report",
    {
      schema: {
        summary:
          "Everything the report page needs: scores, narrative, every answer and attempt, the feedback",
        tags: ["interviews"],
        params: idParams,
        response: { 200: z.looseObject({ session: sessionSchema }), ...errors },
      },
    },
    async (request) => reports.report(requireUser(request), request.params.id),
  );

  app.get(
    "/api/interviews/:id/report.pdf",
    {
      schema: {
        summary: "The session report as a PDF to download",
        tags: ["interviews"],
        params: idParams,
        produces: ["application/pdf"],
        response: { 200: z.any(), ...errors },
      },
    },
    async (request, reply) => {
      const report = await reports.report(requireUser(request), request.params.id);
      const pdf = await renderReportPdf(report);
      const name = `rehearse-${(report.role?.title ?? "interview").toLowerCase().replace(/[^a-z0-9]+/g, "-")}-report.pdf`;
      return reply
        .header("content-type", "application/pdf")
        .header("content-disposition", `attachment; filename="${name}"`)
        .header("cache-control", "private, no-store")
        .send(pdf);
    },
  );

  app.get(
    "/api/limits",
    {
      schema: {
        summary: "Your plan, its limits and what you used this month, and the upload limits every user has",
        tags: ["interviews"],
        response: {
          200: z.object({
            plan: z.enum(["free", "premium", "enterprise"]),
            subscription_type: z.string(),
            subscription_expires_at: z.date().nullable(),
            limits: z.object({
              sessions_per_month: z.number().nullable(),
              questions_per_session: z.number().nullable(),
            }),
            sessions_this_month: z.number(),
            max_resume_size_mb: z.number(),
            supported_audio_formats: z.array(z.string()),
            max_interview_duration_seconds: z.number(),
            default_questions_per_interview: z.number(),
          }),
          ...errors,
        },
      },
    },
    async (request) => planStatus(pool, requireUser(request)),
  );

  app.get(
    "/api/analytics",
    {
      schema: {
        summary: "Your progress: totals, scores over time, strengths and weaknesses, per-role performance",
        tags: ["analytics"],
        querystring: z.object({ time_zone: timeZone }),
        response: { 200: z.looseObject({ completed_interviews: z.number() }), ...errors },
      },
    },
    async (request) => reports.analytics(requireUser(request), request.query.time_zone ?? "UTC"),
  );
};

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
