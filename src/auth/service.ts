import { randomUUID } from "node:crypto";
import { insertProfile, syncProfileEmail, syncProfileName } from "../accounts/queries.ts";
import type { Config } from "../config.ts";
import type { Pool } from "../db/pool.ts";
import { many, one } from "../db/query.ts";
import { asService } from "../db/scopes.ts";
import type { Logger } from "../logger.ts";
import { AuthError, authErrors } from "./errors.ts";
import type { Mailer } from "./mailer.ts";
import { composeMail, type MailKind } from "./mails.ts";
import {
  issueOneTimeToken,
  type OneTimeTokenType,
  redeemOneTimeToken,
  tokenHash,
} from "./one-time-tokens.ts";
import { hashPassword, verifyPassword, weakPasswordReasons } from "./passwords.ts";
import {
  activeSessionUser,
  confirmEmail,
  endAllSessions,
  endOtherSessions,
  endSession,
  insertUser,
  markSent,
  mergeUserMetadata,
  requestEmailChange,
  setEmail,
  setPassword,
  touchSignIn,
  type UserRow,
  userByEmail,
  userById,
} from "./queries.ts";
import { RateLimiter } from "./rate-limit.ts";
import {
  type RequestMeta,
  rotateRefreshToken,
  type SessionJson,
  type SignInMethod,
  sessionJson,
  startSession,
} from "./sessions.ts";
import { type AccessClaims, InvalidTokenError, type TokenService } from "./tokens.ts";
import { obfuscatedUser, toUserJson, type UserJson } from "./users-json.ts";

export type Caller =
  | { kind: "anon" }
  | { kind: "service" }
  | { kind: "user"; claims: AccessClaims; user: UserRow; sessionId: string };

export interface AuthDependencies {
  pool: Pool;
  tokens: TokenService;
  mailer: Mailer;
  config: Config;
  log: Logger;
}

const VERIFY_TYPES: Record<string, OneTimeTokenType> = {
  signup: "confirmation_token",
  recovery: "recovery_token",
  email_change: "email_change_token_new",
};

export const normalizeEmail = (email: string) => email.normalize("NFC").trim().toLowerCase();

/** The Supabase Auth (GoTrue) operations, over auth.users, auth.sessions and auth.refresh_tokens. */
export class AuthService {
  private readonly emailsSent: RateLimiter;
  /** Failed sign-ins per account, whatever the IP: stops a distributed guess at one password. */
  private readonly failedSignIns = new RateLimiter(10, 300);

  constructor(private readonly deps: AuthDependencies) {
    this.emailsSent = new RateLimiter(deps.config.auth.rateLimits.emailSentPerHour, 3600);
  }

  private get config() {
    return this.deps.config;
  }

  async signup(
    input: { email: string; password: string; data: Record<string, unknown> & { full_name: string } },
    meta: RequestMeta,
  ): Promise<SessionJson | UserJson> {
    const email = normalizeEmail(input.email);
    assertStrong(input.password);
    const existing = await asService(this.deps.pool, (tx) => one(tx, userByEmail, [email]));
    if (existing) return this.signupWithTakenEmail(existing, input.password, meta);

    const encrypted = await hashPassword(input.password);
    const autoconfirm = this.config.auth.autoconfirm;
    if (!autoconfirm) this.takeEmailQuota();
    const fullName = String(input.data.full_name);
    let created: { user: UserRow; session?: { sessionId: string; refreshToken: string }; otp?: Otp };
    try {
      created = await asService(this.deps.pool, async (tx) => {
        const user = await one(tx, insertUser, [
          randomUUID(),
          email,
          encrypted,
          autoconfirm ? new Date() : null,
          autoconfirm ? null : new Date(),
          { provider: "email", providers: ["email"] },
          input.data,
        ]);
        if (!user) throw new Error("insert returned no user");
        await many(tx, insertProfile, [user.id, email, fullName]);
        if (autoconfirm) return { user, session: await startSession(tx, user.id, meta) };
        return { user, otp: await issueOneTimeToken(tx, user.id, "confirmation_token", email) };
      });
    } catch (error) {
      // Two sign-ups racing for one address: the loser is treated like any taken address.
      if ((error as { cause?: { code?: string } }).cause?.code === "23505") {
        return obfuscatedUser(email, randomUUID());
      }
      throw error;
    }
    if (created.session) {
      return sessionJson(
        this.deps.tokens,
        created.user,
        created.session.sessionId,
        created.session.refreshToken,
        "password",
      );
    }
    await this.sendMail("signup", email, created.otp, "signup");
    return toUserJson(created.user);
  }

