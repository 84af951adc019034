import type { Caller } from "../auth/service.ts";
import type { Pool } from "../db/pool.ts";
import { many, one } from "../db/query.ts";
import { asUser } from "../db/scopes.ts";
import { AUDIO_FORMATS } from "../speech/formats.ts";
import { settingsByKey } from "../system/settings.ts";
import { effectivePlan, limitsFor } from "./plans.ts";
import { callerPlan, monthSessionCount } from "./session-queries.ts";

type User = Extract<Caller, { kind: "user" }>;

/** What the caller may do now: their plan and its limits, what they used, and the limits every user has. */
export function planStatus(pool: Pool, caller: User) {
  return asUser(pool, caller.claims, async (tx) => {
    const rows = await many(tx, settingsByKey, [
      [
        "plan_limits",
        "max_resume_size_mb",
        "supported_audio_formats",
        "max_interview_duration",
        "default_questions_per_interview",
      ],
    ]);
    const value = (key: string) => rows.find((r) => r.setting_key === key)?.setting_value;
    const profile = await one(tx, callerPlan, [caller.user.id]);
    const plan = effectivePlan(profile, new Date());
    return {
      plan,
      subscription_type: profile?.subscription_type ?? "free",
      subscription_expires_at: profile?.subscription_expires_at ?? null,
      limits: limitsFor(plan, value("plan_limits")),
      sessions_this_month: (await one(tx, monthSessionCount, [caller.user.id]))?.count ?? 0,
      max_resume_size_mb: Number(value("max_resume_size_mb")) || 10,
      supported_audio_formats: (value("supported_audio_formats") as string[] | undefined) ?? [
        ...AUDIO_FORMATS,
      ],
      max_interview_duration_seconds: Number(value("max_interview_duration")) || 3600,
      default_questions_per_interview: Number(value("default_questions_per_interview")) || 10,
    };
  });
}
