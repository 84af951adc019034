import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Pool } from "../db/pool.ts";
import { many } from "../db/query.ts";
import { asAnon } from "../db/scopes.ts";
import { analyzeResume } from "./analysis/analyze.ts";
import { parseResume } from "./parse.ts";
import { activeRoles } from "./queries.ts";

/** `rehearse resume analyze FILE.pdf [--role TITLE] [--json]`: the analysis and the parse of one file. */
export async function analyzeFile(pool: Pool, file: string, roleTitle: string | undefined) {
  const bytes = new Uint8Array(await readFile(file));
  const roles = await asAnon(pool, (tx) => many(tx, activeRoles));
  const target = roleTitle ? roles.find((r) => r.title.toLowerCase() === roleTitle.toLowerCase()) : undefined;
  if (roleTitle && !target) {
    throw new Error(
      `no active job role is called "${roleTitle}"; roles: ${roles.map((r) => r.title).join(", ")}`,
    );
  }
  const document = await parseResume(bytes);
  const analysis = analyzeResume(document, {
    roles,
    targetRoleId: target?.id,
    fileName: path.basename(file),
  });
  return { analysis, parsed: document.parsed };
}

export function formatAnalysis(result: Awaited<ReturnType<typeof analyzeFile>>): string {
  const { analysis: a, parsed: p } = result;
  const lines = [
    `${p.name ?? "(no name found)"} — ${p.email ?? "no e-mail"} — ${p.phone ?? "no phone"}`,
    `Overall ${a.overall_score}/10 · ATS ${a.ats_score}/10 · experience ${a.extracted_experience_years} years · ${a.extracted_education_level ?? "no education found"}`,
    `Sections: contact ${a.contact_info_score}, summary ${a.summary_score}, experience ${a.experience_score}, education ${a.education_score}, skills ${a.skills_score}, projects ${a.projects_score}`,
    `Best-matching roles: ${a.recommended_job_roles.join(", ") || "none"}`,
    `Keywords present: ${a.relevant_keywords.join(", ") || "none"} · missing: ${a.missing_keywords.join(", ") || "none"}`,
    "",
    a.overall_feedback,
    "",
    ...a.ats_issues.map((i) => `ATS: ${i}`),
    ...a.improvement_suggestions.map((s) => `• ${s}`),
  ];
  return `${lines.join("\n")}\n`;
}