  /** Never says "taken": the right password signs in, anything else looks like a fresh sign-up. */
  private async signupWithTakenEmail(existing: UserRow, password: string, meta: RequestMeta) {
    if (existing.email_confirmed_at && (await verifyPassword(existing.encrypted_password, password))) {
      return this.openSession(existing, meta, "password");
    }
    if (!existing.email_confirmed_at) {
      this.takeEmailQuota();
      const otp = await asService(this.deps.pool, (tx) =>
        issueOneTimeToken(tx, existing.id, "confirmation_token", existing.email),
      );
      await this.sendMail("signup", existing.email, otp, "signup");
    } else if (this.emailsSent.take("global")) {
      await this.deps.mailer.send(
        composeMail("signup_attempt", existing.email, { siteUrl: this.config.siteUrl }),
      );
    }
    return obfuscatedUser(existing.email, randomUUID());
  }

  async signInWithPassword(
    input: { email: string; password: string },
    meta: RequestMeta,
  ): Promise<SessionJson> {
    const email = normalizeEmail(input.email);
    if (!this.failedSignIns.peek(email)) throw authErrors.overRequestRateLimit();
    const user = await asService(this.deps.pool, (tx) => one(tx, userByEmail, [email]));
    const valid = await verifyPassword(user?.encrypted_password, input.password);
    if (!user || !valid) {
      this.failedSignIns.take(email);
      throw authErrors.invalidCredentials();
    }
    if (!user.email_confirmed_at) throw authErrors.emailNotConfirmed();
    return this.openSession(user, meta, "password");
  }

  private async openSession(user: UserRow, meta: RequestMeta, method: SignInMethod): Promise<SessionJson> {
    const { session, fresh } = await asService(this.deps.pool, async (tx) => {
      await many(tx, touchSignIn, [user.id]);
      return { session: await startSession(tx, user.id, meta), fresh: await one(tx, userById, [user.id]) };
    });
    return sessionJson(this.deps.tokens, fresh ?? user, session.sessionId, session.refreshToken, method);
  }

  async refresh(refreshToken: string, meta: RequestMeta): Promise<SessionJson> {
    const outcome = await asService(this.deps.pool, (tx) =>
      rotateRefreshToken(tx, refreshToken, meta, this.config.auth.refreshTokenReuseSeconds),
    );
    if (!outcome.ok) throw outcome.error;
    return sessionJson(this.deps.tokens, outcome.user, outcome.sessionId, outcome.refreshToken, "password");
  }

  /** Who is calling: a verified access token with a live session, a project key, or nobody. */
  async resolveToken(token: string): Promise<Caller> {
    let claims: Awaited<ReturnType<TokenService["verify"]>>;
    try {
      claims = await this.deps.tokens.verify(token);
    } catch (error) {
      if (error instanceof InvalidTokenError) throw authErrors.badJwt(error.message);
      throw error;
    }
    if (claims.role === "anon") return { kind: "anon" };
    if (claims.role === "service_role") return { kind: "service" };
    const access = claims as AccessClaims;
    const [row] = await asService.read(this.deps.pool, activeSessionUser, [access.session_id, access.sub]);
    if (!row) throw authErrors.sessionNotFound();
    return { kind: "user", claims: access, user: row, sessionId: row.session_id };
  }

  async updateUser(
    caller: Extract<Caller, { kind: "user" }>,
    input: { email?: string; password?: string; data?: Record<string, unknown> },
  ): Promise<UserJson> {
    const userId = caller.user.id;
    let encrypted: string | undefined;
    if (input.password !== undefined) {
      assertStrong(input.password);
      if (await verifyPassword(caller.user.encrypted_password, input.password))
        throw authErrors.samePassword();
      encrypted = await hashPassword(input.password);
    }
    const newEmail = input.email === undefined ? undefined : normalizeEmail(input.email);
    const changesEmail = newEmail !== undefined && newEmail !== caller.user.email;
    const confirmAtOnce = this.config.auth.autoconfirm;
    if (changesEmail && !confirmAtOnce) this.takeEmailQuota();

    const { user, otp } = await asService(this.deps.pool, async (tx) => {
      let otp: Otp | undefined;
      if (encrypted) {
        await one(tx, setPassword, [userId, encrypted]);
        // A new password signs out every other device.
        await many(tx, endOtherSessions, [userId, caller.sessionId]);
      }
      if (input.data) {
        await one(tx, mergeUserMetadata, [userId, input.data]);
        if (typeof input.data.full_name === "string")
          await many(tx, syncProfileName, [userId, input.data.full_name]);
      }
      if (changesEmail && newEmail) {
        const holder = await one(tx, userByEmail, [newEmail]);
        if (holder && holder.id !== userId) throw authErrors.emailExists();
        if (confirmAtOnce) {
          await one(tx, setEmail, [userId, newEmail]);
          await many(tx, syncProfileEmail, [userId, newEmail]);
        } else {
          await one(tx, requestEmailChange, [userId, newEmail]);
          otp = await issueOneTimeToken(tx, userId, "email_change_token_new", newEmail);
        }
      }
      return { user: await one(tx, userById, [userId]), otp };
    });
    if (!user) throw authErrors.userNotFound();
    if (otp && newEmail) await this.sendMail("email_change", newEmail, otp, "email_change");
    return toUserJson(user);
  }

