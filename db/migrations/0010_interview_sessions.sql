-- What the design document's interview tables cannot hold on their own (docs/decisions/0011-interviews.md):
-- * every status change, so paused time is excluded from duration_seconds and the history is auditable;
-- * the questions asked in a session, including ones built from the resume or as follow-ups, which have no
--   row in interview_questions (responses keep question_id null for them);
-- * attempts: one response per question per session, and re-answers after the session linked to the first.

create table if not exists public.interview_session_transitions (
  id bigint generated always as identity primary key,
  interview_session_id uuid not null references public.interview_sessions (id) on delete cascade,
  user_id uuid not null references public.user_profiles (id) on delete cascade,
  from_status varchar(20),
  to_status varchar(20) not null,
  reason varchar(40) not null default 'user',
  at timestamptz not null default clock_timestamp()
);
create index if not exists idx_session_transitions_session on public.interview_session_transitions (interview_session_id, id);

create table if not exists public.interview_session_questions (
  interview_session_id uuid not null references public.interview_sessions (id) on delete cascade,
  user_id uuid not null references public.user_profiles (id) on delete cascade,
  question_order integer not null check (question_order >= 1),
  question_id uuid references public.interview_questions (id) on delete set null,
  origin varchar(20) not null check (origin in ('bank', 'resume', 'follow_up')),
  question_text text not null,
  question_type varchar(20) not null check (question_type in ('technical', 'behavioral', 'situational', 'general')),
  difficulty_level varchar(20) not null check (difficulty_level in ('easy', 'medium', 'hard')),
  expected_answer_keywords text[] not null default '{}',
  sample_answer text,
  evaluation_criteria jsonb,
  time_limit_seconds integer not null default 120,
  skill text,
  follows_up_order integer,
  asked_at timestamptz not null default now(),
  primary key (interview_session_id, question_order)
);
create index if not exists idx_session_questions_user on public.interview_session_questions (user_id, question_id);

alter table public.interview_responses add column if not exists attempt integer not null default 1;
alter table public.interview_responses add column if not exists first_attempt_id uuid
  references public.interview_responses (id) on delete cascade;
alter table public.interview_responses add column if not exists scoring_status varchar(20) not null default 'pending';
do $$
begin
  if not exists (select 1 from pg_constraint where conname = 'interview_responses_scoring_status_check') then
    alter table public.interview_responses add constraint interview_responses_scoring_status_check
      check (scoring_status in ('pending', 'scored', 'failed'));
  end if;
  if not exists (select 1 from pg_constraint where conname = 'interview_responses_attempt_check') then
    alter table public.interview_responses add constraint interview_responses_attempt_check check (attempt >= 1);
  end if;
end
$$;
create unique index if not exists interview_responses_one_per_question
  on public.interview_responses (interview_session_id, question_order, attempt);
create unique index if not exists interview_feedback_one_per_session on public.interview_feedback (interview_session_id);
create unique index if not exists user_analytics_one_per_user on public.user_analytics (user_id);
create index if not exists idx_interview_sessions_user_role on public.interview_sessions (user_id, job_role_id, created_at);

alter table public.interview_session_transitions enable row level security;
alter table public.interview_session_questions enable row level security;
do $$
begin
  if not exists (select 1 from pg_policy where polrelid = 'public.interview_session_transitions'::regclass
                 and polname = 'Users can view their own session history') then
    create policy "Users can view their own session history" on public.interview_session_transitions
      for select using (auth.uid() = user_id);
  end if;
  if not exists (select 1 from pg_policy where polrelid = 'public.interview_session_questions'::regclass
                 and polname = 'Users can view the questions of their sessions') then
    create policy "Users can view the questions of their sessions" on public.interview_session_questions
      for select using (auth.uid() = user_id);
  end if;
  -- The user's own scope records their transitions and asked questions, only on their own sessions.
  if not exists (select 1 from pg_policy where polrelid = 'public.interview_session_transitions'::regclass
                 and polname = 'Users record their own session history') then
    create policy "Users record their own session history" on public.interview_session_transitions
      for insert to authenticated with check (auth.uid() = user_id and exists (
        select 1 from public.interview_sessions s where s.id = interview_session_id and s.user_id = auth.uid()));
  end if;
  if not exists (select 1 from pg_policy where polrelid = 'public.interview_session_questions'::regclass
                 and polname = 'Users record the questions of their sessions') then
    create policy "Users record the questions of their sessions" on public.interview_session_questions
      for insert to authenticated with check (auth.uid() = user_id and exists (
        select 1 from public.interview_sessions s where s.id = interview_session_id and s.user_id = auth.uid()));
  end if;
end
$$;
grant select, insert on public.interview_session_transitions, public.interview_session_questions to authenticated;
grant insert (id, interview_session_id, question_id, user_id, question_order, audio_file_path, transcribed_text,
  response_duration_seconds, answered_at, attempt, first_attempt_id) on public.interview_responses to authenticated;
grant all on public.interview_session_transitions, public.interview_session_questions to service_role;
