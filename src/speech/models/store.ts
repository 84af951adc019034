/**
 * Speech models on disk: DATA_DIR/models holds whisper.cpp GGML files (ggml-base.en.bin…) that
 * `rehearse models pull whisper NAME` downloads from their public home (catalog.json), checked against a
 * pinned sha256.
 *
 * A download goes to `<file>.part` and is streamed to disk while its sha256 is computed; an interrupted one
 * is resumed with an HTTP Range request (the part's bytes are hashed first). Only a file whose sha256
 * matches gets the final name (an atomic rename), next to a `<file>.sha256` record in `sha256sum` format,
 * which is what `verified` in listModels means. A file dropped into the folder by hand is used too
 * (findModel), and shows as not verified until `models list --verify` has hashed it.
 */
import { createHash, type Hash } from "node:crypto";
import { createReadStream, readFileSync, statSync } from "node:fs";
import {
  type FileHandle,
  mkdir,
  open,
  readdir,
  readFile,
  rename,
  stat,
  statfs,
  unlink,
  writeFile,
} from "node:fs/promises";
import path from "node:path";
import { z } from "zod";

// ---------------------------------------------------------------------------------------------------------
// The catalog

export interface CatalogEntry {
  /** What the user types: "base.en". */
  name: string;
  engine: "whisper";
  /** The file name in DATA_DIR/models: "ggml-base.en.bin". */
  file: string;
  url: string;
  /** Exact size in bytes, or null when unknown (nothing depends on it then but the early space check). */
  size: number | null;
  /** Lower-case hex. */
  sha256: string;
  sha1?: string;
}

