import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import { fileTypeFromBuffer } from "file-type";
import { asCaller } from "../auth/scope.ts";
import type { Caller } from "../auth/service.ts";
import type { Pool } from "../db/pool.ts";
import { many, one } from "../db/query.ts";
import { asService } from "../db/scopes.ts";
import type { Logger } from "../logger.ts";
import type { ObjectRef, StorageBackend } from "./backends/backend.ts";
import { StorageError, storageErrors } from "./errors.ts";
import { baseType, canonicalType, isAllowed } from "./mime.ts";
import { validateObjectName } from "./names.ts";
import {
  allVersions,
  type BucketRow,
  bucketById,
  deleteObjects,
  insertObject,
  listBuckets,
  listLevel,
  type ObjectMetadata,
  type ObjectRow,
  objectByName,
  renameObject,
  upsertObject,
} from "./queries.ts";

export interface StorageDependencies {
  pool: Pool;
  backend: StorageBackend;
  log: Logger;
}

export interface UploadInput {
  bucketId: string;
  name: string;
  body: Readable;
  contentType: string | undefined;
  cacheControl: string | undefined;
  upsert: boolean;
  userMetadata?: Record<string, unknown> | undefined;
  /** A stricter limit than the bucket's (an app setting, say). */
  maxBytes?: number | undefined;
}

const ROLLBACK = Symbol("rollback");

/** Maps database refusals to Storage's answers: RLS → 403, a taken name → 409. */
function storageFailure(error: unknown): unknown {
  const code = (error as { cause?: { code?: string } }).cause?.code;
  if (code === "42501") return storageErrors.forbidden();
  if (code === "23505") return storageErrors.duplicate();
  return error;
}

export class ObjectStore {
  constructor(private readonly deps: StorageDependencies) {}

  buckets(caller: Caller | undefined): Promise<BucketRow[]> {
    return asCaller(this.deps.pool, caller, (tx) => many(tx, listBuckets));
  }

  async bucket(caller: Caller | undefined, bucketId: string): Promise<BucketRow> {
    const bucket = await asCaller(this.deps.pool, caller, (tx) => one(tx, bucketById, [bucketId]));
    if (!bucket) throw storageErrors.bucketNotFound();
    return bucket;
  }

  /**
   * Upload: checked against the policies before a byte is read, streamed to a temporary file within the
   * bucket's size limit, its type sniffed from the bytes, then placed under a new version and recorded in
   * one transaction. A failure at any step leaves neither a row nor a file.
   */
  async upload(caller: Caller | undefined, input: UploadInput) {
    const name = validateObjectName(input.name);
    const bucket = await this.bucket(caller, input.bucketId);
    const declared = baseType(input.contentType);
    if (!isAllowed(bucket.allowed_mime_types, declared)) {
      throw storageErrors.invalidMimeType(
        `mime type ${declared ?? input.contentType ?? "(none)"} is not supported`,
      );
    }
    const owner = caller?.kind === "user" ? caller.user.id : null;
    await this.dryRun(caller, bucket.id, name, owner, input.upsert);

    const limit = Math.min(
      bucket.file_size_limit ?? Number.MAX_SAFE_INTEGER,
      input.maxBytes ?? Number.MAX_SAFE_INTEGER,
    );
    const received = await this.deps.backend.receive(input.body, limit);
    let placed: ObjectRef | undefined;
    try {
      if (received.size === 0) throw storageErrors.empty();
      const sniffed = (await fileTypeFromBuffer(received.head))?.mime;
      if (bucket.allowed_mime_types?.length) {
        if (!sniffed || canonicalType(sniffed) !== canonicalType(declared)) {
          throw storageErrors.invalidMimeType(
            `the file's content is ${sniffed ?? "of an unknown type"}, not ${declared ?? "the declared type"}`,
          );
        }
      }
      const metadata: ObjectMetadata = {
        eTag: `"${received.sha256}"`,
        size: received.size,
        mimetype: sniffed ?? declared ?? "application/octet-stream",
        cacheControl: input.cacheControl ?? "max-age=3600",
        lastModified: new Date().toUTCString(),
        contentLength: received.size,
        httpStatusCode: 200,
      };
      placed = { bucket: bucket.id, name, version: randomUUID() };
      await this.deps.backend.place(received.temp, placed);
      const values = [bucket.id, name, owner, metadata, input.userMetadata ?? null, placed.version];
      const row = await asCaller(this.deps.pool, caller, async (tx) =>
        input.upsert
          ? one(tx, upsertObject, values)
          : { ...(await one(tx, insertObject, values)), previous: null },
      ).catch((error) => {
        throw storageFailure(error);
      });
      if (row?.previous) await this.removeBytes({ bucket: bucket.id, name, version: row.previous });
      return { Id: row?.id, Key: `${bucket.id}/${name}`, size: received.size };
    } catch (error) {
      if (placed) await this.removeBytes(placed);
      throw error;
    } finally {
      await this.deps.backend.discard(received.temp);
    }
  }

