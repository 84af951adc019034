-- Table privileges: the minimum each role needs for what the policies allow, and no more.
-- Columns the server computes (scores, AI output, counters, plan) are not writable by users even on their
-- own rows; the server writes them in the service scope. See docs/decisions/0004-grants.md.

grant usage on schema public to anon, authenticated, service_role;

-- Anyone, signed in or not, may browse roles and questions (the policies keep inactive ones hidden).
grant select on public.job_roles, public.interview_questions to anon, authenticated;

grant select on public.user_profiles to authenticated;
grant update (
  full_name, phone_number, date_of_birth, gender, location, bio, profile_picture_url, preferred_job_roles,
  experience_level, current_company, current_position, linkedin_url, github_url, portfolio_url
) on public.user_profiles to authenticated;

grant select, delete on public.resumes to authenticated;
grant insert (id, user_id, file_name, file_path, file_size_bytes, upload_date, is_active) on public.resumes to authenticated;
grant update (file_name, is_active) on public.resumes to authenticated;

grant select on public.resume_analysis to authenticated;

grant select on public.interview_sessions to authenticated;
grant insert (
  id, user_id, job_role_id, resume_id, session_name, session_type, status, scheduled_at, total_questions,
  difficulty_level
) on public.interview_sessions to authenticated;
grant update (
  session_name, status, scheduled_at, started_at, completed_at, duration_seconds, questions_answered
) on public.interview_sessions to authenticated;

grant select on public.interview_responses to authenticated;
grant insert (
  id, interview_session_id, question_id, user_id, question_order, audio_file_path, transcribed_text,
  response_duration_seconds, answered_at
) on public.interview_responses to authenticated;

grant select on public.user_analytics, public.interview_feedback to authenticated;

grant select, insert, update, delete on public.app_settings to authenticated;
grant select on public.gemini_api_logs to authenticated;

-- The service role bypasses RLS and may do anything with the application's tables.
grant all on all tables in schema public to service_role;
grant execute on function public.update_updated_at_column() to service_role;
