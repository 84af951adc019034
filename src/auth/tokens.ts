import { createSecretKey, type KeyObject, randomBytes } from "node:crypto";
import { jwtVerify, SignJWT } from "jose";

export type ApiRole = "anon" | "authenticated" | "service_role";

/** The access token's claims, as GoTrue issues them; the same object becomes `request.jwt.claims`. */
export type AccessClaims = {
  sub: string;
  aud: "authenticated";
  role: "authenticated";
  email: string;
  phone: string;
  app_metadata: Record<string, unknown>;
  user_metadata: Record<string, unknown>;
  session_id: string;
  aal: "aal1";
  amr: { method: string; timestamp: number }[];
  is_anonymous: boolean;
  iss: string;
  iat: number;
  exp: number;
};

export interface KeyClaims {
  role: "anon" | "service_role";
  iss: string;
  iat: number;
  exp: number;
}

export type VerifiedClaims = AccessClaims | KeyClaims;

export class InvalidTokenError extends Error {
  override name = "InvalidTokenError";
}

// Project keys are stable for a given secret (as a Supabase project's are): fixed issue and expiry times.
const KEY_ISSUED_AT = 1_767_225_600; // 2026-01-01
const KEY_EXPIRES_AT = 2_082_758_400; // 2036-01-01

export class TokenService {
  // A KeyObject made once: jose would otherwise import raw key bytes again on every sign and verify.
  private readonly key: KeyObject;

  constructor(
    secret: string,
    readonly issuer: string,
    readonly expirySeconds: number,
  ) {
    this.key = createSecretKey(Buffer.from(secret, "utf8"));
  }

  async signAccess(claims: Omit<AccessClaims, "iss" | "iat" | "exp" | "aud" | "role">) {
    const iat = Math.floor(Date.now() / 1000);
    const exp = iat + this.expirySeconds;
    const token = await new SignJWT({ ...claims, aud: "authenticated", role: "authenticated" })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setIssuer(this.issuer)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(this.key);
    return { token, expiresAt: exp, expiresIn: this.expirySeconds };
  }

  /** The project keys: long-lived JWTs whose role is anon or service_role, as a Supabase project has. */
  signKey(role: "anon" | "service_role"): Promise<string> {
    return new SignJWT({ role })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setIssuer("rehearse")
      .setIssuedAt(KEY_ISSUED_AT)
      .setExpirationTime(KEY_EXPIRES_AT)
      .sign(this.key);
  }

  async projectKeys(): Promise<{ anon: string; service_role: string }> {
    return { anon: await this.signKey("anon"), service_role: await this.signKey("service_role") };
  }

  // A token verified once stays valid until it expires; clients send the same one many times.
  private readonly verified = new Map<string, VerifiedClaims>();

  /** Verifies signature (HS256 only: `alg: none` and others are refused), expiry, role and audience. */
  async verify(token: string): Promise<VerifiedClaims> {
    const known = this.verified.get(token);
    if (known && known.exp * 1000 > Date.now()) return known;
    const claims = await this.verifyUncached(token);
    if (this.verified.size >= 10_000) this.verified.clear();
    this.verified.set(token, claims);
    return claims;
  }

  private async verifyUncached(token: string): Promise<VerifiedClaims> {
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, this.key, { algorithms: ["HS256"], clockTolerance: 5 }));
    } catch (error) {
      const reason =
        (error as { code?: string }).code === "ERR_JWT_EXPIRED" ? "token is expired" : "invalid JWT";
      throw new InvalidTokenError(reason);
    }
    const role = payload.role;
    if (role === "anon" || role === "service_role") return payload as unknown as KeyClaims;
    if (role !== "authenticated") throw new InvalidTokenError("invalid JWT: unknown role");
    const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    if (!audiences.includes("authenticated")) throw new InvalidTokenError("invalid JWT: wrong audience");
    if (typeof payload.sub !== "string" || typeof payload.session_id !== "string") {
      throw new InvalidTokenError("invalid JWT: missing sub or session_id");
    }
    return payload as unknown as AccessClaims;
  }
}

/** Refresh tokens are opaque random strings (12 bytes → 16 characters, like GoTrue's). */
export function newRefreshToken(): string {
  return randomBytes(12).toString("base64url");
}