const catalogSchema = z.object({
  models: z.array(
    z.object({
      name: z.string().regex(/^[a-z0-9.-]+$/),
      engine: z.literal("whisper"),
      file: z.string().regex(/^[A-Za-z0-9._-]+\.bin$/),
      url: z.string().regex(/^https?:\/\/\S+$/),
      size: z.number().int().positive().nullable(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      sha1: z
        .string()
        .regex(/^[0-9a-f]{40}$/)
        .optional(),
    }),
  ),
});

/** The models that can be pulled, smallest first (catalog.json). */
export const CATALOG: readonly CatalogEntry[] = Object.freeze(
  catalogSchema.parse(JSON.parse(readFileSync(new URL("./catalog.json", import.meta.url), "utf8"))).models,
);

export function catalogEntry(
  name: string,
  catalog: readonly CatalogEntry[] = CATALOG,
): CatalogEntry | undefined {
  return catalog.find((entry) => entry.name === name);
}

// ---------------------------------------------------------------------------------------------------------
// Errors

export type ModelDownloadErrorCode =
  | "checksum_mismatch"
  | "no_space"
  | "http_error"
  | "unknown_model"
  | "interrupted";

/**
 * Every way pullModel fails that is not a bug. `code` is stable; the message is one line, for people.
 * http_error: no response (the host could not be reached) or a status other than 200/206/416.
 * interrupted: the connection broke, stalled or was cancelled mid-way; the `.part` is kept for a resume.
 */
export class ModelDownloadError extends Error {
  override name = "ModelDownloadError";
  readonly code: ModelDownloadErrorCode;
  /** The HTTP status, for http_error with a response. */
  readonly status: number | undefined;

  constructor(code: ModelDownloadErrorCode, message: string, options?: { cause?: unknown; status?: number }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options?.status;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Where models live, and what is there

export function modelsDir(dataDir: string): string {
  return path.resolve(dataDir, "models");
}

export interface ModelStatus {
  /** The catalog name, or for a .bin file the catalog does not know, its name without "ggml-" and ".bin". */
  name: string;
  engine: "whisper";
  file: string;
  /** Absolute path of the final file (whether or not it is there). */
  path: string;
  /** In the catalog, so it can be pulled. */
  known: boolean;
  /** The final file is there. */
  present: boolean;
  /** Its size on disk, when present. */
  bytes: number | null;
  /** The catalog's size. */
  expectedBytes: number | null;
  /** Present, and its sha256 was checked against the catalog (by a pull, or listModels with verify). */
  verified: boolean;
  /** Bytes of an unfinished download (`<file>.part`) that a pull would resume, or null. */
  partialBytes: number | null;
  url: string | null;
}

export interface ListOptions {
  catalog?: readonly CatalogEntry[];
  /** Hash present files that have no valid sha256 record (and write one when they match). */
  verify?: boolean;
}

/** The catalog's models (present or not, in catalog order), then any other .bin file in the folder. */
export async function listModels(dataDir: string, options: ListOptions = {}): Promise<ModelStatus[]> {
  const catalog = options.catalog ?? CATALOG;
  const dir = modelsDir(dataDir);
  const files = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [] as string[];
    throw error;
  });
  const result: ModelStatus[] = [];
  for (const entry of catalog) {
    const file = path.join(dir, entry.file);
    const size = await fileSize(file);
    let verified = size !== null && (await hasValidRecord(file, entry, size));
    if (!verified && size !== null && options.verify && (entry.size === null || size === entry.size)) {
      verified = (await hashFile(file, createHash("sha256"))).digest("hex") === entry.sha256;
      if (verified) await writeRecord(file, entry.sha256);
    }
    const part = await fileSize(`${file}.part`);
    result.push({
      name: entry.name,
      engine: entry.engine,
      file: entry.file,
      path: file,
      known: true,
      present: size !== null,
      bytes: size,
      expectedBytes: entry.size,
      verified,
      partialBytes: part,
      url: entry.url,
    });
  }
  const knownFiles = new Set(catalog.map((entry) => entry.file));
  for (const name of files.sort()) {
    if (!name.endsWith(".bin") || knownFiles.has(name)) continue;
    const file = path.join(dir, name);
    const size = await fileSize(file);
    if (size === null) continue;
    result.push({
      name: name.replace(/^ggml-/, "").replace(/\.bin$/, ""),
      engine: "whisper",
      file: name,
      path: file,
      known: false,
      present: true,
      bytes: size,
      expectedBytes: null,
      verified: false,
      partialBytes: null,
      url: null,
    });
  }
  return result;
}

/**
 * The path of model NAME in DATA_DIR/models when its file is there and complete (the catalog's size, when
 * the catalog has one), else undefined. Synchronous (one stat), for start-up decisions.
 */
export function findModel(
  dataDir: string,
  name: string,
  catalog: readonly CatalogEntry[] = CATALOG,
): string | undefined {
  const entry = catalogEntry(name, catalog);
  if (!entry) return undefined;
  const file = path.join(modelsDir(dataDir), entry.file);
  try {
    const info = statSync(file);
    if (!info.isFile() || info.size === 0) return undefined;
    return entry.size === null || info.size === entry.size ? file : undefined;
  } catch {
    return undefined;
  }
}

/** The largest catalog model that findModel finds (catalog order is smallest first), or undefined. */
export function bestModel(
  dataDir: string,
  catalog: readonly CatalogEntry[] = CATALOG,
): { name: string; path: string } | undefined {
  for (const entry of [...catalog].reverse()) {
    const found = findModel(dataDir, entry.name, catalog);
    if (found) return { name: entry.name, path: found };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Pulling

export interface PullProgress {
  name: string;
  /** Bytes in the `.part` so far, including those a resume started from. */
  receivedBytes: number;
  /** The whole file's size, when known (catalog, Content-Length or Content-Range). */
  totalBytes: number | null;
  /** Where this download (re)started: the `.part`'s size when the server accepted the Range, else 0. */
  resumedFrom: number;
  /** Average speed of this call's transfer. */
  bytesPerSecond: number;
}

export interface PullOptions {
  name: string;
  dataDir: string;
  /** Another download URL for the model (a mirror; tests). */
  url?: string;
  /** Another catalog (tests). */
  catalog?: readonly CatalogEntry[];
  fetch?: typeof globalThis.fetch;
  /** Called after each chunk is on disk. */
  onProgress?: (progress: PullProgress) => void;
  /** Aborting keeps the `.part` (code "interrupted"). */
  signal?: AbortSignal;
  /** No byte for this long ends the attempt as "interrupted"; default 60 s. */
  idleTimeoutMs?: number;
}

export interface PullResult {
  name: string;
  path: string;
  bytes: number;
  sha256: string;
  /** The `.part` size a resume started from (0 for a fresh download). */
  resumedFrom: number;
  /** The model was already there and verified; nothing was downloaded. */
  alreadyPresent: boolean;
}

const MB = 1_000_000;
const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;

/** Downloads (or resumes) model NAME into DATA_DIR/models and verifies it; see the top of this file. */
export async function pullModel(options: PullOptions): Promise<PullResult> {
  const catalog = options.catalog ?? CATALOG;
  const entry = catalogEntry(options.name, catalog);
  if (!entry) {
    throw new ModelDownloadError(
      "unknown_model",
      `unknown model "${options.name}"; known models: ${catalog.map((e) => e.name).join(", ")}`,
    );
  }
  const dir = modelsDir(options.dataDir);
  await mkdir(dir, { recursive: true });
  const finalPath = path.join(dir, entry.file);
  const partPath = `${finalPath}.part`;
  const url = options.url ?? entry.url;
  const fetchImpl = options.fetch ?? globalThis.fetch;

  // Already there: verified before, or a file put here by hand that turns out to be the right one.
  const existing = await fileSize(finalPath);
  if (existing !== null && (entry.size === null || existing === entry.size)) {
    const present = {
      name: entry.name,
      path: finalPath,
      bytes: existing,
      sha256: entry.sha256,
      resumedFrom: 0,
      alreadyPresent: true,
    };
    if (await hasValidRecord(finalPath, entry, existing)) return present;
    if ((await hashFile(finalPath, createHash("sha256"))).digest("hex") === entry.sha256) {
      await writeRecord(finalPath, entry.sha256);
      return present;
    }
    // Not the catalog's file: download it; the verified download replaces it.
  }

  const finish = async (hash: Hash, bytes: number, resumedFrom: number): Promise<PullResult> => {
    const got = hash.digest("hex");
    if (got !== entry.sha256) {
      await unlink(partPath).catch(() => {});
      throw new ModelDownloadError(
        "checksum_mismatch",
        `${entry.file} failed verification: expected sha256 ${entry.sha256}, got ${got} (${bytes} bytes${resumedFrom ? `, resumed at ${resumedFrom}` : ""}); the download was deleted, run the command again to download it afresh`,
      );
    }
    await writeRecord(finalPath, entry.sha256);
    await rename(partPath, finalPath);
    return { name: entry.name, path: finalPath, bytes, sha256: got, resumedFrom, alreadyPresent: false };
  };

  // At most three requests: a resume, and a fresh start when the server cannot continue the part.
  for (let attempt = 0; attempt < 3; attempt++) {
    let partSize = (await regularFileSize(partPath)) ?? 0;
    if (entry.size !== null && partSize > entry.size) {
      await unlink(partPath);
      partSize = 0;
    }
    if (entry.size !== null && partSize === entry.size) {
      return finish(await hashFile(partPath, createHash("sha256")), partSize, partSize);
    }
    if (entry.size !== null) await ensureSpace(dir, entry.size - partSize, entry);

    const idle = new AbortController();
    const signal = options.signal ? AbortSignal.any([options.signal, idle.signal]) : idle.signal;
    const idleMs = options.idleTimeoutMs ?? 60_000;
    let timer: NodeJS.Timeout | undefined;
    const touch = () => {
      clearTimeout(timer);
      timer = setTimeout(() => idle.abort(new Error(`no data for ${Math.round(idleMs / 1000)} s`)), idleMs);
      timer.unref();
    };
    const interrupted = (error: unknown, received: number) => {
      const why = idle.signal.aborted
        ? (idle.signal.reason as Error).message
        : options.signal?.aborted
          ? "cancelled"
          : describe(error);
      return new ModelDownloadError(
        "interrupted",
        `download of ${entry.name} interrupted (${why}); ${mb(received)} kept in ${partPath}, run the command again to resume`,
        { cause: error },
      );
    };

    try {
      touch();
      let response: Response;
      try {
        response = await fetchImpl(url, {
          headers: partSize > 0 ? { range: `bytes=${partSize}-` } : {},
          redirect: "follow",
          signal,
        });
      } catch (error) {
        if (signal.aborted) throw interrupted(error, partSize);
        throw new ModelDownloadError("http_error", `could not reach ${hostOf(url)}: ${describe(error)}`, {
          cause: error,
        });
      }

      if (response.status === 416 && partSize > 0) {
        // The part already reaches the end of the file (or beyond it).
        await response.body?.cancel().catch(() => {});
        const total = parseContentRange(response.headers.get("content-range"))?.total ?? null;
        if (total !== null && partSize > total) {
          await unlink(partPath);
          continue;
        }
        return await finish(await hashFile(partPath, createHash("sha256")), partSize, partSize);
      }
      if (response.status !== 200 && response.status !== 206) {
        await response.body?.cancel().catch(() => {});
        throw new ModelDownloadError(
          "http_error",
          `downloading ${entry.name} from ${url} failed: HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`,
          { status: response.status },
        );
      }

      let resumedFrom = 0;
      if (response.status === 206) {
        const range = parseContentRange(response.headers.get("content-range"));
        if (!range || range.start !== partSize) {
          // Not the continuation asked for: start over.
          await response.body?.cancel().catch(() => {});
          await unlink(partPath).catch(() => {});
          continue;
        }
        resumedFrom = partSize;
      }
      // 200 with a part: the server ignored the Range header, so the part is rewritten from byte 0.
      const length = Number(response.headers.get("content-length") ?? Number.NaN);
      const remaining = Number.isFinite(length) && length >= 0 ? length : null;
      const total =
        entry.size ??
        (resumedFrom ? parseContentRange(response.headers.get("content-range"))?.total : null) ??
        (remaining !== null ? resumedFrom + remaining : null);

      const hash = createHash("sha256");
      if (resumedFrom) await hashFile(partPath, hash);
      const handle = await open(partPath, resumedFrom ? "a" : "w");
      let received = resumedFrom;
      let iterator: AsyncIterator<Uint8Array> | undefined;
      try {
        if (remaining !== null) await ensureSpace(dir, remaining, entry);
        const started = performance.now();
        if (response.body) {
          iterator = response.body[Symbol.asyncIterator]();
          for (;;) {
            let next: IteratorResult<Uint8Array>;
            try {
              next = await iterator.next();
            } catch (error) {
              throw interrupted(error, received);
            }
            if (next.done) break;
            touch();
            const chunk = next.value;
            hash.update(chunk);
            await writeAll(handle, chunk, dir, entry, partPath, total === null ? null : total - received);
            received += chunk.byteLength;
            const seconds = (performance.now() - started) / 1000;
            options.onProgress?.({
              name: entry.name,
              receivedBytes: received,
              totalBytes: total,
              resumedFrom,
              bytesPerSecond: seconds > 0 ? (received - resumedFrom) / seconds : 0,
            });
          }
        }
        if (signal.aborted) throw interrupted(signal.reason, received);
        await handle.sync();
      } catch (error) {
        // Stop the transfer (releases the connection); the part stays for a resume.
        if (iterator) await iterator.return?.().catch(() => {});
        else await response.body?.cancel().catch(() => {});
        throw error;
      } finally {
        await handle.close();
      }
      if (total !== null && received < total) {
        throw interrupted(new Error(`the connection closed after ${received} of ${total} bytes`), received);
      }
      return await finish(hash, received, resumedFrom);
    } finally {
      clearTimeout(timer);
    }
  }
  throw new ModelDownloadError(
    "http_error",
    `downloading ${entry.name} from ${url} failed: the server did not continue the partial download or send the file from the start`,
  );
}

// ---------------------------------------------------------------------------------------------------------
// Helpers

async function writeAll(
  handle: FileHandle,
  chunk: Uint8Array,
  dir: string,
  entry: CatalogEntry,
  partPath: string,
  stillNeeded: number | null,
): Promise<void> {
  try {
    let offset = 0;
    while (offset < chunk.byteLength) {
      const { bytesWritten } = await handle.write(chunk, offset, chunk.byteLength - offset);
      offset += bytesWritten;
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "ENOSPC" && code !== "EDQUOT") throw error;
    const free = await freeBytes(dir).catch(() => null);
    throw new ModelDownloadError(
      "no_space",
      `ran out of disk space writing ${entry.file} in ${dir}: ${stillNeeded === null ? "more space is" : `${mb(stillNeeded)} more is`} needed${free === null ? "" : `, ${mb(free)} free`}; the partial download is kept in ${partPath}, free some space and run the command again to resume`,
      { cause: error },
    );
  }
}

async function ensureSpace(dir: string, needed: number, entry: CatalogEntry): Promise<void> {
  const free = await freeBytes(dir);
  if (needed > free) {
    throw new ModelDownloadError(
      "no_space",
      `not enough disk space in ${dir} for ${entry.name}: ${mb(needed)} needed, ${mb(free)} free`,
    );
  }
}

async function freeBytes(dir: string): Promise<number> {
  const info = await statfs(dir);
  return Number(info.bavail) * Number(info.bsize);
}

async function fileSize(file: string): Promise<number | null> {
  try {
    const info = await stat(file);
    return info.isFile() ? info.size : null;
  } catch {
    return null;
  }
}

/** A `.part` that is a regular file: anything else (a device, say) is written from the start. */
async function regularFileSize(file: string): Promise<number | null> {
  try {
    const info = await stat(file);
    return info.isFile() ? info.size : 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

function hashFile(file: string, hash: Hash): Promise<Hash> {
  return new Promise((resolve, reject) => {
    const stream = createReadStream(file);
    stream.on("data", (chunk) => hash.update(chunk));
    stream.on("error", reject);
    stream.on("end", () => resolve(hash));
  });
}

/** `<file>.sha256`, as `sha256sum` writes it, so `sha256sum -c` checks it too. */
async function writeRecord(file: string, sha256: string): Promise<void> {
  const record = `${file}.sha256`;
  await writeFile(`${record}.tmp`, `${sha256}  ${path.basename(file)}\n`);
  await rename(`${record}.tmp`, record);
}

async function hasValidRecord(file: string, entry: CatalogEntry, size: number): Promise<boolean> {
  if (entry.size !== null && size !== entry.size) return false;
  try {
    const [recorded] = (await readFile(`${file}.sha256`, "utf8")).trim().split(/\s+/);
    return recorded === entry.sha256;
  } catch {
    return false;
  }
}

function parseContentRange(
  header: string | null,
): { start: number | null; end: number | null; total: number | null } | undefined {
  const match = header ? /^bytes\s+(?:(\d+)-(\d+)|\*)\/(\d+|\*)$/i.exec(header.trim()) : null;
  if (!match) return undefined;
  const number = (value: string | undefined) => (value === undefined || value === "*" ? null : Number(value));
  return { start: number(match[1]), end: number(match[2]), total: number(match[3]) };
}

function describe(error: unknown): string {
  const cause = (error as { cause?: unknown })?.cause;
  const message = error instanceof Error ? error.message : String(error);
  const detail = cause instanceof Error ? cause.message : undefined;
  return detail && detail !== message ? `${message}: ${detail}` : message;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
