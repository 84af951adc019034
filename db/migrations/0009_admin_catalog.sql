-- Admins curate the catalog: create, edit and deactivate job roles and questions. Through RLS like every
-- other write, so the admin check lives in the database (rehearse.is_admin()). Admins also see inactive rows.

do $$
begin
  if not exists (select 1 from pg_policy where polrelid = 'public.job_roles'::regclass and polname = 'Admins manage job roles') then
    create policy "Admins manage job roles" on public.job_roles for all to authenticated
      using (rehearse.is_admin()) with check (rehearse.is_admin());
  end if;
  if not exists (select 1 from pg_policy where polrelid = 'public.interview_questions'::regclass and polname = 'Admins manage interview questions') then
    create policy "Admins manage interview questions" on public.interview_questions for all to authenticated
      using (rehearse.is_admin()) with check (rehearse.is_admin());
  end if;
end
$$;

grant insert, update on public.job_roles, public.interview_questions to authenticated;
