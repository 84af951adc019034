import { createHash, randomBytes } from "node:crypto";
import { once } from "node:events";
import { lstat, mkdir, mkdtemp, readFile, rm, stat, statfs, symlink, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  type CatalogEntry,
  findModel,
  listModels,
  ModelDownloadError,
  modelsDir,
  pullModel,
} from "../src/speech/models/store.ts";
import { cliEnv, runCli } from "./helpers/cli.ts";

// `rehearse models pull`: downloads from a real HTTP server on loopback that serves a generated "model"
// and honours Range (or, on one route, ignores it), so resume, restart, verification and disk-full paths run
// through real sockets and a real file system.

const CONTENT = randomBytes(300 * 1024 + 123);
const SHA256 = createHash("sha256").update(CONTENT).digest("hex");
const NAME = "test.en";
const FILE = "ggml-test.en.bin";

interface Seen {
  path: string;
  range: string | undefined;
  status: number;
}

let server: Server;
let base: string;
let seen: Seen[] = [];
/** The next file response sends this many bytes, then breaks the connection once `until` settles. */
let cutNext: { after: number; until: Promise<void> } | undefined;

function serveFile(req: IncomingMessage, res: ServerResponse, honourRange: boolean): number {
  const match = honourRange ? /^bytes=(\d+)-$/.exec(req.headers.range ?? "") : null;
  let start = 0;
  if (match) {
    start = Number(match[1]);
    if (start >= CONTENT.length) {
      res.writeHead(416, { "content-range": `bytes */${CONTENT.length}` }).end();
      return 416;
    }
    res.writeHead(206, {
      "content-length": CONTENT.length - start,
      "content-range": `bytes ${start}-${CONTENT.length - 1}/${CONTENT.length}`,
      "accept-ranges": "bytes",
    });
  } else {
    res.writeHead(200, { "content-length": CONTENT.length, "accept-ranges": honourRange ? "bytes" : "none" });
  }
  const body = CONTENT.subarray(start);
  const cut = cutNext;
  cutNext = undefined;
  if (cut) {
    res.write(body.subarray(0, cut.after));
    void cut.until.then(() => res.destroy());
  } else {
    res.end(body);
  }
  return match ? 206 : 200;
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = req.url ?? "/";
    let status: number;
    if (url === "/files/model.bin") status = serveFile(req, res, true);
    else if (url === "/norange/model.bin") status = serveFile(req, res, false);
    else if (url === "/redirect/model.bin") {
      status = 302;
      res.writeHead(302, { location: "/files/model.bin" }).end();
    } else {
      status = 404;
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
    seen.push({ path: url, range: req.headers.range, status });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "rehearse-models-"));
  seen = [];
  cutNext = undefined;
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

function catalog(overrides: Partial<CatalogEntry> = {}): CatalogEntry[] {
  return [
    {
      name: NAME,
      engine: "whisper",
      file: FILE,
      url: `${base}/files/model.bin`,
      size: CONTENT.length,
      sha256: SHA256,
      ...overrides,
    },
  ];
}

const finalPath = () => path.join(modelsDir(dataDir), FILE);
const partPath = () => `${finalPath()}.part`;
const exists = (file: string) =>
  lstat(file).then(
    () => true,
    () => false,
  );

async function failure(promise: Promise<unknown>): Promise<ModelDownloadError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ModelDownloadError);
  return error as ModelDownloadError;
}

/** A `cutNext` whose connection breaks once the client has reported `after` bytes on disk. */
function cutAfter(after: number) {
  let reached!: () => void;
  const until = new Promise<void>((resolve) => {
    reached = resolve;
  });
  const fallback = setTimeout(reached, 5000);
  cutNext = { after, until: until.then(() => clearTimeout(fallback)) };
  return {
    onProgress: (p: { receivedBytes: number }) => {
      if (p.receivedBytes >= after) reached();
    },
    release: () => reached(),
  };
}

