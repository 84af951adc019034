import { randomUUID } from "node:crypto";
import { many, one } from "../db/query.ts";
import type { Tx } from "../db/scopes.ts";
import { authErrors } from "./errors.ts";
import {
  activeRefreshToken,
  insertRefreshToken,
  insertSession,
  lockSession,
  refreshTokenForUpdate,
  revokeFamily,
  revokeToken,
  touchSession,
  type UserRow,
  userById,
} from "./queries.ts";
import { newRefreshToken, type TokenService } from "./tokens.ts";
import { appMetadata, toUserJson, type UserJson } from "./users-json.ts";

export interface RequestMeta {
  ip: string;
  userAgent: string | null;
}

export type SessionJson = {
  access_token: string;
  token_type: "bearer";
  expires_in: number;
  expires_at: number;
  refresh_token: string;
  user: UserJson;
};

export type SignInMethod = "password" | "otp" | "recovery" | "email_change";

export async function sessionJson(
  tokens: TokenService,
  user: UserRow,
  sessionId: string,
  refreshToken: string,
  method: SignInMethod,
): Promise<SessionJson> {
  const access = await tokens.signAccess({
    sub: user.id,
    email: user.email,
    phone: "",
    app_metadata: appMetadata(user),
    user_metadata: user.raw_user_meta_data,
    session_id: sessionId,
    aal: "aal1",
    amr: [{ method, timestamp: Math.floor(Date.now() / 1000) }],
    is_anonymous: false,
  });
  return {
    access_token: access.token,
    token_type: "bearer",
    expires_in: access.expiresIn,
    expires_at: access.expiresAt,
    refresh_token: refreshToken,
    user: toUserJson(user),
  };
}

/** A new session with the first refresh token of its family. */
export async function startSession(tx: Tx, userId: string, meta: RequestMeta) {
  const sessionId = randomUUID();
  const refreshToken = newRefreshToken();
  await many(tx, insertSession, [sessionId, userId, meta.userAgent?.slice(0, 512) ?? null, meta.ip]);
  await many(tx, insertRefreshToken, [refreshToken, userId, sessionId, null]);
  return { sessionId, refreshToken };
}

export type RefreshOutcome =
  | { ok: true; user: UserRow; sessionId: string; refreshToken: string }
  | { ok: false; error: ReturnType<(typeof authErrors)[keyof typeof authErrors]> };

/**
 * Rotates a refresh token. Every use revokes the presented token and issues its child. A revoked token is
 * accepted only within the reuse interval (a client retrying after a lost response): if it is the parent of
 * the session's active token, that active token is returned again; otherwise a new child is issued, as
 * GoTrue does. Outside the interval, reuse means theft: the whole family is revoked and the session ends.
 * The caller commits even on failure, so a revocation sticks.
 */
export async function rotateRefreshToken(
  tx: Tx,
  presented: string,
  meta: RequestMeta,
  reuseIntervalSeconds: number,
): Promise<RefreshOutcome> {
  const row = await one(tx, refreshTokenForUpdate, [presented]);
  if (!row) return { ok: false, error: authErrors.refreshTokenNotFound() };
  await one(tx, lockSession, [row.session_id]);
  if (row.session_ended) {
    return {
      ok: false,
      error: row.revoked ? authErrors.refreshTokenAlreadyUsed() : authErrors.refreshTokenNotFound(),
    };
  }

  let issued: string | undefined;
  if (row.revoked) {
    const withinInterval = Date.now() < new Date(row.updated_at).getTime() + reuseIntervalSeconds * 1000;
    if (!withinInterval) {
      await many(tx, revokeFamily, [row.session_id]);
      return { ok: false, error: authErrors.refreshTokenAlreadyUsed() };
    }
    const active = await one(tx, activeRefreshToken, [row.session_id]);
    if (active?.parent === row.token) issued = active.token;
  } else {
    await many(tx, revokeToken, [row.id]);
  }
  if (!issued) {
    issued = newRefreshToken();
    await many(tx, insertRefreshToken, [issued, row.user_id, row.session_id, row.token]);
  }
  await many(tx, touchSession, [row.session_id, meta.userAgent?.slice(0, 512) ?? null, meta.ip]);
  const user = await one(tx, userById, [row.user_id]);
  if (!user) return { ok: false, error: authErrors.refreshTokenNotFound() };
  return { ok: true, user, sessionId: row.session_id, refreshToken: issued };
}
