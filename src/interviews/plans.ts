import { z } from "zod";

export type Plan = "free" | "premium" | "enterprise";

const limitsSchema = z.object({
  sessions_per_month: z.number().int().positive().nullable(),
  questions_per_session: z.number().int().positive().nullable(),
});
export type PlanLimits = z.infer<typeof limitsSchema>;

const FALLBACK: Record<Plan, PlanLimits> = {
  free: { sessions_per_month: 5, questions_per_session: 10 },
  premium: { sessions_per_month: 60, questions_per_session: 25 },
  enterprise: { sessions_per_month: null, questions_per_session: 50 },
};

/** The plan that applies now: a paid plan past its expiry is the free plan again. */
export function effectivePlan(
  profile: { subscription_type: string | null; subscription_expires_at: Date | null } | undefined,
  now: Date,
): Plan {
  const type = profile?.subscription_type;
  if (type !== "premium" && type !== "enterprise") return "free";
  const expires = profile?.subscription_expires_at;
  return expires && expires.getTime() <= now.getTime() ? "free" : type;
}

/** Limits for a plan from the plan_limits setting; a missing or malformed entry keeps the built-in limits. */
export function limitsFor(plan: Plan, setting: unknown): PlanLimits {
  const entry = (setting as Record<string, unknown> | null | undefined)?.[plan];
  const parsed = limitsSchema.safeParse(entry);
  return parsed.success ? parsed.data : FALLBACK[plan];
}
