-- Two columns of the design document cannot hold values its own checks allow
-- (docs/decisions/0005-schema-notes.md):
-- * gender VARCHAR(10) with CHECK (... 'prefer_not_to_say') — 17 characters;
-- * every score DECIMAL(3,2) with CHECK (... <= 10) — DECIMAL(3,2) stops at 9.99.
-- Both are widened; the checks stay as written.

do $$
declare
  c record;
begin
  if (select character_maximum_length from information_schema.columns
      where table_schema = 'public' and table_name = 'user_profiles' and column_name = 'gender') < 20 then
    alter table public.user_profiles alter column gender type varchar(20);
  end if;

  for c in
    select table_name, column_name from information_schema.columns
    where table_schema = 'public' and data_type = 'numeric' and numeric_precision = 3 and numeric_scale = 2
  loop
    execute format('alter table public.%I alter column %I type decimal(4,2)', c.table_name, c.column_name);
  end loop;
end
$$;
