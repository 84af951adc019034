import { readdir } from "node:fs/promises";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testConfig } from "./helpers/app.ts";
import { signUp } from "./helpers/auth.ts";
import { useTestDatabase } from "./helpers/database.ts";
import { fixture } from "./helpers/files.ts";
import { startTestServer, type TestServer } from "./helpers/server.ts";

const db = useTestDatabase();
let server: TestServer;
let owner: { id: string; token: string };
let other: { id: string; token: string };

beforeAll(async () => {
  server = await startTestServer(db.pool, { auth: { ...testConfig().auth, autoconfirm: true } });
  const a = await signUp(server.app);
  const b = await signUp(server.app);
  owner = { id: a.session.user.id, token: a.session.access_token };
  other = { id: b.session.user.id, token: b.session.access_token };
});

afterAll(async () => {
  await server?.close();
});

type Who = "owner" | "other" | "anon";

function headers(who: Who, extra: Record<string, string> = {}) {
  const base: Record<string, string> = { apikey: server.keys.anon, ...extra };
  if (who === "owner") base.authorization = `Bearer ${owner.token}`;
  if (who === "other") base.authorization = `Bearer ${other.token}`;
  return base;
}

function objectUrl(bucket: string, name: string) {
  return `${server.url}/storage/v1/object/${bucket}/${name.split("/").map(encodeURIComponent).join("/")}`;
}

async function upload(who: Who, bucket: string, name: string, body: Buffer, type: string, upsert = false) {
  const response = await fetch(objectUrl(bucket, name), {
    method: "POST",
    headers: headers(who, { "content-type": type, ...(upsert ? { "x-upsert": "true" } : {}) }),
    body,
  });
  return { status: response.status, body: await response.json() };
}

