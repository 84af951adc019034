-- Sessions, refresh tokens and one-time tokens in GoTrue's shapes, created only where missing
-- (a Supabase project has them). Used by Rehearse's own Supabase-compatible /auth/v1.

do $$
begin
  if to_regclass('auth.sessions') is null then
    create table auth.sessions (
      id uuid primary key,
      user_id uuid not null references auth.users (id) on delete cascade,
      created_at timestamptz default now(),
      updated_at timestamptz default now(),
      factor_id uuid,
      aal text default 'aal1',
      not_after timestamptz,
      refreshed_at timestamp,
      user_agent text,
      ip inet,
      tag text
    );
    create index sessions_user_id_idx on auth.sessions (user_id);
    grant select, insert, update, delete on auth.sessions to service_role;
  end if;

  if to_regclass('auth.refresh_tokens') is null then
    create table auth.refresh_tokens (
      instance_id uuid,
      id bigserial primary key,
      token varchar(255) unique,
      user_id varchar(255),
      revoked boolean default false,
      created_at timestamptz default now(),
      updated_at timestamptz default now(),
      parent varchar(255),
      session_id uuid references auth.sessions (id) on delete cascade
    );
    create index refresh_tokens_session_id_revoked_idx on auth.refresh_tokens (session_id, revoked);
    create index refresh_tokens_parent_idx on auth.refresh_tokens (parent);
    grant select, insert, update, delete on auth.refresh_tokens to service_role;
    grant usage on sequence auth.refresh_tokens_id_seq to service_role;
  end if;

  if to_regclass('auth.one_time_tokens') is null then
    create table auth.one_time_tokens (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references auth.users (id) on delete cascade,
      token_type text not null check (token_type in (
        'confirmation_token', 'reauthentication_token', 'recovery_token',
        'email_change_token_new', 'email_change_token_current', 'phone_change_token'
      )),
      token_hash text not null check (char_length(token_hash) > 0),
      relates_to text not null,
      created_at timestamp not null default now(),
      updated_at timestamp not null default now(),
      unique (user_id, token_type)
    );
    create index one_time_tokens_token_hash_idx on auth.one_time_tokens (token_hash);
    grant select, insert, update, delete on auth.one_time_tokens to service_role;
  end if;
end
$$;
