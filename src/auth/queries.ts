import { query } from "../db/query.ts";

export interface UserRow {
  id: string;
  email: string;
  encrypted_password: string | null;
  email_confirmed_at: Date | null;
  confirmation_sent_at: Date | null;
  recovery_sent_at: Date | null;
  email_change: string | null;
  email_change_sent_at: Date | null;
  last_sign_in_at: Date | null;
  raw_app_meta_data: Record<string, unknown>;
  raw_user_meta_data: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
}

const USER_COLUMNS = `u.id, u.email, u.encrypted_password, u.email_confirmed_at, u.confirmation_sent_at,
  u.recovery_sent_at, u.email_change, u.email_change_sent_at, u.last_sign_in_at,
  coalesce(u.raw_app_meta_data, '{}'::jsonb) as raw_app_meta_data,
  coalesce(u.raw_user_meta_data, '{}'::jsonb) as raw_user_meta_data, u.created_at, u.updated_at`;

export const userByEmail = query<UserRow>(
  "auth.user_by_email",
  `select ${USER_COLUMNS} from auth.users u where lower(u.email) = lower($1) and u.deleted_at is null`,
);

export const userById = query<UserRow>(
  "auth.user_by_id",
  `select ${USER_COLUMNS} from auth.users u where u.id = $1 and u.deleted_at is null`,
);

export const insertUser = query<UserRow>(
  "auth.insert_user",
  `insert into auth.users as u (id, aud, role, email, encrypted_password, email_confirmed_at, confirmation_sent_at,
     raw_app_meta_data, raw_user_meta_data)
   values ($1, 'authenticated', 'authenticated', $2, $3, $4, $5, $6, $7)
   returning ${USER_COLUMNS}`,
);

export const setPassword = query<UserRow>(
  "auth.set_password",
  `update auth.users u set encrypted_password = $2, updated_at = now() where u.id = $1 returning ${USER_COLUMNS}`,
);

export const mergeUserMetadata = query<UserRow>(
  "auth.merge_user_metadata",
  `update auth.users u set raw_user_meta_data = coalesce(u.raw_user_meta_data, '{}'::jsonb) || $2::jsonb,
     updated_at = now() where u.id = $1 returning ${USER_COLUMNS}`,
);

export const confirmEmail = query<UserRow>(
  "auth.confirm_email",
  `update auth.users u set email_confirmed_at = coalesce(u.email_confirmed_at, now()), updated_at = now()
   where u.id = $1 returning ${USER_COLUMNS}`,
);

export const setEmail = query<UserRow>(
  "auth.set_email",
  `update auth.users u set email = $2, email_change = null, email_change_sent_at = null,
     email_confirmed_at = now(), updated_at = now() where u.id = $1 returning ${USER_COLUMNS}`,
);

export const requestEmailChange = query<UserRow>(
  "auth.request_email_change",
  `update auth.users u set email_change = $2, email_change_sent_at = now(), updated_at = now()
   where u.id = $1 returning ${USER_COLUMNS}`,
);

export const markSent = query(
  "auth.mark_sent",
  `update auth.users set confirmation_sent_at = case when $2 = 'confirmation_token' then now() else confirmation_sent_at end,
     recovery_sent_at = case when $2 = 'recovery_token' then now() else recovery_sent_at end
   where id = $1`,
);

export const touchSignIn = query(
  "auth.touch_sign_in",
  "update auth.users set last_sign_in_at = now() where id = $1",
);

export const setAppMetadataRole = query<{ id: string }>(
  "auth.set_app_metadata_role",
  `update auth.users set raw_app_meta_data = case when $2::text is null
       then coalesce(raw_app_meta_data, '{}'::jsonb) - 'role'
       else coalesce(raw_app_meta_data, '{}'::jsonb) || jsonb_build_object('role', $2::text) end,
     updated_at = now()
   where lower(email) = lower($1) returning id`,
);

export const deleteUser = query("auth.delete_user", "delete from auth.users where id = $1");

// Sessions and refresh tokens.

export const insertSession = query(
  "auth.insert_session",
  "insert into auth.sessions (id, user_id, aal, user_agent, ip) values ($1, $2, 'aal1', $3, $4)",
);

export interface SessionUserRow extends UserRow {
  session_id: string;
}

export const activeSessionUser = query<SessionUserRow>(
  "auth.active_session_user",
  `select ${USER_COLUMNS}, s.id as session_id from auth.sessions s join auth.users u on u.id = s.user_id
   where s.id = $1 and s.user_id = $2 and (s.not_after is null or s.not_after > now())
     and u.deleted_at is null and (u.banned_until is null or u.banned_until < now())`,
);

export const touchSession = query(
  "auth.touch_session",
  "update auth.sessions set refreshed_at = now(), updated_at = now(), user_agent = $2, ip = $3 where id = $1",
);

export const endSession = query("auth.end_session", "delete from auth.sessions where id = $1");
export const endAllSessions = query("auth.end_all_sessions", "delete from auth.sessions where user_id = $1");
export const endOtherSessions = query(
  "auth.end_other_sessions",
  "delete from auth.sessions where user_id = $1 and id <> $2",
);

/** Revoking a family: every token of the session is revoked and the session ends now. */
export const revokeFamily = query(
  "auth.revoke_family",
  `with tokens as (update auth.refresh_tokens set revoked = true, updated_at = now() where session_id = $1)
   update auth.sessions set not_after = now(), updated_at = now() where id = $1`,
);

export interface RefreshTokenRow {
  id: number;
  token: string;
  user_id: string;
  session_id: string;
  revoked: boolean;
  parent: string | null;
  updated_at: Date;
  session_ended: boolean;
}

export const refreshTokenForUpdate = query<RefreshTokenRow>(
  "auth.refresh_token_for_update",
  `select t.id, t.token, t.user_id, t.session_id, t.revoked, t.parent, t.updated_at,
     (s.id is null or (s.not_after is not null and s.not_after <= now())) as session_ended
   from auth.refresh_tokens t left join auth.sessions s on s.id = t.session_id
   where t.token = $1 for update of t`,
);

export const lockSession = query(
  "auth.lock_session",
  "select id from auth.sessions where id = $1 for update",
);

export const activeRefreshToken = query<{ token: string; parent: string | null }>(
  "auth.active_refresh_token",
  `select token, parent from auth.refresh_tokens where session_id = $1 and not revoked
   order by id desc limit 1`,
);

export const insertRefreshToken = query(
  "auth.insert_refresh_token",
  "insert into auth.refresh_tokens (token, user_id, session_id, parent) values ($1, $2, $3, $4)",
);

export const revokeToken = query(
  "auth.revoke_token",
  "update auth.refresh_tokens set revoked = true, updated_at = now() where id = $1",
);

// One-time tokens (confirmation, recovery, e-mail change), stored hashed.

export const upsertOneTimeToken = query(
  "auth.upsert_one_time_token",
  `insert into auth.one_time_tokens (user_id, token_type, token_hash, relates_to) values ($1, $2, $3, $4)
   on conflict (user_id, token_type) do update
     set token_hash = excluded.token_hash, relates_to = excluded.relates_to, created_at = now(), updated_at = now()`,
);

export const takeOneTimeToken = query<{ user_id: string; relates_to: string; expired: boolean }>(
  "auth.take_one_time_token",
  `delete from auth.one_time_tokens where token_hash = $1 and token_type = $2
   returning user_id, relates_to, created_at < now() - make_interval(secs => $3) as expired`,
);