function rawRequest(method: string, pathAndQuery: string, body: Buffer, extra: Record<string, string>) {
  const { port } = new URL(server.url);
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        method,
        path: pathAndQuery,
        headers: { ...headers("owner", extra), "content-length": body.length },
      },
      (res) => {
        let text = "";
        res.on("data", (chunk) => {
          text += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

async function rowCount(bucket: string, name: string) {
  const { rows } = await db.pool.query(
    "select count(*)::int as n from storage.objects where bucket_id = $1 and name = $2",
    [bucket, name],
  );
  return rows[0].n as number;
}

async function filesOnDisk(): Promise<number> {
  const root = path.join(testConfig().dataDir, "storage");
  let count = 0;
  const walk = async (dir: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      if (entry.isDirectory()) await walk(path.join(dir, entry.name));
      else count++;
    }
  };
  await walk(root);
  return count;
}

const SAMPLES = {
  resumes: { file: "resume.pdf", type: "application/pdf" },
  "interview-audio": { file: "tone.wav", type: "audio/wav" },
  "profile-pictures": { file: "picture.png", type: "image/png" },
} as const;

describe("policy matrix, per bucket, over HTTP", () => {
  // What each actor may do with objects in the owner's folder.
  const matrix: Record<
    keyof typeof SAMPLES,
    Record<Who, { upload: number; read: number; list: number; update: number; remove: number }>
  > = {
    resumes: {
      owner: { upload: 200, read: 200, list: 1, update: 403, remove: 1 },
      other: { upload: 403, read: 404, list: 0, update: 403, remove: 0 },
      anon: { upload: 403, read: 404, list: 0, update: 403, remove: 0 },
    },
    "interview-audio": {
      owner: { upload: 200, read: 200, list: 1, update: 403, remove: 1 },
      other: { upload: 403, read: 404, list: 0, update: 403, remove: 0 },
      anon: { upload: 403, read: 404, list: 0, update: 403, remove: 0 },
    },
    "profile-pictures": {
      owner: { upload: 200, read: 200, list: 1, update: 200, remove: 1 },
      other: { upload: 403, read: 200, list: 1, update: 403, remove: 0 },
      anon: { upload: 403, read: 200, list: 1, update: 403, remove: 0 },
    },
  };

  const cases = Object.entries(matrix).flatMap(([bucket, actors]) =>
    Object.entries(actors).map(([who, expected]) => ({
      bucket: bucket as keyof typeof SAMPLES,
      who: who as Who,
      expected,
    })),
  );

  it.each(cases)("$bucket as $who → $expected", async ({ bucket, who, expected }) => {
    const sample = SAMPLES[bucket];
    const bytes = fixture(sample.file);
    const name = `${owner.id}/${who}-${Date.now()}.${sample.file.split(".").pop()}`;
    const uploaded = await upload(who, bucket, name, bytes, sample.type);
    expect(uploaded.status).toBe(expected.upload);
    if (uploaded.status !== 200) {
      expect(await rowCount(bucket, name)).toBe(0);
      await upload("owner", bucket, name, bytes, sample.type);
    }

    const read = await fetch(objectUrl(bucket, name), { headers: headers(who) });
    expect(read.status).toBe(expected.read);
    if (read.status === 200) expect(Buffer.from(await read.arrayBuffer()).equals(bytes)).toBe(true);

    const list = await fetch(`${server.url}/storage/v1/object/list/${bucket}`, {
      method: "POST",
      headers: headers(who, { "content-type": "application/json" }),
      body: JSON.stringify({ prefix: owner.id, search: name.split("/")[1] }),
    });
    expect(((await list.json()) as unknown[]).length).toBe(expected.list);

    const update = await upload(who, bucket, name, bytes, sample.type, true);
    expect(update.status).toBe(expected.update);

    const remove = await fetch(`${server.url}/storage/v1/object/${bucket}`, {
      method: "DELETE",
      headers: headers(who, { "content-type": "application/json" }),
      body: JSON.stringify({ prefixes: [name] }),
    });
    expect(((await remove.json()) as unknown[]).length).toBe(expected.remove);
    expect(await rowCount(bucket, name)).toBe(1 - expected.remove);
  });

  it("nobody uploads into another user's folder, even with upsert", async () => {
    const result = await upload(
      "other",
      "profile-pictures",
      `${owner.id}/x.png`,
      fixture("picture.png"),
      "image/png",
      true,
    );
    expect(result.status).toBe(403);
  });
});

describe("bad uploads leave nothing behind", () => {
  const name = () => `${owner.id}/bad-${Math.random().toString(36).slice(2)}`;

  it.each([
    ["a PNG sent as application/pdf", "resumes", "picture.png", "application/pdf", 415, "invalid_mime_type"],
    ["a PDF sent as image/png", "profile-pictures", "resume.pdf", "image/png", 415, "invalid_mime_type"],
    ["an mp4 video sent as audio/m4a", "interview-audio", "clip.mp4", "audio/m4a", 415, "invalid_mime_type"],
    ["a WAV sent as text/plain", "interview-audio", "tone.wav", "text/plain", 415, "invalid_mime_type"],
    [
      "a PDF declared with parameters",
      "resumes",
      "resume.pdf",
      "application/pdf; charset=binary",
      200,
      undefined,
    ],
    ["an mp3 as browsers send it", "interview-audio", "tone.mp3", "audio/mpeg", 200, undefined],
    ["an m4a as browsers send it", "interview-audio", "tone.m4a", "audio/x-m4a", 200, undefined],
    ["a WAV as audio/x-wav", "interview-audio", "tone.wav", "audio/x-wav", 200, undefined],
    ["a WAV as audio/wave", "interview-audio", "tone.wav", "audio/vnd.wave", 200, undefined],
  ])("%s → %i", async (_label, bucket, file, type, status, error) => {
    const before = await filesOnDisk();
    const target = name();
    const result = await upload("owner", bucket, target, fixture(file), type);
    expect(result.status).toBe(status);
    if (error) {
      expect(result.body).toMatchObject({ statusCode: "415", error });
      expect(await rowCount(bucket, target)).toBe(0);
      expect(await filesOnDisk()).toBe(before);
    } else {
      expect(await rowCount(bucket, target)).toBe(1);
    }
  });

  it("an executable sent as audio/wav → 415", async () => {
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(4000)]);
    const result = await upload("owner", "interview-audio", `${owner.id}/evil.wav`, elf, "audio/wav");
    expect(result.status).toBe(415);
  });

  it("a zero-byte file → 400", async () => {
    const before = await filesOnDisk();
    const result = await upload(
      "owner",
      "resumes",
      `${owner.id}/empty.pdf`,
      Buffer.alloc(0),
      "application/pdf",
    );
    expect(result.status).toBe(400);
    expect(await rowCount("resumes", `${owner.id}/empty.pdf`)).toBe(0);
    expect(await filesOnDisk()).toBe(before);
  });

  it("a 10 MB + 1 byte PDF → 413", async () => {
    const before = await filesOnDisk();
    const big = Buffer.concat([
      fixture("resume.pdf"),
      Buffer.alloc(10 * 1024 * 1024 + 1 - fixture("resume.pdf").length),
    ]);
    const result = await upload("owner", "resumes", `${owner.id}/big.pdf`, big, "application/pdf");
    expect(result.status).toBe(413);
    expect(await rowCount("resumes", `${owner.id}/big.pdf`)).toBe(0);
    expect(await filesOnDisk()).toBe(before);
  });

  it("an 11 MB upload without Content-Length is cut off at the limit → 413", async () => {
    const before = await filesOnDisk();
    const chunk = Buffer.alloc(1024 * 1024, 1);
    let sent = 0;
    const body = new ReadableStream({
      pull(controller) {
        if (sent === 0) controller.enqueue(new Uint8Array(fixture("resume.pdf")));
        if (sent >= 11) return controller.close();
        sent++;
        controller.enqueue(new Uint8Array(chunk));
      },
    });
    const response = await fetch(objectUrl("resumes", `${owner.id}/stream.pdf`), {
      method: "POST",
      headers: headers("owner", { "content-type": "application/pdf" }),
      body,
      duplex: "half",
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(await rowCount("resumes", `${owner.id}/stream.pdf`)).toBe(0);
    expect(await filesOnDisk()).toBe(before);
  });

  it("a truncated multipart body → 400, nothing stored", async () => {
    const before = await filesOnDisk();
    const boundary = "----rehearse-boundary";
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name=""; filename="cv.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      fixture("resume.pdf").subarray(0, 300),
    ]);
    const response = await fetch(objectUrl("resumes", `${owner.id}/truncated.pdf`), {
      method: "POST",
      headers: headers("owner", { "content-type": `multipart/form-data; boundary=${boundary}` }),
      body,
    });
    expect(response.status).toBe(400);
    expect(await rowCount("resumes", `${owner.id}/truncated.pdf`)).toBe(0);
    expect(await filesOnDisk()).toBe(before);
  });

  it("a client that disconnects halfway leaves nothing", async () => {
    const before = await filesOnDisk();
    const { port } = new URL(server.url);
    const target = `/storage/v1/object/resumes/${owner.id}/halfway.pdf`;
    await new Promise<void>((resolve) => {
      const socket = net.connect(Number(port), "127.0.0.1", () => {
        socket.write(
          `POST ${target} HTTP/1.1\r\nHost: localhost\r\napikey: ${server.keys.anon}\r\nauthorization: Bearer ${owner.token}\r\n` +
            "content-type: application/pdf\r\ncontent-length: 5000000\r\n\r\n",
        );
        socket.write(fixture("resume.pdf"));
        socket.write(Buffer.alloc(100_000));
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 200);
      });
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await rowCount("resumes", `${owner.id}/halfway.pdf`)).toBe(0);
    expect(await filesOnDisk()).toBe(before);
  });

  it.each([
    ["a ../ segment", "%2E%2E/etc/passwd"],
    ["an encoded ../", `${"%2e%2e"}/x.pdf`],
    ["a backslash", "a%5Cb.pdf"],
    ["a NUL byte", "a%00b.pdf"],
    ["an empty segment", "a//b.pdf"],
    ["2000-byte names", "x".repeat(2000)],
  ])("refuses names with %s → 400", async (_label, encoded) => {
    // Sent as written: fetch would normalize "../" away before the server ever saw it.
    const response = await rawRequest(
      "POST",
      `/storage/v1/object/resumes/${owner.id}/${encoded}`,
      fixture("resume.pdf"),
      {
        "content-type": "application/pdf",
      },
    );
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({ statusCode: "400" });
  });

  it("an absolute path lands in no folder and is refused", async () => {
    const response = await rawRequest(
      "POST",
      "/storage/v1/object/resumes//etc/passwd",
      fixture("resume.pdf"),
      {
        "content-type": "application/pdf",
      },
    );
    expect(response.status).toBe(400);
  });

  it.each([["résumé 📄 مرحبا.pdf"], ["שלום/עולם.pdf"], ["日本語のファイル.pdf"]])(
    "accepts %s and round-trips it exactly",
    async (unicode) => {
      const objectName = `${owner.id}/${unicode}`;
      const result = await upload("owner", "resumes", objectName, fixture("resume.pdf"), "application/pdf");
      expect(result.status).toBe(200);
      expect((result.body as { Key: string }).Key).toBe(`resumes/${objectName}`);
      const read = await fetch(objectUrl("resumes", objectName), { headers: headers("owner") });
      expect(read.status).toBe(200);
      const list = await fetch(`${server.url}/storage/v1/object/list/resumes`, {
        method: "POST",
        headers: headers("owner", { "content-type": "application/json" }),
        body: JSON.stringify({ prefix: objectName.split("/").slice(0, -1).join("/") }),
      });
      expect(((await list.json()) as { name: string }[]).map((e) => e.name)).toContain(
        unicode.split("/").pop(),
      );
    },
  );
});

