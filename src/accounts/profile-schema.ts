import { isValidPhoneNumber, parsePhoneNumberFromString } from "libphonenumber-js";
import { z } from "zod";
import { text } from "../http/schemas.ts";

/** Letters of any script and the punctuation names use; no markup, digits or SQL-ish symbols. */
export const personName = text({ max: 100 }).refine(
  (value) => /^[\p{L}\p{M}][\p{L}\p{M}\p{Zs}'’.,-]*$/u.test(value),
  "may contain only letters, spaces, apostrophes, hyphens, periods and commas",
);

function urlOn(hosts: string[] | undefined, what: string) {
  return z
    .string()
    .trim()
    .max(255, "must be at most 255 characters")
    .refine((value) => {
      try {
        const url = new URL(value);
        if (!["http:", "https:"].includes(url.protocol) || url.username || url.password) return false;
        const host = url.hostname.toLowerCase().replace(/^www\./, "");
        return !hosts || (hosts.includes(host) && url.pathname.length > 1);
      } catch {
        return false;
      }
    }, `must be ${what}`);
}

const today = () => new Date().toISOString().slice(0, 10);

export const profilePatchSchema = z.strictObject({
  full_name: personName.optional(),
  phone_number: z
    .string()
    .trim()
    .max(32)
    .refine(
      (value) => isValidPhoneNumber(value),
      "must be a valid phone number with its country code, e.g. +44 20 7946 0958",
    )
    .transform((value) => parsePhoneNumberFromString(value)?.number ?? value)
    .nullable()
    .optional(),
  date_of_birth: z.iso
    .date("must be a date written YYYY-MM-DD")
    .refine((value) => value < today(), "must be in the past")
    .refine((value) => value >= "1900-01-01", "must be after 1900")
    .nullable()
    .optional(),
  gender: z.enum(["male", "female", "other", "prefer_not_to_say"]).nullable().optional(),
  location: text({ max: 100 }).nullable().optional(),
  bio: text({ max: 2000, multiline: true, min: 0 }).nullable().optional(),
  preferred_job_roles: z
    .array(z.uuid("must be job role ids"))
    .max(10, "at most 10 roles")
    .nullable()
    .optional(),
  experience_level: z.enum(["entry", "mid", "senior", "executive"]).nullable().optional(),
  current_company: text({ max: 100 }).nullable().optional(),
  current_position: text({ max: 100 }).nullable().optional(),
  linkedin_url: urlOn(["linkedin.com"], "a LinkedIn profile URL, e.g. https://www.linkedin.com/in/your-name")
    .nullable()
    .optional(),
  github_url: urlOn(["github.com"], "a GitHub profile URL, e.g. https://github.com/your-name")
    .nullable()
    .optional(),
  portfolio_url: urlOn(undefined, "an http(s) URL").nullable().optional(),
});

export type ProfilePatch = z.infer<typeof profilePatchSchema>;

export const profileSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  full_name: z.string(),
  phone_number: z.string().nullable(),
  date_of_birth: z.string().nullable(),
  gender: z.string().nullable(),
  location: z.string().nullable(),
  bio: z.string().nullable(),
  profile_picture_url: z.string().nullable(),
  preferred_job_roles: z.array(z.string()).nullable(),
  experience_level: z.string().nullable(),
  current_company: z.string().nullable(),
  current_position: z.string().nullable(),
  linkedin_url: z.string().nullable(),
  github_url: z.string().nullable(),
  portfolio_url: z.string().nullable(),
  subscription_type: z.string(),
  subscription_expires_at: z.date().nullable(),
  total_interviews_taken: z.number(),
  average_interview_score: z.number(),
  created_at: z.date(),
  updated_at: z.date(),
});
