import {
  CATALOG,
  listModels,
  ModelDownloadError,
  type ModelStatus,
  modelsDir,
  type PullProgress,
  pullModel,
} from "../speech/models/store.ts";

// `rehearse models pull whisper NAME` and `rehearse models list [--json] [--verify]`: speech models in
// DATA_DIR/models. No database needed.

const NAMES = CATALOG.map((entry) => entry.name).join("|");
export const MODELS_USAGE = `usage: rehearse models pull whisper ${NAMES} | rehearse models list [--json] [--verify]`;

/** What the user gets wrong or the download hits (one line each): main prints it without a stack trace. */
export class ModelsCommandError extends Error {
  override name = "ModelsCommandError";
}

export interface ModelsIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  signal?: AbortSignal;
}

export async function runModels(
  args: string[],
  dataDir: string,
  io: ModelsIo = { stdout: process.stdout, stderr: process.stderr },
): Promise<void> {
  const [action, ...rest] = args;
  if (action === "list") return list(rest, dataDir, io);
  if (action === "pull") return pull(rest, dataDir, io);
  throw new ModelsCommandError(MODELS_USAGE);
}

async function list(args: string[], dataDir: string, io: ModelsIo): Promise<void> {
  const unknown = args.find((arg) => arg !== "--json" && arg !== "--verify");
  if (unknown) throw new ModelsCommandError(`unknown option ${unknown}; ${MODELS_USAGE}`);
  const models = await listModels(dataDir, { verify: args.includes("--verify") });
  const dir = modelsDir(dataDir);
  if (args.includes("--json")) {
    io.stdout.write(`${JSON.stringify({ dir, models }, null, 2)}\n`);
    return;
  }
  const rows = models.map((model) => [model.name, model.file, size(model), status(model)]);
  const header = ["NAME", "FILE", "SIZE", "STATUS"];
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => (row[i] ?? "").length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i < cells.length - 1 ? cell.padEnd(widths[i] ?? 0) : cell))
      .join("  ")
      .trimEnd();
  io.stdout.write(
    `Speech models in ${dir}:\n${[header, ...rows].map((row) => `  ${line(row)}`).join("\n")}\n`,
  );
  const missing = models.filter((model) => model.known && !model.present).map((model) => model.name);
  if (missing.length)
    io.stdout.write(`\nPull one with: bin/rehearse models pull whisper ${missing.join("|")}\n`);
}

function size(model: ModelStatus): string {
  if (model.bytes !== null) return megabytes(model.bytes);
  return model.expectedBytes !== null ? `(${megabytes(model.expectedBytes)})` : "";
}

function status(model: ModelStatus): string {
  if (model.present) {
    if (model.verified) return "present, sha256 verified";
    if (!model.known) return "present, not in the catalog (not verified)";
    if (model.expectedBytes !== null && model.bytes !== model.expectedBytes)
      return `present, wrong size (expected ${model.expectedBytes} bytes): pull it again`;
    return "present, not verified (models list --verify checks it)";
  }
  if (model.partialBytes !== null)
    return `partial download, ${megabytes(model.partialBytes)}${model.expectedBytes ? ` of ${megabytes(model.expectedBytes)}` : ""}: pull again to resume`;
  return "can be pulled";
}

async function pull(args: string[], dataDir: string, io: ModelsIo): Promise<void> {
  const [engine, name, ...extra] = args;
  if (!engine || !name || extra.length) throw new ModelsCommandError(MODELS_USAGE);
  if (engine !== "whisper")
    throw new ModelsCommandError(`unknown engine "${engine}": only whisper models can be pulled (${NAMES})`);

  // Ctrl-C stops the transfer cleanly: the part stays and the next pull resumes it.
  const cancel = new AbortController();
  const onSignal = () => cancel.abort();
  if (!io.signal) {
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
  }
  const progress = new ProgressReporter(io.stderr);
  try {
    const result = await pullModel({
      name,
      dataDir,
      signal: io.signal ?? cancel.signal,
      onProgress: (p) => progress.update(p),
    });
    progress.done();
    io.stdout.write(
      result.alreadyPresent
        ? `${result.name} is already in ${result.path} (${megabytes(result.bytes)}, sha256 verified)\n`
        : `Saved ${result.name} to ${result.path} (${megabytes(result.bytes)}, sha256 verified)\n`,
    );
  } catch (error) {
    progress.done();
    if (error instanceof ModelDownloadError) throw new ModelsCommandError(error.message, { cause: error });
    throw error;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

function megabytes(bytes: number): string {
  return bytes < 100_000 ? `${(bytes / 1000).toFixed(1)} kB` : `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/**
 * On a terminal: one line redrawn at most 10 times a second (bar, percentage, MB done/total, speed).
 * Otherwise (a log, a pipe): a plain line at the start and every 5 seconds.
 */
export class ProgressReporter {
  private last = 0;
  private current: PullProgress | undefined;
  private readonly samples: { at: number; bytes: number }[] = [];

  constructor(private readonly out: ModelsIo["stderr"]) {}

  update(progress: PullProgress): void {
    const now = performance.now();
    const first = !this.current;
    this.current = progress;
    this.samples.push({ at: now, bytes: progress.receivedBytes });
    while (this.samples.length > 2 && now - (this.samples[0]?.at ?? now) > 5000) this.samples.shift();
    if (this.out.isTTY) {
      if (first || now - this.last >= 100) this.draw(now);
    } else if (first) {
      this.last = now;
      this.out.write(
        progress.resumedFrom
          ? `Resuming ${progress.name} at ${megabytes(progress.resumedFrom)}${progress.totalBytes ? ` of ${megabytes(progress.totalBytes)}` : ""}\n`
          : `Downloading ${progress.name}${progress.totalBytes ? ` (${megabytes(progress.totalBytes)})` : ""}\n`,
      );
    } else if (now - this.last >= 5000) {
      this.last = now;
      this.out.write(`${this.text()}\n`);
    }
  }

  done(): void {
    if (!this.current) return;
    if (this.out.isTTY) {
      this.draw(performance.now());
      this.out.write("\n");
    } else {
      this.out.write(`${this.text()}\n`);
    }
    this.current = undefined;
  }

  private speed(): number {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || !last || last.at <= first.at) return this.current?.bytesPerSecond ?? 0;
    return ((last.bytes - first.bytes) / (last.at - first.at)) * 1000;
  }

  private text(): string {
    const p = this.current;
    if (!p) return "";
    const percent = p.totalBytes ? `${Math.floor((p.receivedBytes / p.totalBytes) * 100)}%` : "";
    const amount = `${(p.receivedBytes / 1_000_000).toFixed(1)}${p.totalBytes ? `/${(p.totalBytes / 1_000_000).toFixed(1)}` : ""} MB`;
    return [p.name, percent, amount, `${megabytes(this.speed())}/s`].filter(Boolean).join("  ");
  }

  private draw(now: number): void {
    this.last = now;
    const p = this.current;
    if (!p) return;
    const width = 30;
    const filled = p.totalBytes ? Math.min(width, Math.round((p.receivedBytes / p.totalBytes) * width)) : 0;
    const bar = p.totalBytes ? `[${"#".repeat(filled)}${"-".repeat(width - filled)}]  ` : "";
    let line = `${bar}${this.text()}`;
    const columns = this.out.columns ?? 80;
    if (line.length > columns - 1) line = line.slice(0, columns - 1);
    this.out.write(`\r${line}\x1b[K`);
  }
}
