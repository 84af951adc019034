import { createSecretKey, type KeyObject } from "node:crypto";
import { jwtVerify, SignJWT } from "jose";
import { storageErrors } from "./errors.ts";

/**
 * Signed URLs as Supabase Storage makes them: a JWT whose `url` claim names exactly one object
 * (`bucket/name`), signed with the server's secret, valid for `expiresIn` seconds.
 */
export class UrlSigner {
  private readonly key: KeyObject;

  constructor(secret: string) {
    this.key = createSecretKey(Buffer.from(secret, "utf8"));
  }

  sign(bucket: string, name: string, expiresIn: number): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ url: `${bucket}/${name}` })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setIssuedAt(now)
      .setExpirationTime(now + expiresIn)
      .sign(this.key);
  }

  /** Throws unless the token is genuine, unexpired and for exactly this object. */
  async verify(token: string, bucket: string, name: string): Promise<void> {
    let url: unknown;
    try {
      ({
        payload: { url },
      } = await jwtVerify(token, this.key, { algorithms: ["HS256"] }));
    } catch (error) {
      const expired = (error as { code?: string }).code === "ERR_JWT_EXPIRED";
      throw storageErrors.invalidSignature(
        expired ? "The signed URL has expired" : "The signature is invalid",
      );
    }
    if (url !== `${bucket}/${name}`)
      throw storageErrors.invalidSignature("The signed URL is for another object");
  }
}