describe("consistency", () => {
  it("two concurrent upserts end with one object whose row and bytes come from the same upload", async () => {
    const name = `${owner.id}/race.png`;
    const png = fixture("picture.png");
    const jpg = fixture("picture.jpg");
    const results = await Promise.all([
      upload("owner", "profile-pictures", name, png, "image/png", true),
      fetch(objectUrl("profile-pictures", name), {
        method: "PUT",
        headers: headers("owner", { "content-type": "image/jpeg" }),
        body: jpg,
      }).then(async (r) => ({ status: r.status, body: await r.json() })),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    expect(await rowCount("profile-pictures", name)).toBe(1);
    const read = await fetch(objectUrl("profile-pictures", name), { headers: headers("owner") });
    const bytes = Buffer.from(await read.arrayBuffer());
    const type = read.headers.get("content-type");
    expect(bytes.equals(type === "image/png" ? png : jpg)).toBe(true);
    expect(Number(read.headers.get("content-length"))).toBe(bytes.length);
  });

  it("serves byte ranges for seeking", async () => {
    const name = `${owner.id}/seek.wav`;
    const wav = fixture("tone.wav");
    await upload("owner", "interview-audio", name, wav, "audio/wav");
    const partial = await fetch(objectUrl("interview-audio", name), {
      headers: headers("owner", { range: "bytes=100-199" }),
    });
    expect(partial.status).toBe(206);
    expect(partial.headers.get("content-range")).toBe(`bytes 100-199/${wav.length}`);
    expect(Buffer.from(await partial.arrayBuffer()).equals(wav.subarray(100, 200))).toBe(true);
    const tail = await fetch(objectUrl("interview-audio", name), {
      headers: headers("owner", { range: "bytes=-10" }),
    });
    expect(Buffer.from(await tail.arrayBuffer()).equals(wav.subarray(wav.length - 10))).toBe(true);
    const beyond = await fetch(objectUrl("interview-audio", name), {
      headers: headers("owner", { range: `bytes=${wav.length + 10}-` }),
    });
    expect(beyond.status).toBe(416);
  });
});

describe("signed URLs", () => {
  async function sign(name: string, expiresIn: number) {
    const response = await fetch(`${server.url}/storage/v1/object/sign/resumes/${name}`, {
      method: "POST",
      headers: headers("owner", { "content-type": "application/json" }),
      body: JSON.stringify({ expiresIn }),
    });
    return ((await response.json()) as { signedURL: string }).signedURL;
  }

  it("work before expiry, fail after, and only for their object", async () => {
    await upload("owner", "resumes", `${owner.id}/a.pdf`, fixture("resume.pdf"), "application/pdf");
    await upload("owner", "resumes", `${owner.id}/b.pdf`, fixture("resume.pdf"), "application/pdf");
    // Long enough to be used at once even on a loaded machine; the URL's own clock decides expiry.
    const signed = await sign(`${owner.id}/a.pdf`, 3);
    expect((await fetch(`${server.url}/storage/v1${signed}`)).status).toBe(200);

    const token = new URL(`${server.url}${signed}`).searchParams.get("token");
    const other = await fetch(
      `${server.url}/storage/v1/object/sign/resumes/${owner.id}/b.pdf?token=${token}`,
    );
    expect(other.status).toBe(400);
    expect(((await other.json()) as { message: string }).message).toMatch(/another object/);

    await new Promise((resolve) => setTimeout(resolve, 4100));
    const expired = await fetch(`${server.url}/storage/v1${signed}`);
    expect(expired.status).toBe(400);
    expect(((await expired.json()) as { message: string }).message).toMatch(/expired/);
  });

  it("cannot be made for an object the caller may not read", async () => {
    const response = await fetch(`${server.url}/storage/v1/object/sign/resumes/${owner.id}/a.pdf`, {
      method: "POST",
      headers: headers("other", { "content-type": "application/json" }),
      body: JSON.stringify({ expiresIn: 60 }),
    });
    expect(response.status).toBe(404);
  });
});
