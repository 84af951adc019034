import { query } from "../db/query.ts";

export const insertProfile = query(
  "accounts.insert_profile",
  "insert into public.user_profiles (id, email, full_name) values ($1, $2, $3)",
);

export const syncProfileEmail = query(
  "accounts.sync_profile_email",
  "update public.user_profiles set email = $2 where id = $1",
);

export const syncProfileName = query(
  "accounts.sync_profile_name",
  "update public.user_profiles set full_name = $2 where id = $1",
);

export interface ProfileRow {
  id: string;
  email: string;
  full_name: string;
  phone_number: string | null;
  date_of_birth: string | null;
  gender: string | null;
  location: string | null;
  bio: string | null;
  profile_picture_url: string | null;
  preferred_job_roles: string[] | null;
  experience_level: string | null;
  current_company: string | null;
  current_position: string | null;
  linkedin_url: string | null;
  github_url: string | null;
  portfolio_url: string | null;
  subscription_type: string;
  subscription_expires_at: Date | null;
  total_interviews_taken: number;
  average_interview_score: number;
  created_at: Date;
  updated_at: Date;
}

const PROFILE_COLUMNS = `id, email, full_name, phone_number, to_char(date_of_birth, 'YYYY-MM-DD') as date_of_birth,
  gender, location, bio, profile_picture_url, preferred_job_roles, experience_level, current_company,
  current_position, linkedin_url, github_url, portfolio_url, subscription_type, subscription_expires_at,
  total_interviews_taken, average_interview_score, created_at, updated_at`;

/** The caller's own profile: RLS makes `auth.uid()` the only row there is to see. */
export const ownProfile = query<ProfileRow>(
  "accounts.own_profile",
  `select ${PROFILE_COLUMNS} from public.user_profiles where id = auth.uid()`,
);

/** Updates the listed columns only; the column names come from a fixed allow-list, never from input. */
export function updateOwnProfile(columns: string[]) {
  const sets = columns.map((column, i) => `${column} = $${i + 1}`).join(", ");
  return query<ProfileRow>(
    `accounts.update_own_profile(${columns.join(",")})`,
    `update public.user_profiles set ${sets} where id = auth.uid() returning ${PROFILE_COLUMNS}`,
  );
}

export const activeRoleIds = query<{ id: string }>(
  "accounts.active_role_ids",
  "select id::text from public.job_roles where id::text = any($1::text[]) and is_active",
);

export const deleteProfile = query(
  "accounts.delete_profile",
  "delete from public.user_profiles where id = $1",
);

export const deleteOwnedObjects = query<{ bucket_id: string; name: string; version: string | null }>(
  "accounts.delete_owned_objects",
  `delete from storage.objects where owner = $1 or (storage.foldername(name))[1] = $1::text
   returning bucket_id, name, version`,
);

// The data export: everything stored about the caller, read under their own RLS scope.
export const exportQueries = {
  profile: query("accounts.export_profile", "select * from public.user_profiles where id = auth.uid()"),
  resumes: query(
    "accounts.export_resumes",
    "select * from public.resumes where user_id = auth.uid() order by created_at",
  ),
  resume_analyses: query(
    "accounts.export_resume_analysis",
    "select * from public.resume_analysis where user_id = auth.uid() order by created_at",
  ),
  interview_sessions: query(
    "accounts.export_sessions",
    "select * from public.interview_sessions where user_id = auth.uid() order by created_at",
  ),
  interview_responses: query(
    "accounts.export_responses",
    "select * from public.interview_responses where user_id = auth.uid() order by created_at",
  ),
  interview_session_questions: query(
    "accounts.export_session_questions",
    "select * from public.interview_session_questions where user_id = auth.uid() order by asked_at, question_order",
  ),
  interview_session_transitions: query(
    "accounts.export_session_transitions",
    "select * from public.interview_session_transitions where user_id = auth.uid() order by id",
  ),
  interview_feedback: query(
    "accounts.export_feedback",
    "select * from public.interview_feedback where user_id = auth.uid() order by created_at",
  ),
  user_analytics: query(
    "accounts.export_analytics",
    "select * from public.user_analytics where user_id = auth.uid() order by created_at",
  ),
  files: query(
    "accounts.export_files",
    `select bucket_id, name, metadata, created_at from storage.objects
     where (storage.foldername(name))[1] = auth.uid()::text order by created_at`,
  ),
};

export const setPlan = query<{ id: string; subscription_type: string; subscription_expires_at: Date | null }>(
  "accounts.set_plan",
  `update public.user_profiles set subscription_type = $2, subscription_expires_at = $3 where id = $1
   returning id, subscription_type, subscription_expires_at`,
);

/** For the admin console (service scope, after the admin check): people, newest first, searchable. */
export const listProfiles = query<{
  id: string;
  email: string;
  full_name: string;
  subscription_type: string;
  subscription_expires_at: Date | null;
  total_interviews_taken: number;
  average_interview_score: number;
  created_at: Date;
}>(
  "accounts.list_profiles",
  `select id, email, full_name, coalesce(subscription_type, 'free') as subscription_type, subscription_expires_at,
     coalesce(total_interviews_taken, 0) as total_interviews_taken,
     coalesce(average_interview_score, 0) as average_interview_score, created_at
   from public.user_profiles
   where $1::text is null or email ilike '%' || $1 || '%' or full_name ilike '%' || $1 || '%'
   order by created_at desc limit $2 offset $3`,
);
