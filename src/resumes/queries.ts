import { query } from "../db/query.ts";
import type { RoleProfile } from "./analysis/analyze.ts";

/** Active job roles, which anyone may read: the roles a resume is matched against. */
export const activeRoles = query<RoleProfile>(
  "resumes.active_roles",
  "select id, title, required_skills from public.job_roles where is_active order by title",
);

export interface ResumeRow {
  id: string;
  user_id: string;
  file_name: string;
  file_path: string;
  file_size_bytes: number;
  upload_date: Date;
  is_active: boolean;
  is_analyzed: boolean;
  created_at: Date;
  updated_at: Date;
  status: string | null;
  status_reason: string | null;
  target_role_id: string | null;
}

const RESUME_COLUMNS = `r.id, r.user_id, r.file_name, r.file_path, r.file_size_bytes, r.upload_date, r.is_active,
  r.is_analyzed, r.created_at, r.updated_at, j.status, j.reason as status_reason, j.target_role_id`;

export const ownResumes = query<ResumeRow>(
  "resumes.own_resumes",
  `select ${RESUME_COLUMNS} from public.resumes r left join public.resume_analysis_jobs j on j.resume_id = r.id
   where r.user_id = auth.uid() order by r.upload_date desc`,
);

export const ownResume = query<ResumeRow>(
  "resumes.own_resume",
  `select ${RESUME_COLUMNS} from public.resumes r left join public.resume_analysis_jobs j on j.resume_id = r.id
   where r.id = $1 and r.user_id = auth.uid()`,
);

export const deactivateOthers = query(
  "resumes.deactivate_others",
  "update public.resumes set is_active = false where user_id = auth.uid() and id <> $1 and is_active",
);

export const insertResume = query<{ id: string }>(
  "resumes.insert_resume",
  `insert into public.resumes (id, user_id, file_name, file_path, file_size_bytes, is_active)
   values ($1, auth.uid(), $2, $3, $4, true) returning id`,
);

export const renameResume = query("resumes.rename", "update public.resumes set file_name = $2 where id = $1");
export const activateResume = query(
  "resumes.activate",
  "update public.resumes set is_active = $2 where id = $1",
);
export const deleteResume = query<{ file_path: string }>(
  "resumes.delete",
  "delete from public.resumes where id = $1 and user_id = auth.uid() returning file_path",
);

export const ownAnalysis = query(
  "resumes.own_analysis",
  "select * from public.resume_analysis where resume_id = $1 and user_id = auth.uid()",
);

// Service-scope statements of the analysis job.

export const queueAnalysis = query(
  "resumes.queue_analysis",
  `insert into public.resume_analysis_jobs (resume_id, user_id, status, target_role_id, reason, attempts, queued_at)
   values ($1, $2, 'queued', $3, null, 0, now())
   on conflict (resume_id) do update set status = 'queued', target_role_id = excluded.target_role_id, reason = null,
     attempts = 0, queued_at = now(), started_at = null, finished_at = null`,
);

export const markAnalysis = query(
  "resumes.mark_analysis",
  `update public.resume_analysis_jobs set status = $2::text, reason = $3::text,
     attempts = attempts + case when $2::text = 'analyzing' then 1 else 0 end,
     started_at = case when $2::text = 'analyzing' then now() else started_at end,
     finished_at = case when $2::text in ('done', 'failed') then now() else finished_at end
   where resume_id = $1`,
);

/** The resume and the role it is to be judged against now (a re-run may have changed it while queued). */
export const resumeForJob = query<{
  id: string;
  user_id: string;
  file_name: string;
  file_path: string;
  target_role_id: string | null;
}>(
  "resumes.resume_for_job",
  `select r.id, r.user_id, r.file_name, r.file_path, j.target_role_id
   from public.resumes r left join public.resume_analysis_jobs j on j.resume_id = r.id where r.id = $1`,
);

export const upsertAnalysis = query(
  "resumes.upsert_analysis",
  `insert into public.resume_analysis (
     resume_id, user_id, overall_score, overall_feedback, contact_info_score, summary_score, experience_score,
     education_score, skills_score, projects_score, extracted_skills, extracted_experience_years,
     extracted_education_level, extracted_companies, extracted_job_titles, missing_sections,
     improvement_suggestions, recommended_job_roles, relevant_keywords, missing_keywords, keyword_density,
     ats_score, ats_issues, gemini_analysis_raw, analyzed_at)
   values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, now())
   on conflict (resume_id) do update set
     overall_score = excluded.overall_score, overall_feedback = excluded.overall_feedback,
     contact_info_score = excluded.contact_info_score, summary_score = excluded.summary_score,
     experience_score = excluded.experience_score, education_score = excluded.education_score,
     skills_score = excluded.skills_score, projects_score = excluded.projects_score,
     extracted_skills = excluded.extracted_skills, extracted_experience_years = excluded.extracted_experience_years,
     extracted_education_level = excluded.extracted_education_level,
     extracted_companies = excluded.extracted_companies, extracted_job_titles = excluded.extracted_job_titles,
     missing_sections = excluded.missing_sections, improvement_suggestions = excluded.improvement_suggestions,
     recommended_job_roles = excluded.recommended_job_roles, relevant_keywords = excluded.relevant_keywords,
     missing_keywords = excluded.missing_keywords, keyword_density = excluded.keyword_density,
     ats_score = excluded.ats_score, ats_issues = excluded.ats_issues,
     gemini_analysis_raw = excluded.gemini_analysis_raw, analyzed_at = now()`,
);

export const markAnalyzed = query(
  "resumes.mark_analyzed",
  "update public.resumes set is_analyzed = true where id = $1",
);
