import type { Readable } from "node:stream";
import { z } from "zod";
import { logAiCall } from "../ai/log.ts";
import { reviewWithFallback } from "../ai/review.ts";
import { many, one } from "../db/query.ts";
import { asAnon, asService } from "../db/scopes.ts";
import type { JobModule } from "../jobs/job.ts";
import { setting } from "../system/settings.ts";
import { analyzeResume } from "./analysis/analyze.ts";
import { parseResume } from "./parse.ts";
import { PdfError } from "./pdf/extract.ts";
import { activeRoles, markAnalysis, markAnalyzed, resumeForJob, upsertAnalysis } from "./queries.ts";

const ENDPOINT = "builtin:resume-analyzer/1";
const PDF_REASONS: Record<PdfError["reason"], string> = {
  encrypted: "The PDF is protected by a password. Save it again without a password and upload it.",
  corrupt: "The PDF is damaged and cannot be read. Export it again from your editor and upload it.",
  not_pdf: "The file is not a PDF. Export your resume as a PDF and upload that.",
};

export const resumeAnalysisJob: JobModule<{ resumeId: string; roleId: string | null }> = {
  queue: "resume-analysis",
  options: {
    retryLimit: 3,
    retryDelaySeconds: 2,
    retryBackoff: true,
    expireInSeconds: 120,
    policy: "stately",
  },
  data: z.object({ resumeId: z.uuid(), roleId: z.uuid().nullable() }),

  /**
   * Idempotent: the analysis is upserted per resume, so a retried or duplicated job replaces it. A file that
   * can never be read fails at once with a reason; anything else is retried with backoff.
   */
  async handle({ resumeId }, context, attempt) {
    const { pool } = context;
    const resume = await asService(pool, (tx) => one(tx, resumeForJob, [resumeId]));
    if (!resume) return; // Deleted while queued: nothing to do.
    const roleId = resume.target_role_id;
    const tell = (status: string, extra: Record<string, unknown> = {}) =>
      context.events.publish(resume.user_id, {
        type: "resume.analysis",
        data: { resumeId, status, ...extra },
      });

    await asService(pool, (tx) => many(tx, markAnalysis, [resumeId, "analyzing", null]));
    await tell("analyzing");
    const started = performance.now();
    try {
      const name = resume.file_path.replace(/^resumes\//, "");
      const row = await context.store.findAsService("resumes", name);
      const bytes = await readAll(context.store.read(row));
      const document = await parseResume(bytes);
      const roles = await asAnon(pool, (tx) => many(tx, activeRoles));
      const builtin = analyzeResume(document, {
        roles,
        targetRoleId: roleId ?? undefined,
        fileName: resume.file_name,
      });
      let analysis = builtin;
      let model: unknown = null;
      if (context.reviewer) {
        const timeout = await asService(pool, (tx) => one(tx, setting, ["gemini_api_timeout"]));
        const seconds = Number(timeout?.setting_value ?? 30);
        const outcome = await reviewWithFallback(
          pool,
          context.reviewer,
          {
            parsed: document.parsed,
            text: document.text,
            analysis: builtin,
            targetRole: roles.find((r) => r.id === roleId),
          },
          {
            userId: resume.user_id,
            timeoutMs: (Number.isFinite(seconds) && seconds > 0 ? seconds : 30) * 1000,
          },
        );
        analysis = outcome.analysis;
        model = outcome.raw;
      }
      const raw = {
        provider: model ? "builtin+model" : "builtin",
        version: 1,
        parsed: document.parsed,
        pdf: document.pdf,
        model,
      };
      await asService(pool, async (tx) => {
        await many(tx, upsertAnalysis, [
          resumeId,
          resume.user_id,
          analysis.overall_score,
          analysis.overall_feedback,
          analysis.contact_info_score,
          analysis.summary_score,
          analysis.experience_score,
          analysis.education_score,
          analysis.skills_score,
          analysis.projects_score,
          analysis.extracted_skills,
          analysis.extracted_experience_years,
          analysis.extracted_education_level,
          analysis.extracted_companies,
          analysis.extracted_job_titles,
          analysis.missing_sections,
          analysis.improvement_suggestions,
          analysis.recommended_job_roles,
          analysis.relevant_keywords,
          analysis.missing_keywords,
          analysis.keyword_density,
          analysis.ats_score,
          analysis.ats_issues,
          raw,
        ]);
        await many(tx, markAnalyzed, [resumeId]);
        await many(tx, markAnalysis, [resumeId, "done", null]);
      });
      await logAiCall(pool, {
        userId: resume.user_id,
        endpoint: ENDPOINT,
        requestType: "resume_analysis",
        request: { resumeId, roleId, pages: document.pdf.pageCount, characters: document.pdf.textLength },
        response: { overall_score: analysis.overall_score, ats_score: analysis.ats_score },
        tokens: null,
        milliseconds: performance.now() - started,
        status: "success",
        error: null,
      });
      await tell("done", { overallScore: analysis.overall_score, atsScore: analysis.ats_score });
    } catch (error) {
      const permanent = error instanceof PdfError;
      const last = permanent || attempt.retryCount >= attempt.retryLimit;
      const reason = permanent
        ? PDF_REASONS[error.reason]
        : `The analysis failed: ${(error as Error).message}`;
      await asService(pool, (tx) =>
        many(tx, markAnalysis, [resumeId, last ? "failed" : "queued", last ? reason : "retrying"]),
      );
      await logAiCall(pool, {
        userId: resume.user_id,
        endpoint: ENDPOINT,
        requestType: "resume_analysis",
        request: { resumeId, roleId },
        response: null,
        tokens: null,
        milliseconds: performance.now() - started,
        status: "error",
        error: reason,
      });
      await tell(last ? "failed" : "queued", last ? { reason } : {});
      if (!last) throw error;
    }
  },
};

async function readAll(stream: Readable): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}
