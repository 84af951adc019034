import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import type { Caller } from "../auth/service.ts";
import type { Pool } from "../db/pool.ts";
import { one } from "../db/query.ts";
import { asUser } from "../db/scopes.ts";
import { AppError } from "../errors.ts";
import { canonicalType } from "../storage/mime.ts";
import type { ObjectStore } from "../storage/objects.ts";
import { ownProfile, type ProfileRow, updateOwnProfile } from "./queries.ts";

const BUCKET = "profile-pictures";
const EXTENSIONS: Record<string, string> = { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp" };

/**
 * Stores a new profile picture in the public bucket, points the profile at it, then removes the old one.
 * Every step runs as the user, so the bucket's policies and limits (5 MB, jpeg/png/webp) apply.
 */
export async function replacePicture(
  pool: Pool,
  store: ObjectStore,
  caller: Extract<Caller, { kind: "user" }>,
  upload: { body: Readable; contentType: string | undefined },
  publicBase: string,
): Promise<ProfileRow> {
  const extension = EXTENSIONS[canonicalType(upload.contentType) ?? ""] ?? "img";
  const name = `${caller.user.id}/avatar-${randomUUID()}.${extension}`;
  await store.upload(caller, {
    bucketId: BUCKET,
    name,
    body: upload.body,
    contentType: upload.contentType,
    cacheControl: "max-age=31536000, immutable",
    upsert: false,
  });
  const url = `${publicBase}/storage/v1/object/public/${BUCKET}/${name.split("/").map(encodeURIComponent).join("/")}`;
  const { previous, updated } = await asUser(pool, caller.claims, async (tx) => {
    const before = await one(tx, ownProfile);
    const after = await one(tx, updateOwnProfile(["profile_picture_url"]), [url]);
    return { previous: before?.profile_picture_url ?? null, updated: after };
  });
  if (!updated) throw new AppError("not_found", "You have no profile yet.");
  const oldName = previous ? pictureName(previous, publicBase) : undefined;
  if (oldName && oldName !== name) await store.remove(caller, BUCKET, [oldName]).catch(() => []);
  return updated;
}

/** The object name behind one of our public picture URLs, or undefined for anything else. */
function pictureName(url: string, publicBase: string): string | undefined {
  const prefix = `${publicBase}/storage/v1/object/public/${BUCKET}/`;
  if (!url.startsWith(prefix)) return undefined;
  return url.slice(prefix.length).split("/").map(decodeURIComponent).join("/");
}
