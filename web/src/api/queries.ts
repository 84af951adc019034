import { useQuery } from "@tanstack/react-query";
import { api } from "./client.ts";
import { keys } from "./keys.ts";
import type {
  Analytics,
  InterviewSession,
  JobRole,
  JobRoleDetail,
  Profile,
  Report,
  Resume,
  ResumeAnalysisState,
  SessionDetail,
  SessionStatus,
} from "./types.ts";

export function useProfile() {
  return useQuery({ queryKey: keys.profile, queryFn: () => api<Profile>("/api/profile") });
}

export function useRoles() {
  return useQuery({
    queryKey: keys.roles,
    queryFn: () => api<JobRole[]>("/api/job-roles"),
    staleTime: 300_000,
  });
}

export function useRole(id: string | undefined, filters: { type?: string; difficulty?: string } = {}) {
  return useQuery({
    queryKey: [...keys.role(id ?? ""), filters],
    queryFn: () => api<JobRoleDetail>(`/api/job-roles/${id}`, { query: filters }),
    enabled: Boolean(id),
  });
}

export function useResumes() {
  return useQuery({ queryKey: keys.resumes, queryFn: () => api<Resume[]>("/api/resumes") });
}

export function useResumeAnalysis(id: string | undefined) {
  return useQuery({
    queryKey: keys.resumeAnalysis(id ?? ""),
    queryFn: () => api<ResumeAnalysisState>(`/api/resumes/${id}/analysis`),
    enabled: Boolean(id),
  });
}

export interface InterviewFilters {
  status?: SessionStatus | undefined;
  limit?: number;
  offset?: number;
}

export function useInterviews(filters: InterviewFilters = {}) {
  // The key is the request as sent, so screens asking for the same list share one cache entry.
  const query = { status: filters.status, limit: filters.limit ?? 20, offset: filters.offset ?? 0 };
  return useQuery({
    queryKey: [...keys.interviews, query],
    queryFn: () => api<InterviewSession[]>("/api/interviews", { query }),
  });
}

export function useInterview(id: string | undefined) {
  return useQuery({
    queryKey: keys.interview(id ?? ""),
    queryFn: () => api<SessionDetail>(`/api/interviews/${id}`),
    enabled: Boolean(id),
  });
}

export function useReport(id: string | undefined) {
  return useQuery({
    queryKey: keys.report(id ?? ""),
    queryFn: () => api<Report>(`/api/interviews/${id}/report`),
    enabled: Boolean(id),
  });
}

export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

export function useAnalytics() {
  const timeZone = browserTimeZone();
  return useQuery({
    queryKey: [...keys.analytics, timeZone],
    queryFn: () => api<Analytics>("/api/analytics", { query: { time_zone: timeZone } }),
  });
}

export interface Limits {
  plan: "free" | "premium" | "enterprise";
  limits: { sessions_per_month: number | null; questions_per_session: number | null };
  sessions_this_month: number;
  max_resume_size_mb: number;
  supported_audio_formats: string[];
  max_interview_duration_seconds: number;
  default_questions_per_interview: number;
}

/** The caller's plan, its limits and this month's use, and the upload limits. */
export function useLimits() {
  return useQuery({ queryKey: keys.limits, queryFn: () => api<Limits>("/api/limits") });
}
