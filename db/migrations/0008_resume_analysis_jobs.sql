-- Where each resume's analysis stands (queued, analyzing, done, failed with a reason), which the design
-- document has no column for, and one analysis per resume so a retried job replaces rather than adds.
-- docs/decisions/0009-resume-analysis.md.

create table if not exists public.resume_analysis_jobs (
  resume_id uuid primary key references public.resumes (id) on delete cascade,
  user_id uuid not null references public.user_profiles (id) on delete cascade,
  status varchar(20) not null check (status in ('queued', 'analyzing', 'done', 'failed')),
  target_role_id uuid references public.job_roles (id) on delete set null,
  reason text,
  attempts integer not null default 0,
  queued_at timestamptz not null default now(),
  started_at timestamptz,
  finished_at timestamptz,
  updated_at timestamptz not null default now()
);
create index if not exists idx_resume_analysis_jobs_user_id on public.resume_analysis_jobs (user_id);
create or replace trigger update_resume_analysis_jobs_updated_at before update on public.resume_analysis_jobs
  for each row execute function public.update_updated_at_column();

alter table public.resume_analysis_jobs enable row level security;
do $$
begin
  if not exists (select 1 from pg_policy where polrelid = 'public.resume_analysis_jobs'::regclass
                 and polname = 'Users can view their own analysis status') then
    create policy "Users can view their own analysis status" on public.resume_analysis_jobs
      for select using (auth.uid() = user_id);
  end if;
end
$$;
grant select on public.resume_analysis_jobs to authenticated;
grant all on public.resume_analysis_jobs to service_role;

create unique index if not exists resume_analysis_resume_id_key on public.resume_analysis (resume_id);
-- At most one active resume per user.
create unique index if not exists resumes_one_active_per_user on public.resumes (user_id) where is_active;
