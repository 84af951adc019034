import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import type { Caller } from "../auth/service.ts";
import type { Pool } from "../db/pool.ts";
import { many, one } from "../db/query.ts";
import { asService, asUser } from "../db/scopes.ts";
import { AppError } from "../errors.ts";
import type { JobRunner } from "../jobs/runner.ts";
import type { ObjectStore } from "../storage/objects.ts";
import type { UrlSigner } from "../storage/signing.ts";
import { setting } from "../system/settings.ts";
import { resumeAnalysisJob } from "./analysis-job.ts";
import {
  activateResume,
  deactivateOthers,
  deleteResume,
  insertResume,
  ownAnalysis,
  ownResume,
  ownResumes,
  queueAnalysis,
  type ResumeRow,
  renameResume,
} from "./queries.ts";

type User = Extract<Caller, { kind: "user" }>;

const BUCKET = "resumes";
const MB = 1024 * 1024;

export interface ResumeDependencies {
  pool: Pool;
  store: ObjectStore;
  signer: UrlSigner;
  /** Absent when this process runs no background jobs: analyses stay queued for another process. */
  jobs: JobRunner | undefined;
}

/** Resumes: the file in the resumes bucket, the row, and its analysis running in the background. */
export class ResumeService {
  constructor(private readonly deps: ResumeDependencies) {}

  async upload(
    caller: User,
    input: { body: Readable; contentType: string | undefined; fileName: string },
  ): Promise<ResumeRow> {
    const { pool, store } = this.deps;
    const maxMb = Number(
      await asUser(
        pool,
        caller.claims,
        async (tx) => (await one(tx, setting, ["max_resume_size_mb"]))?.setting_value ?? 10,
      ),
    );
    const id = randomUUID();
    const name = `${caller.user.id}/${id}.pdf`;
    const stored = await store.upload(caller, {
      bucketId: BUCKET,
      name,
      body: input.body,
      contentType: input.contentType,
      cacheControl: "private, max-age=0",
      upsert: false,
      maxBytes: Number.isFinite(maxMb) && maxMb > 0 ? maxMb * MB : undefined,
    });
    try {
      await asUser(pool, caller.claims, async (tx) => {
        await many(tx, deactivateOthers, [id]);
        await many(tx, insertResume, [id, cleanFileName(input.fileName), `${BUCKET}/${name}`, stored.size]);
      });
    } catch (error) {
      await store.remove(caller, BUCKET, [name]);
      throw error;
    }
    await this.queue(caller, id, null);
    return this.get(caller, id);
  }

  list(caller: User): Promise<ResumeRow[]> {
    return asUser(this.deps.pool, caller.claims, (tx) => many(tx, ownResumes));
  }

  async get(caller: User, id: string): Promise<ResumeRow> {
    const row = await asUser(this.deps.pool, caller.claims, (tx) => one(tx, ownResume, [id]));
    if (!row) throw new AppError("not_found", "There is no such resume.");
    return row;
  }

  async update(
    caller: User,
    id: string,
    patch: { file_name?: string | undefined; is_active?: boolean | undefined },
  ) {
    await this.get(caller, id);
    await asUser(this.deps.pool, caller.claims, async (tx) => {
      if (patch.file_name !== undefined) await many(tx, renameResume, [id, cleanFileName(patch.file_name)]);
      if (patch.is_active === true) await many(tx, deactivateOthers, [id]);
      if (patch.is_active !== undefined) await many(tx, activateResume, [id, patch.is_active]);
    });
    return this.get(caller, id);
  }

  /** Deletes the row (its analysis and status cascade) and the file. */
  async remove(caller: User, id: string): Promise<void> {
    const deleted = await asUser(this.deps.pool, caller.claims, (tx) => one(tx, deleteResume, [id]));
    if (!deleted) throw new AppError("not_found", "There is no such resume.");
    await this.deps.store.remove(caller, BUCKET, [deleted.file_path.replace(/^resumes\//, "")]);
  }

  async analysis(caller: User, id: string) {
    const resume = await this.get(caller, id);
    const analysis = await asUser(this.deps.pool, caller.claims, (tx) => one(tx, ownAnalysis, [id]));
    return { status: resume.status ?? "queued", reason: resume.status_reason, analysis: analysis ?? null };
  }

  async reanalyze(caller: User, id: string, roleId: string | null): Promise<ResumeRow> {
    await this.get(caller, id);
    await this.queue(caller, id, roleId);
    return this.get(caller, id);
  }

  async downloadUrl(caller: User, id: string, expiresIn = 300): Promise<{ url: string; expiresIn: number }> {
    const resume = await this.get(caller, id);
    const name = resume.file_path.replace(/^resumes\//, "");
    await this.deps.store.find(caller, BUCKET, name);
    const token = await this.deps.signer.sign(BUCKET, name, expiresIn);
    return { url: `/storage/v1/object/sign/${BUCKET}/${name}?token=${token}`, expiresIn };
  }

  private async queue(caller: User, id: string, roleId: string | null): Promise<void> {
    await asService(this.deps.pool, (tx) => many(tx, queueAnalysis, [id, caller.user.id, roleId]));
    await this.deps.jobs?.send(resumeAnalysisJob, { resumeId: id, roleId }, id);
  }
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we remove
const CONTROL = /[\u0000-\u001f\u007f]/g;

function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop()?.normalize("NFC").replace(CONTROL, "").trim() ?? "";
  return (base || "resume.pdf").slice(0, 255);
}
