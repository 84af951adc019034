-- Roles and the `auth` schema as Supabase defines them, created only where missing:
-- on a Supabase database all of this exists already and is left alone.

do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'anon') then
    create role anon nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'authenticated') then
    create role authenticated nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'service_role') then
    create role service_role nologin noinherit bypassrls;
  end if;
end
$$;

-- The connecting user switches into these roles per transaction (set_config('role', ...)), as PostgREST's
-- authenticator does, so it must be a member of each.
do $$
declare
  r text;
begin
  if not (select rolsuper from pg_roles where rolname = current_user) then
    foreach r in array array['anon', 'authenticated', 'service_role'] loop
      if not pg_has_role(current_user, r, 'member') then
        execute format('grant %I to %I', r, current_user);
      end if;
    end loop;
  end if;
end
$$;

create schema if not exists auth;
create schema if not exists rehearse;

do $$
begin
  if to_regclass('auth.users') is null then
    create table auth.users (
      instance_id uuid,
      id uuid primary key default gen_random_uuid(),
      aud varchar(255) default 'authenticated',
      role varchar(255) default 'authenticated',
      email varchar(255),
      encrypted_password varchar(255),
      email_confirmed_at timestamptz,
      confirmation_sent_at timestamptz,
      recovery_sent_at timestamptz,
      email_change varchar(255),
      email_change_sent_at timestamptz,
      last_sign_in_at timestamptz,
      raw_app_meta_data jsonb not null default '{}'::jsonb,
      raw_user_meta_data jsonb not null default '{}'::jsonb,
      is_super_admin boolean,
      banned_until timestamptz,
      deleted_at timestamptz,
      is_anonymous boolean not null default false,
      created_at timestamptz default now(),
      updated_at timestamptz default now()
    );
    create unique index users_email_key on auth.users (lower(email));
    grant select, insert, update, delete on auth.users to service_role;
  end if;
end
$$;

-- auth.uid(), auth.role(), auth.jwt() and auth.email() read the claims that each scope sets,
-- exactly as Supabase's definitions do (the legacy per-claim settings first, then request.jwt.claims).
do $$
begin
  if to_regprocedure('auth.uid()') is null then
    create function auth.uid() returns uuid language sql stable as $f$
      select coalesce(
        nullif(current_setting('request.jwt.claim.sub', true), ''),
        (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
      )::uuid
    $f$;
  end if;
  if to_regprocedure('auth.role()') is null then
    create function auth.role() returns text language sql stable as $f$
      select coalesce(
        nullif(current_setting('request.jwt.claim.role', true), ''),
        (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
      )::text
    $f$;
  end if;
  if to_regprocedure('auth.email()') is null then
    create function auth.email() returns text language sql stable as $f$
      select coalesce(
        nullif(current_setting('request.jwt.claim.email', true), ''),
        (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email')
      )::text
    $f$;
  end if;
  if to_regprocedure('auth.jwt()') is null then
    create function auth.jwt() returns jsonb language sql stable as $f$
      select coalesce(
        nullif(current_setting('request.jwt.claim', true), ''),
        nullif(current_setting('request.jwt.claims', true), '')
      )::jsonb
    $f$;
  end if;
end
$$;

-- Grant only what is missing: on Supabase these schemas belong to other roles and already carry the grants.
do $$
declare
  r text;
begin
  foreach r in array array['anon', 'authenticated', 'service_role'] loop
    if not has_schema_privilege(r, 'auth', 'usage') then
      execute format('grant usage on schema auth to %I', r);
    end if;
  end loop;
end
$$;
grant usage on schema rehearse to anon, authenticated, service_role;

-- Admin is app_metadata.role = 'admin' on the user row. Read from the database, not the token, so that
-- revoking admin takes effect at once. SECURITY DEFINER: callers cannot read auth.users themselves.
create or replace function rehearse.is_admin() returns boolean
  language sql stable security definer set search_path = ''
as $$
  select coalesce(
    (select u.raw_app_meta_data ->> 'role' = 'admin' from auth.users u where u.id = auth.uid()),
    false
  )
$$;
revoke all on function rehearse.is_admin() from public;
grant execute on function rehearse.is_admin() to anon, authenticated, service_role;