  /** Would the policies accept this object? Asked before reading the body, then rolled back. */
  private async dryRun(
    caller: Caller | undefined,
    bucketId: string,
    name: string,
    owner: string | null,
    upsert: boolean,
  ) {
    const values = [bucketId, name, owner, {}, null, "dry-run"];
    try {
      await asCaller(this.deps.pool, caller, async (tx) => {
        await one(tx, upsert ? upsertObject : insertObject, values);
        throw ROLLBACK;
      });
    } catch (error) {
      if (error !== ROLLBACK) throw storageFailure(error);
    }
  }

  async find(caller: Caller | undefined, bucketId: string, rawName: string): Promise<ObjectRow> {
    const name = validateObjectName(rawName);
    const row = await asCaller(this.deps.pool, caller, (tx) => one(tx, objectByName, [bucketId, name]));
    if (!row) throw storageErrors.notFound();
    return row;
  }

  /** For signed and public URLs, whose authority is the URL itself: the service scope reads the row. */
  async findAsService(bucketId: string, rawName: string): Promise<ObjectRow> {
    const name = validateObjectName(rawName);
    const row = await asService(this.deps.pool, (tx) => one(tx, objectByName, [bucketId, name]));
    if (!row) throw storageErrors.notFound();
    return row;
  }

  read(row: ObjectRow, range?: { start: number; end: number }): Readable {
    return this.deps.backend.read({ bucket: row.bucket_id, name: row.name, version: row.version }, range);
  }

  async remove(caller: Caller | undefined, bucketId: string, prefixes: string[]): Promise<ObjectRow[]> {
    const names = prefixes.map(validateObjectName);
    const removed = await asCaller(this.deps.pool, caller, (tx) =>
      many(tx, deleteObjects, [bucketId, names]),
    );
    for (const row of removed)
      await this.removeBytes({ bucket: row.bucket_id, name: row.name, version: row.version });
    return removed;
  }

  async list(
    caller: Caller | undefined,
    bucketId: string,
    options: { prefix: string; limit: number; offset: number; search: string; column: string; order: string },
  ) {
    await this.bucket(caller, bucketId);
    const trimmed = options.prefix.replace(/^\/+/, "");
    const prefix = trimmed === "" || trimmed.endsWith("/") ? trimmed : `${trimmed}/`;
    const pattern = `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const search = options.search.replace(/[\\%_]/g, (c) => `\\${c}`);
    return asCaller(this.deps.pool, caller, (tx) =>
      many(tx, listLevel, [
        bucketId,
        prefix,
        pattern,
        search,
        options.column,
        options.order,
        options.limit,
        options.offset,
      ]),
    );
  }

  /** Moves an object (the policies must allow updating it to its new name). */
  async move(
    caller: Caller | undefined,
    from: { bucket: string; name: string },
    to: { bucket: string; name: string },
  ) {
    const source = { bucket: from.bucket, name: validateObjectName(from.name) };
    const target = { bucket: to.bucket, name: validateObjectName(to.name) };
    const row = await this.find(caller, source.bucket, source.name);
    const copy = { bucket: target.bucket, name: target.name, version: row.version };
    await this.deps.backend.copy({ ...source, version: row.version }, copy);
    try {
      const moved = await asCaller(this.deps.pool, caller, (tx) =>
        one(tx, renameObject, [source.bucket, source.name, target.bucket, target.name]),
      ).catch((error) => {
        throw storageFailure(error);
      });
      if (!moved) throw storageErrors.forbidden();
    } catch (error) {
      await this.removeBytes(copy);
      throw error;
    }
    await this.removeBytes({ ...source, version: row.version });
  }

  /** Copies an object (read the source, insert the copy: both under the policies). */
  async copy(
    caller: Caller | undefined,
    from: { bucket: string; name: string },
    to: { bucket: string; name: string },
  ) {
    const source = await this.find(caller, from.bucket, from.name);
    const targetName = validateObjectName(to.name);
    const target: ObjectRef = { bucket: to.bucket, name: targetName, version: randomUUID() };
    await this.deps.backend.copy(
      { bucket: source.bucket_id, name: source.name, version: source.version },
      target,
    );
    try {
      const owner = caller?.kind === "user" ? caller.user.id : null;
      const row = await asCaller(this.deps.pool, caller, (tx) =>
        one(tx, insertObject, [
          to.bucket,
          targetName,
          owner,
          source.metadata,
          source.user_metadata,
          target.version,
        ]),
      ).catch((error) => {
        throw storageFailure(error);
      });
      return { Id: row?.id, Key: `${to.bucket}/${targetName}` };
    } catch (error) {
      await this.removeBytes(target);
      throw error;
    }
  }

  async removeBytes(ref: ObjectRef): Promise<void> {
    await this.deps.backend.remove(ref).catch((error) => {
      // The row is gone; the sweep will remove the file later.
      this.deps.log.warn({ err: error, bucket: ref.bucket }, "could not remove an object's bytes");
    });
  }

  /** Deletes bytes that no row refers to (crashes, lost races) and stale temporary files. */
  async sweep(graceMs = 15 * 60_000): Promise<number> {
    const rows = await asService(this.deps.pool, (tx) => many(tx, allVersions));
    const live = new Set(
      rows.map((r) => this.deps.backend.liveKey({ bucket: r.bucket_id, name: r.name, version: r.version })),
    );
    return this.deps.backend.sweep(live, graceMs);
  }
}

export { StorageError };
