import { randomUUID } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import cors from "@fastify/cors";
import helmet from "@fastify/helmet";
import swagger from "@fastify/swagger";
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from "fastify";
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { AdminConsole } from "./admin/service.ts";
import { reviewProvider } from "./ai/providers/index.ts";
import { DevMailbox, type Mailer, SmtpMailer } from "./auth/mailer.ts";
import { AuthService } from "./auth/service.ts";
import { TokenService } from "./auth/tokens.ts";
import type { Config } from "./config.ts";
import type { Pool } from "./db/pool.ts";
import { EventBus } from "./events/bus.ts";
import { registerCaller } from "./http/plugins/caller.ts";
import { registerErrorHandling } from "./http/plugins/errors.ts";
import { accountRoutes } from "./http/routes/account.ts";
import { adminRoutes } from "./http/routes/admin.ts";
import { adminUserRoutes } from "./http/routes/admin-users.ts";
import { answerStreamRoutes } from "./http/routes/answer-stream.ts";
import { authRoutes } from "./http/routes/auth.ts";
import { catalogRoutes } from "./http/routes/catalog.ts";
import { devMailboxRoutes } from "./http/routes/dev-mailbox.ts";
import { eventRoutes } from "./http/routes/events.ts";
import { healthRoutes } from "./http/routes/health.ts";
import { interviewRoutes } from "./http/routes/interviews.ts";
import { publicConfigRoutes } from "./http/routes/public-config.ts";
import { resumeRoutes } from "./http/routes/resumes.ts";
import { storageRoutes } from "./http/routes/storage.ts";
import { webRoutes } from "./http/routes/web.ts";
import { AnswerStreams } from "./interviews/answer-streams.ts";
import { Catalog } from "./interviews/catalog.ts";
import { InterviewReports } from "./interviews/reports.ts";
import { InterviewService } from "./interviews/service.ts";
import { speechAnswerJob } from "./interviews/speech-job.ts";
import { VoiceAnswers } from "./interviews/voice-answers.ts";
import { JobRunner } from "./jobs/runner.ts";
import type { Logger } from "./logger.ts";
import { resumeAnalysisJob } from "./resumes/analysis-job.ts";
import { ResumeService } from "./resumes/service.ts";
import { speechEngines } from "./speech/engines.ts";
import { LocalBackend } from "./storage/backends/local.ts";
import { ObjectStore } from "./storage/objects.ts";
import { UrlSigner } from "./storage/signing.ts";

