import { createHash, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { copyFile, link, mkdir, readdir, rename, rm, rmdir, stat } from "node:fs/promises";
import path from "node:path";
import { type Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import v8 from "node:v8";
import vm from "node:vm";
import { storageErrors } from "../errors.ts";
import type { ObjectRef, Received, StorageBackend } from "./backend.ts";

const HEAD_BYTES = 4100;

// Socket reads arrive as 64 KiB buffers that V8 frees only when external-memory pressure triggers a GC
// (about 32 MB on Node 20), so a 50 MB upload would hold ~30 MB of garbage at its peak. A cheap young-
// generation collection every few MiB keeps large uploads within a small, fixed footprint.
v8.setFlagsFromString("--expose-gc");
const collect = vm.runInNewContext("gc") as (options?: { type: "minor" | "major" }) => void;
const COLLECT_EVERY = 8 * 1024 * 1024;

/**
 * Bytes on the local disk: DATA_DIR/storage/objects/<bucket>/<hh>/<sha256 of name>/<version>. Hashing the
 * name keeps any valid object name (unicode, 1024 bytes) a safe path; a version per upload lets a row and
 * its bytes change together.
 */
export class LocalBackend implements StorageBackend {
  private readonly objects: string;
  private readonly temp: string;

  constructor(root: string) {
    this.objects = path.join(root, "objects");
    this.temp = path.join(root, "tmp");
  }

  private dirOf(bucket: string, name: string): string {
    const hash = createHash("sha256").update(name).digest("hex");
    return path.join(this.objects, bucket, hash.slice(0, 2), hash);
  }

  private fileOf(ref: ObjectRef): string {
    return path.join(this.dirOf(ref.bucket, ref.name), ref.version);
  }

  async receive(body: Readable, limit: number): Promise<Received> {
    await mkdir(this.temp, { recursive: true });
    const temp = path.join(this.temp, randomUUID());
    const hash = createHash("sha256");
    const head: Buffer[] = [];
    let headLength = 0;
    let size = 0;
    let sinceCollect = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        size += chunk.length;
        sinceCollect += chunk.length;
        if (sinceCollect >= COLLECT_EVERY) {
          sinceCollect = 0;
          collect({ type: "minor" });
        }
        // Refuse as soon as the limit is passed, without reading (or storing) the rest.
        if (size > limit) return callback(storageErrors.tooLarge(limit));
        hash.update(chunk);
        if (headLength < HEAD_BYTES) {
          head.push(chunk.subarray(0, HEAD_BYTES - headLength));
          headLength += Math.min(chunk.length, HEAD_BYTES - headLength);
        }
        callback(null, chunk);
      },
    });
    try {
      await pipeline(
        body,
        meter,
        createWriteStream(temp, { flags: "wx", mode: 0o600, highWaterMark: 1 << 20 }),
      );
    } catch (error) {
      await rm(temp, { force: true });
      if ((error as { status?: number }).status === 413) throw error;
      throw storageErrors.aborted();
    }
    if ((body as { aborted?: boolean }).aborted) {
      await rm(temp, { force: true });
      throw storageErrors.aborted();
    }
    return { temp, size, sha256: hash.digest("hex"), head: Buffer.concat(head) };
  }

  async place(temp: string, ref: ObjectRef): Promise<void> {
    const file = this.fileOf(ref);
    await mkdir(path.dirname(file), { recursive: true });
    await rename(temp, file);
  }

  async discard(temp: string): Promise<void> {
    await rm(temp, { force: true });
  }

  async size(ref: ObjectRef): Promise<number> {
    return (await stat(this.fileOf(ref))).size;
  }

  read(ref: ObjectRef, range?: { start: number; end: number }): Readable {
    return createReadStream(this.fileOf(ref), range ? { start: range.start, end: range.end } : {});
  }

  async copy(from: ObjectRef, to: ObjectRef): Promise<void> {
    const target = this.fileOf(to);
    await mkdir(path.dirname(target), { recursive: true });
    // A hard link costs nothing and the bytes are immutable per version; copy across file systems.
    await link(this.fileOf(from), target).catch(() => copyFile(this.fileOf(from), target));
  }

  async remove(ref: ObjectRef): Promise<void> {
    const file = this.fileOf(ref);
    await rm(file, { force: true });
    await rmdir(path.dirname(file)).catch(() => {});
  }

  /**
   * Removes temp files and version files that no row refers to, once older than `graceMs` (an upload in
   * flight places its file just before its row commits).
   */
  async sweep(live: Set<string>, graceMs: number): Promise<number> {
    const cutoff = Date.now() - graceMs;
    let removed = 0;
    const old = async (file: string) =>
      (await stat(file).catch(() => undefined))?.mtimeMs ?? Number.POSITIVE_INFINITY;
    for (const entry of await readdir(this.temp).catch(() => [] as string[])) {
      const file = path.join(this.temp, entry);
      if ((await old(file)) < cutoff) {
        await rm(file, { force: true });
        removed++;
      }
    }
    for (const bucket of await readdir(this.objects).catch(() => [] as string[])) {
      for (const prefix of await readdir(path.join(this.objects, bucket)).catch(() => [] as string[])) {
        for (const hash of await readdir(path.join(this.objects, bucket, prefix)).catch(
          () => [] as string[],
        )) {
          const dir = path.join(this.objects, bucket, prefix, hash);
          for (const version of await readdir(dir).catch(() => [] as string[])) {
            const file = path.join(dir, version);
            if (!live.has(`${bucket}/${hash}/${version}`) && (await old(file)) < cutoff) {
              await rm(file, { force: true });
              removed++;
            }
          }
          await rmdir(dir).catch(() => {});
        }
      }
    }
    return removed;
  }

  /** The key the sweep compares against: bucket, hash of the name, version. */
  liveKey(ref: ObjectRef): string {
    return `${ref.bucket}/${createHash("sha256").update(ref.name).digest("hex")}/${ref.version}`;
  }
}
