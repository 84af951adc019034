// Query keys in one place, so live events and mutations invalidate exactly what changed.
export const keys = {
  profile: ["profile"] as const,
  roles: ["roles"] as const,
  role: (id: string) => ["role", id] as const,
  resumes: ["resumes"] as const,
  resumeAnalysis: (id: string) => ["resume-analysis", id] as const,
  interviews: ["interviews"] as const,
  interview: (id: string) => ["interview", id] as const,
  nextQuestion: (id: string) => ["next-question", id] as const,
  report: (id: string) => ["report", id] as const,
  analytics: ["analytics"] as const,
  adminSettings: ["admin", "settings"] as const,
  adminLogs: ["admin", "ai-logs"] as const,
  adminUsers: ["admin", "users"] as const,
  limits: ["limits"] as const,
};