export interface AppDependencies {
  config: Config;
  pool: Pool;
  log: Logger;
  /** The JWT signing secret: JWT_SECRET, or the one generated in DATA_DIR. */
  jwtSecret: string;
  /** Where mail goes; default SMTP when SMTP_URL is set, else the development mailbox. */
  mailer?: Mailer;
  /** How often orphaned object bytes are swept; 0 turns the sweep off. Default 10 minutes. */
  sweepIntervalMs?: number;
  /** Work the background queues in this process (the server does; most tests need not). */
  runJobs?: boolean;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Builds the HTTP application without listening, so tests can drive it with inject(). */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export async function buildApp(deps: AppDependencies): Promise<App> {
  const { config, pool, log, jwtSecret, mailer } = deps;
  const app = Fastify({
    loggerInstance: log as FastifyBaseLogger,
    bodyLimit: config.bodyLimitBytes,
    // A caller's request id is kept when it is sane, so logs line up across services.
    genReqId: (request) => {
      const given = request.headers["x-request-id"];
      return typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
    },
    return503OnClosing: true,
    trustProxy: config.trustProxy,
    routerOptions: { maxParamLength: 1024 },
  }).withTypeProvider<ZodTypeProvider>();

  // JSON with an empty body counts as no body (supabase-js posts /logout that way); routes that need a
  // body then answer a validation error.
  const parseJson = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (request, body, done) => {
    const text = body.toString();
    if (text.trim() === "") return done(null, undefined);
    return parseJson(request, text, done);
  });

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook("onRequest", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });
  registerErrorHandling(app);

  await app.register(helmet, {
    global: true,
    // Plain-http development on localhost must keep working; HSTS and the https upgrade are for production.
    hsts: config.nodeEnv === "production",
    contentSecurityPolicy: {
      directives: { upgradeInsecureRequests: config.nodeEnv === "production" ? [] : null },
    },
  });
  await app.register(cors, {
    origin: config.corsOrigins.includes("*") ? true : config.corsOrigins,
    credentials: !config.corsOrigins.includes("*"),
    exposedHeaders: ["x-request-id", "content-range", "content-length"],
  });
  await app.register(swagger, {
    openapi: {
      info: { title: "Rehearse API", version: "0.1.0", description: "AI voice interview coach" },
    },
    transform: jsonSchemaTransform,
  });

  const tokens = new TokenService(jwtSecret, `${config.siteUrl}/auth/v1`, config.auth.jwtExpirySeconds);
  const mailbox =
    mailer instanceof DevMailbox ? mailer : mailer || config.auth.smtpUrl ? undefined : new DevMailbox(log);
  const outbox = mailer ?? mailbox ?? new SmtpMailer(config.auth.smtpUrl ?? "", config.auth.smtpFrom);
  const auth = new AuthService({ pool, tokens, mailer: outbox, config, log });
  registerCaller(app, auth);

  const store = new ObjectStore({
    pool,
    log,
    backend: new LocalBackend(path.join(config.dataDir, "storage")),
  });
  // Orphaned object bytes are swept now and then.
  every(
    app,
    deps.sweepIntervalMs ?? 10 * 60_000,
    () => store.sweep(),
    "swept orphaned object files",
    "object sweep failed",
  );

  const bus = new EventBus({ pool, log });
  app.addHook("onReady", () => bus.start());
  app.addHook("onClose", () => bus.stop());

  const signer = new UrlSigner(jwtSecret);
  const jobs = deps.runJobs ? new JobRunner(pool, log) : undefined;
  const reviewer = await reviewProvider(config.ai);
  const interviews = new InterviewService({
    pool,
    log,
    events: bus,
    scoring: { model: reviewer, timeoutMs: 30_000 },
    store,
  });
  const speech = speechEngines(config, log);
  // Recordings are always queued: a process that runs no jobs sends them for one that does.
  const sender = jobs ?? new JobRunner(pool, log);
  if (!jobs) app.addHook("preClose", () => sender.stop());
  const voice = new VoiceAnswers({
    pool,
    log,
    store,
    events: bus,
    jobs: sender,
    stt: speech.stt,
    sttFallback: speech.fallback,
    fillerEvidence: speech.fillerEvidence,
    sttMissing: speech.missing,
    interviews,
  });
  if (jobs) {
    app.addHook("onReady", () =>
      jobs.start([resumeAnalysisJob, speechAnswerJob], {
        pool,
        log,
        events: bus,
        store,
        reviewer,
        speech: voice,
      }),
    );
    app.addHook("preClose", () => jobs.stop());
  }
  const resumes = new ResumeService({ pool, store, signer, jobs });

  await app.register(healthRoutes, { pool });
  await app.register(eventRoutes, { bus });
  await app.register(resumeRoutes, { resumes });
  await app.register(catalogRoutes, { catalog: new Catalog(pool) });
  // Interviews past max_interview_duration end even when nobody touches them again.
  every(
    app,
    deps.sweepIntervalMs === 0 ? 0 : 30_000,
    () => interviews.completeOverdue(),
    "ended interviews past the time limit",
    "ending overdue interviews failed",
  );
  await app.register(adminUserRoutes, { pool });
  await app.register(adminRoutes, { console: new AdminConsole(pool) });
  await app.register(interviewRoutes, { interviews, reports: new InterviewReports(pool), voice, pool });
  const streams = new AnswerStreams({
    voice,
    stt: speech.captions,
    captionsAreFinal: speech.captionsAreFinal,
    directory: path.join(config.dataDir, "streams"),
    log,
  });
  await app.register(answerStreamRoutes, { streams });
  await app.register(accountRoutes, { pool, store, siteUrl: config.siteUrl });
  await app.register(storageRoutes, { prefix: "/storage/v1", store, signer });
  await app.register(authRoutes, { prefix: "/auth/v1", auth, config });
  await app.register(publicConfigRoutes, { url: config.siteUrl, anonKey: (await tokens.projectKeys()).anon });
  if (mailbox && config.nodeEnv !== "production") await app.register(devMailboxRoutes, { mailbox });
  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());
  await app.register(webRoutes, { root: fileURLToPath(new URL("../dist/web", import.meta.url)) });

  return app;
}

/**
 * Runs `task` every `intervalMs` in the background for as long as the app runs (0: never). The task says
 * how many things it did; a failure is logged and the next round tries again.
 */
function every(app: App, intervalMs: number, task: () => Promise<number>, did: string, failed: string): void {
  if (intervalMs <= 0) return;
  const run = () =>
    task().then(
      (count) => count > 0 && app.log.info({ count }, did),
      (error) => app.log.warn({ err: error }, failed),
    );
  let timer: NodeJS.Timeout | undefined;
  app.addHook("onReady", async () => {
    timer = setInterval(run, intervalMs);
    timer.unref();
  });
  app.addHook("onClose", async () => clearInterval(timer));
}
