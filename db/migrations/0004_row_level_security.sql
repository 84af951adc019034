-- Row-level security: every policy of the design document, word for word, plus the gaps it leaves closed
-- (docs/decisions/0003-row-level-security-gaps.md). CREATE POLICY has no IF NOT EXISTS, hence the helper.

create or replace function pg_temp.ensure_policy(target regclass, policy_name text, definition text)
returns void language plpgsql as $$
begin
  if not exists (
    select 1 from pg_policy where polrelid = target and polname = policy_name
  ) then
    execute format('create policy %I on %s %s', policy_name, target, definition);
  end if;
end
$$;

-- RLS on every public table; the document forgets job_roles, interview_questions, app_settings and
-- gemini_api_logs.
alter table public.user_profiles enable row level security;
alter table public.resumes enable row level security;
alter table public.resume_analysis enable row level security;
alter table public.job_roles enable row level security;
alter table public.interview_questions enable row level security;
alter table public.interview_sessions enable row level security;
alter table public.interview_responses enable row level security;
alter table public.user_analytics enable row level security;
alter table public.interview_feedback enable row level security;
alter table public.app_settings enable row level security;
alter table public.gemini_api_logs enable row level security;

-- The document's table policies.
select pg_temp.ensure_policy('public.user_profiles', 'Users can view their own profile', 'for select using (auth.uid() = id)');
select pg_temp.ensure_policy('public.user_profiles', 'Users can update their own profile', 'for update using (auth.uid() = id)');
select pg_temp.ensure_policy('public.resumes', 'Users can view their own resumes', 'for select using (auth.uid() = user_id)');
select pg_temp.ensure_policy('public.resumes', 'Users can insert their own resumes', 'for insert with check (auth.uid() = user_id)');
select pg_temp.ensure_policy('public.resumes', 'Users can update their own resumes', 'for update using (auth.uid() = user_id)');
select pg_temp.ensure_policy('public.resumes', 'Users can delete their own resumes', 'for delete using (auth.uid() = user_id)');
select pg_temp.ensure_policy('public.resume_analysis', 'Users can view their own resume analysis', 'for select using (auth.uid() = user_id)');
select pg_temp.ensure_policy('public.interview_sessions', 'Users can view their own interview sessions', 'for select using (auth.uid() = user_id)');
select pg_temp.ensure_policy('public.interview_sessions', 'Users can insert their own interview sessions', 'for insert with check (auth.uid() = user_id)');
select pg_temp.ensure_policy('public.interview_sessions', 'Users can update their own interview sessions', 'for update using (auth.uid() = user_id)');
select pg_temp.ensure_policy('public.interview_responses', 'Users can view their own interview responses', 'for select using (auth.uid() = user_id)');
select pg_temp.ensure_policy('public.interview_responses', 'Users can insert their own interview responses', 'for insert with check (auth.uid() = user_id)');
select pg_temp.ensure_policy('public.user_analytics', 'Users can view their own analytics', 'for select using (auth.uid() = user_id)');
select pg_temp.ensure_policy('public.interview_feedback', 'Users can view their own feedback', 'for select using (auth.uid() = user_id)');
select pg_temp.ensure_policy('public.job_roles', 'Anyone can view job roles', 'for select using (is_active = true)');
select pg_temp.ensure_policy('public.interview_questions', 'Anyone can view interview questions', 'for select using (is_active = true)');

-- Gaps closed. A row must not point at another user's rows: foreign keys are checked without RLS, so
-- without these a user could attach someone else's resume to a session or answer in someone else's session.
select pg_temp.ensure_policy('public.interview_sessions', 'Sessions may only use the owner''s resume',
  'as restrictive for all to authenticated using (true) with check (resume_id is null or exists (select 1 from public.resumes r where r.id = resume_id and r.user_id = auth.uid()))');
select pg_temp.ensure_policy('public.interview_responses', 'Responses belong to the owner''s session',
  'as restrictive for insert to authenticated with check (exists (select 1 from public.interview_sessions s where s.id = interview_session_id and s.user_id = auth.uid()))');

-- Settings: readable by signed-in users, writable by admins. AI call logs: admins only.
select pg_temp.ensure_policy('public.app_settings', 'Signed-in users can read active settings', 'for select to authenticated using (is_active = true or rehearse.is_admin())');
select pg_temp.ensure_policy('public.app_settings', 'Admins can add settings', 'for insert to authenticated with check (rehearse.is_admin())');
select pg_temp.ensure_policy('public.app_settings', 'Admins can change settings', 'for update to authenticated using (rehearse.is_admin())');
select pg_temp.ensure_policy('public.app_settings', 'Admins can delete settings', 'for delete to authenticated using (rehearse.is_admin())');
select pg_temp.ensure_policy('public.gemini_api_logs', 'Admins can view AI call logs', 'for select to authenticated using (rehearse.is_admin())');

-- The document's storage policies.
select pg_temp.ensure_policy('storage.objects', 'Users can upload their own resumes', 'for insert with check (bucket_id = ''resumes'' and auth.uid()::text = (storage.foldername(name))[1])');
select pg_temp.ensure_policy('storage.objects', 'Users can view their own resumes', 'for select using (bucket_id = ''resumes'' and auth.uid()::text = (storage.foldername(name))[1])');
select pg_temp.ensure_policy('storage.objects', 'Users can delete their own resumes', 'for delete using (bucket_id = ''resumes'' and auth.uid()::text = (storage.foldername(name))[1])');
select pg_temp.ensure_policy('storage.objects', 'Users can upload their own audio', 'for insert with check (bucket_id = ''interview-audio'' and auth.uid()::text = (storage.foldername(name))[1])');
select pg_temp.ensure_policy('storage.objects', 'Users can view their own audio', 'for select using (bucket_id = ''interview-audio'' and auth.uid()::text = (storage.foldername(name))[1])');
select pg_temp.ensure_policy('storage.objects', 'Users can upload their own profile pictures', 'for insert with check (bucket_id = ''profile-pictures'' and auth.uid()::text = (storage.foldername(name))[1])');
select pg_temp.ensure_policy('storage.objects', 'Users can view all profile pictures', 'for select using (bucket_id = ''profile-pictures'')');
select pg_temp.ensure_policy('storage.objects', 'Users can update their own profile pictures', 'for update using (bucket_id = ''profile-pictures'' and auth.uid()::text = (storage.foldername(name))[1])');

-- Storage gaps: buckets are public knowledge (clients list them); users may delete their own recordings
-- and pictures (account deletion and re-recording need it, the document only allows it for resumes).
select pg_temp.ensure_policy('storage.buckets', 'Anyone can see the buckets', 'for select using (true)');
select pg_temp.ensure_policy('storage.objects', 'Users can delete their own audio', 'for delete using (bucket_id = ''interview-audio'' and auth.uid()::text = (storage.foldername(name))[1])');
select pg_temp.ensure_policy('storage.objects', 'Users can delete their own profile pictures', 'for delete using (bucket_id = ''profile-pictures'' and auth.uid()::text = (storage.foldername(name))[1])');