describe("pullModel", () => {
  it("downloads, verifies and renames the file; listModels and findModel see it", async () => {
    const progress: number[] = [];
    const result = await pullModel({
      name: NAME,
      dataDir,
      catalog: catalog(),
      onProgress: (p) => progress.push(p.receivedBytes),
    });
    expect(result).toMatchObject({ name: NAME, bytes: CONTENT.length, sha256: SHA256, resumedFrom: 0 });
    expect(result.alreadyPresent).toBe(false);
    expect((await readFile(finalPath())).equals(CONTENT)).toBe(true);
    expect(await exists(partPath())).toBe(false);
    expect(progress.at(-1)).toBe(CONTENT.length);
    expect(seen).toEqual([{ path: "/files/model.bin", range: undefined, status: 200 }]);

    const [listed] = await listModels(dataDir, { catalog: catalog() });
    expect(listed).toMatchObject({
      name: NAME,
      file: FILE,
      present: true,
      verified: true,
      bytes: CONTENT.length,
    });
    expect(listed?.partialBytes).toBeNull();
    expect(findModel(dataDir, NAME, catalog())).toBe(finalPath());

    // A second pull finds it verified and makes no request.
    const again = await pullModel({ name: NAME, dataDir, catalog: catalog() });
    expect(again.alreadyPresent).toBe(true);
    expect(seen).toHaveLength(1);
  });

  it("keeps the part when the connection breaks, then resumes it with a Range request (through a redirect)", async () => {
    const N = 100_000;
    const cut = cutAfter(N);
    const entry = catalog({ url: `${base}/redirect/model.bin` });
    const error = await failure(
      pullModel({ name: NAME, dataDir, catalog: entry, onProgress: cut.onProgress }),
    );
    expect(error.code).toBe("interrupted");
    expect(error.message).toMatch(/run the command again to resume/);
    expect((await stat(partPath())).size).toBe(N);
    expect(await exists(finalPath())).toBe(false);

    seen = [];
    const result = await pullModel({ name: NAME, dataDir, catalog: entry });
    expect(seen).toEqual([
      { path: "/redirect/model.bin", range: `bytes=${N}-`, status: 302 },
      { path: "/files/model.bin", range: `bytes=${N}-`, status: 206 },
    ]);
    expect(result.resumedFrom).toBe(N);
    expect(result.sha256).toBe(SHA256);
    expect(
      createHash("sha256")
        .update(await readFile(finalPath()))
        .digest("hex"),
    ).toBe(SHA256);
    expect(await exists(partPath())).toBe(false);
  });

  it("stops on the caller's signal with code interrupted and keeps the part", async () => {
    const N = 64_000;
    const cut = cutAfter(N);
    const abort = new AbortController();
    const error = await failure(
      pullModel({
        name: NAME,
        dataDir,
        catalog: catalog(),
        signal: abort.signal,
        onProgress: (p) => {
          if (p.receivedBytes >= N) abort.abort();
        },
      }),
    );
    cut.release();
    expect(error.code).toBe("interrupted");
    expect(error.message).toMatch(/cancelled/);
    expect((await stat(partPath())).size).toBe(N);
  });

  it("starts over when the server ignores Range (200), and still verifies", async () => {
    const N = 50_000;
    await mkdir(modelsDir(dataDir), { recursive: true });
    await writeFile(partPath(), randomBytes(N)); // not the file's first bytes: appending would fail the check
    const result = await pullModel({
      name: NAME,
      dataDir,
      catalog: catalog({ url: `${base}/norange/model.bin` }),
    });
    expect(seen).toEqual([{ path: "/norange/model.bin", range: `bytes=${N}-`, status: 200 }]);
    expect(result.resumedFrom).toBe(0);
    expect((await readFile(finalPath())).equals(CONTENT)).toBe(true);
    expect(await exists(partPath())).toBe(false);
  });

  it("verifies a part that is already whole when the server answers 416", async () => {
    await mkdir(modelsDir(dataDir), { recursive: true });
    await writeFile(partPath(), CONTENT);
    // No size in the catalog, so only the server can say the part is complete.
    const result = await pullModel({ name: NAME, dataDir, catalog: catalog({ size: null }) });
    expect(seen).toEqual([{ path: "/files/model.bin", range: `bytes=${CONTENT.length}-`, status: 416 }]);
    expect(result.sha256).toBe(SHA256);
    expect((await readFile(finalPath())).equals(CONTENT)).toBe(true);
  });

  it("deletes the download on a checksum mismatch and leaves no final file", async () => {
    const wrong = "0".repeat(64);
    const error = await failure(pullModel({ name: NAME, dataDir, catalog: catalog({ sha256: wrong }) }));
    expect(error.code).toBe("checksum_mismatch");
    expect(error.message).toContain(`expected sha256 ${wrong}`);
    expect(error.message).toContain(`got ${SHA256}`);
    expect(await exists(finalPath())).toBe(false);
    expect(await exists(partPath())).toBe(false);
    expect(await exists(`${finalPath()}.sha256`)).toBe(false);
    expect(findModel(dataDir, NAME, catalog({ sha256: wrong }))).toBeUndefined();
  });

  it("refuses before any request when the catalog size exceeds the free space", async () => {
    const info = await statfs(tmpdir());
    const free = Number(info.bavail) * Number(info.bsize);
    const error = await failure(pullModel({ name: NAME, dataDir, catalog: catalog({ size: free * 2 }) }));
    expect(error.code).toBe("no_space");
    expect(error.message).toMatch(/\d+\.\d MB needed, \d+\.\d MB free/);
    expect(seen).toEqual([]);
    expect(await exists(partPath())).toBe(false);
  });

  it("turns ENOSPC while writing into no_space and keeps the part", async () => {
    await mkdir(modelsDir(dataDir), { recursive: true });
    await symlink("/dev/full", partPath()); // every write there fails with ENOSPC
    const error = await failure(pullModel({ name: NAME, dataDir, catalog: catalog() }));
    expect(error.code).toBe("no_space");
    expect(error.message).toMatch(/ran out of disk space .* MB more is needed, .* MB free/);
    expect(error.message).toMatch(/partial download is kept/);
    expect(await exists(partPath())).toBe(true);
    expect(await exists(finalPath())).toBe(false);
  });

  it("reports an HTTP error status as http_error", async () => {
    const error = await failure(
      pullModel({ name: NAME, dataDir, catalog: catalog({ url: `${base}/missing/model.bin` }) }),
    );
    expect(error.code).toBe("http_error");
    expect(error.status).toBe(404);
    expect(error.message).toMatch(/HTTP 404/);
    expect(await exists(finalPath())).toBe(false);
    expect(await exists(partPath())).toBe(false);
  });

  it("names the known models for an unknown one", async () => {
    const error = await failure(pullModel({ name: "huge.en", dataDir }));
    expect(error.code).toBe("unknown_model");
    expect(error.message).toMatch(/tiny\.en, base\.en, small\.en/);
    expect(seen).toEqual([]);
  });
});

