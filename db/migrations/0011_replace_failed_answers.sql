-- A recorded answer that could not be scored (no speech, unreadable audio) may be given again: its owner
-- deletes it in the same transaction that records the new one, and only while the interview is in progress
-- (docs/decisions/0013-voice.md). Nothing else of an answer is ever deletable by its owner.
do $$
begin
  if not exists (select 1 from pg_policy where polrelid = 'public.interview_responses'::regclass
                 and polname = 'Users can replace their own failed answers') then
    create policy "Users can replace their own failed answers" on public.interview_responses
      for delete to authenticated using (
        auth.uid() = user_id and scoring_status = 'failed' and attempt = 1
        and exists (select 1 from public.interview_sessions s
                    where s.id = interview_session_id and s.user_id = auth.uid() and s.status = 'in_progress'));
  end if;
end
$$;
grant delete on public.interview_responses to authenticated;
