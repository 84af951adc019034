import { z } from "zod";
import { AUDIO_FORMATS } from "../speech/formats.ts";

const whole = (min: number, max: number) => z.number().int().min(min).max(max);
const limits = z.object({
  sessions_per_month: whole(1, 10_000).nullable(),
  questions_per_session: whole(1, 50).nullable(),
});

/**
 * What each known setting may hold: an admin's typo must not stop interviews or uploads. Settings this
 * table does not know accept any JSON.
 */
export const SETTING_SCHEMAS: Record<string, z.ZodType> = {
  max_interview_duration: whole(60, 4 * 3600),
  default_questions_per_interview: whole(1, 50),
  gemini_api_timeout: whole(1, 300),
  max_resume_size_mb: whole(1, 50),
  supported_audio_formats: z
    .array(z.enum(AUDIO_FORMATS))
    .min(1)
    .refine((formats) => new Set(formats).size === formats.length, "must not repeat a format"),
  plan_limits: z.object({ free: limits, premium: limits, enterprise: limits }),
  question_repeat_window_sessions: whole(0, 50),
  peer_comparison_min_peers: whole(1, 1000),
};

export function validateSetting(key: string, value: unknown): z.ZodSafeParseResult<unknown> {
  const schema = Object.hasOwn(SETTING_SCHEMAS, key) ? SETTING_SCHEMAS[key] : undefined;
  return (schema ?? z.json()).safeParse(value);
}