describe("rehearse models", () => {
  it("list --json shows the catalog's models and the one present", async () => {
    await mkdir(modelsDir(dataDir), { recursive: true });
    await writeFile(path.join(modelsDir(dataDir), "ggml-tiny.en.bin"), "not really a model");
    await writeFile(path.join(modelsDir(dataDir), "ggml-base.en.bin.part"), randomBytes(1000));
    const result = await runCli(["models", "list", "--json"], cliEnv({ DATA_DIR: dataDir }));
    expect(result.code, result.stderr).toBe(0);
    const listed = JSON.parse(result.stdout) as {
      dir: string;
      models: {
        name: string;
        present: boolean;
        verified: boolean;
        bytes: number | null;
        partialBytes: number | null;
      }[];
    };
    expect(listed.dir).toBe(modelsDir(dataDir));
    expect(listed.models.map((m) => m.name)).toEqual(["tiny.en", "base.en", "small.en"]);
    const [tiny, baseEn, small] = listed.models;
    expect(tiny).toMatchObject({ present: true, verified: false, bytes: 18 });
    expect(baseEn).toMatchObject({ present: false, partialBytes: 1000 });
    expect(small).toMatchObject({ present: false, partialBytes: null });
  });

  it("pull of an unknown model fails with exit code 1 and one line naming the known ones", async () => {
    const result = await runCli(["models", "pull", "whisper", "huge.en"], cliEnv({ DATA_DIR: dataDir }));
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      'rehearse: unknown model "huge.en"; known models: tiny.en, base.en, small.en',
    );
  });
});