  async logout(
    caller: Extract<Caller, { kind: "user" }>,
    scope: "global" | "local" | "others",
  ): Promise<void> {
    await asService(this.deps.pool, async (tx) => {
      if (scope === "global") await many(tx, endAllSessions, [caller.user.id]);
      else if (scope === "local") await many(tx, endSession, [caller.sessionId]);
      else await many(tx, endOtherSessions, [caller.user.id, caller.sessionId]);
    });
  }

  /** Always succeeds for the caller, whether or not the address has an account. */
  async recover(emailInput: string): Promise<void> {
    const email = normalizeEmail(emailInput);
    const user = await asService(this.deps.pool, (tx) => one(tx, userByEmail, [email]));
    if (!user) return;
    this.takeEmailQuota();
    const otp = await asService(this.deps.pool, async (tx) => {
      await many(tx, markSent, [user.id, "recovery_token"]);
      return issueOneTimeToken(tx, user.id, "recovery_token", email);
    });
    await this.sendMail("recovery", email, otp, "recovery");
  }

  async verify(
    input: { type: string; token?: string; token_hash?: string; email?: string },
    meta: RequestMeta,
  ): Promise<SessionJson> {
    const tokenType = VERIFY_TYPES[input.type];
    if (!tokenType) throw authErrors.validation(`Unsupported verification type "${input.type}"`);
    let hash = input.token_hash;
    if (!hash) {
      if (!input.token || !input.email)
        throw authErrors.validation("Provide token_hash, or token with email");
      hash = tokenHash(normalizeEmail(input.email), input.token.trim());
    }
    const result = await asService(this.deps.pool, async (tx) => {
      const redeemed = await redeemOneTimeToken(tx, hash, tokenType, this.config.auth.otpExpirySeconds);
      if (!redeemed) return undefined;
      if (tokenType === "email_change_token_new") {
        const holder = await one(tx, userByEmail, [redeemed.email]);
        if (holder && holder.id !== redeemed.userId) throw authErrors.emailExists();
        await one(tx, setEmail, [redeemed.userId, redeemed.email]);
        await many(tx, syncProfileEmail, [redeemed.userId, redeemed.email]);
      } else {
        // Opening a mailed link proves the address, recovery included.
        await one(tx, confirmEmail, [redeemed.userId]);
      }
      await many(tx, touchSignIn, [redeemed.userId]);
      const session = await startSession(tx, redeemed.userId, meta);
      return { user: await one(tx, userById, [redeemed.userId]), session };
    });
    if (!result?.user) throw authErrors.otpExpired();
    const method: SignInMethod =
      tokenType === "recovery_token"
        ? "recovery"
        : tokenType === "email_change_token_new"
          ? "email_change"
          : "otp";
    return sessionJson(
      this.deps.tokens,
      result.user,
      result.session.sessionId,
      result.session.refreshToken,
      method,
    );
  }

  async resend(input: { type: "signup" | "email_change"; email: string }): Promise<void> {
    const email = normalizeEmail(input.email);
    const user = await asService(this.deps.pool, (tx) => one(tx, userByEmail, [email]));
    if (!user) return;
    if (input.type === "signup" && !user.email_confirmed_at) {
      this.takeEmailQuota();
      const otp = await asService(this.deps.pool, (tx) =>
        issueOneTimeToken(tx, user.id, "confirmation_token", email),
      );
      await this.sendMail("signup", email, otp, "signup");
    } else if (input.type === "email_change" && user.email_change) {
      this.takeEmailQuota();
      const target = user.email_change;
      const otp = await asService(this.deps.pool, (tx) =>
        issueOneTimeToken(tx, user.id, "email_change_token_new", target),
      );
      await this.sendMail("email_change", target, otp, "email_change");
    }
  }

  settings() {
    return {
      external: { email: true, phone: false, anonymous_users: false },
      disable_signup: false,
      mailer_autoconfirm: this.config.auth.autoconfirm,
      phone_autoconfirm: false,
      sms_provider: "",
      saml_enabled: false,
    };
  }

  private takeEmailQuota(): void {
    if (!this.emailsSent.take("global")) throw authErrors.overEmailSendRateLimit();
  }

  private async sendMail(kind: MailKind, to: string, otp: Otp | undefined, type: string): Promise<void> {
    await this.deps.mailer.send(
      composeMail(kind, to, { siteUrl: this.config.siteUrl, hash: otp?.hash, otp: otp?.otp, type }),
    );
  }
}

type Otp = { otp: string; hash: string };

function assertStrong(password: string): void {
  const reasons = weakPasswordReasons(password);
  if (reasons.length > 0) throw authErrors.weakPassword(reasons);
}

export { AuthError };
