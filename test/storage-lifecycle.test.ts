import { mkdir, readdir, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../src/logger.ts";
import { LocalBackend } from "../src/storage/backends/local.ts";
import { ObjectStore } from "../src/storage/objects.ts";
import { testConfig } from "./helpers/app.ts";
import { signUp } from "./helpers/auth.ts";
import { useTestDatabase } from "./helpers/database.ts";
import { fixture } from "./helpers/files.ts";
import { startTestServer, type TestServer } from "./helpers/server.ts";

const db = useTestDatabase();
let server: TestServer;
const storageRoot = () => path.join(testConfig().dataDir, "storage");

beforeAll(async () => {
  server = await startTestServer(db.pool, { auth: { ...testConfig().auth, autoconfirm: true } });
});

afterAll(async () => {
  await server?.close();
});

async function allFiles(dir = path.join(storageRoot(), "objects")): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await allFiles(full)));
    else found.push(full);
  }
  return found;
}

function putPicture(token: string, body: Buffer, type: string) {
  return fetch(`${server.url}/api/profile/picture`, {
    method: "PUT",
    headers: { apikey: server.keys.anon, authorization: `Bearer ${token}`, "content-type": type },
    body,
  });
}

describe("profile picture", () => {
  it("is stored publicly, set on the profile, and replaces the old one", async () => {
    const { session } = await signUp(server.app);
    const first = await putPicture(session.access_token, fixture("picture.png"), "image/png");
    expect(first.status).toBe(200);
    const firstUrl = ((await first.json()) as { profile_picture_url: string }).profile_picture_url;
    expect(firstUrl).toMatch(
      new RegExp(`/storage/v1/object/public/profile-pictures/${session.user.id}/avatar-.+\\.png$`),
    );
    const fetched = await fetch(firstUrl.replace(testConfig().siteUrl, server.url));
    expect(Buffer.from(await fetched.arrayBuffer()).equals(fixture("picture.png"))).toBe(true);

    const second = await putPicture(session.access_token, fixture("picture.webp"), "image/webp");
    const secondUrl = ((await second.json()) as { profile_picture_url: string }).profile_picture_url;
    expect(secondUrl).toMatch(/\.webp$/);
    expect((await fetch(firstUrl.replace(testConfig().siteUrl, server.url))).status).toBe(404);
    const { rows } = await db.pool.query(
      "select count(*)::int as n from storage.objects where bucket_id = 'profile-pictures' and name like $1",
      [`${session.user.id}/%`],
    );
    expect(rows[0].n).toBe(1);
  });

  it("refuses what is not a picture, and pictures over 5 MB", async () => {
    const { session } = await signUp(server.app);
    expect((await putPicture(session.access_token, fixture("resume.pdf"), "image/png")).status).toBe(415);
    expect((await putPicture(session.access_token, fixture("resume.pdf"), "application/pdf")).status).toBe(
      415,
    );
    const huge = Buffer.concat([fixture("picture.png"), Buffer.alloc(5 * 1024 * 1024)]);
    expect((await putPicture(session.access_token, huge, "image/png")).status).toBe(413);
    const profile = await fetch(`${server.url}/api/profile`, {
      headers: { apikey: server.keys.anon, authorization: `Bearer ${session.access_token}` },
    });
    expect(((await profile.json()) as { profile_picture_url: string | null }).profile_picture_url).toBeNull();
  });
});

describe("bytes follow rows", () => {
  it("account deletion deletes the user's files", async () => {
    const { session, password } = await signUp(server.app);
    await putPicture(session.access_token, fixture("picture.png"), "image/png");
    await fetch(`${server.url}/storage/v1/object/resumes/${session.user.id}/cv.pdf`, {
      method: "POST",
      headers: {
        apikey: server.keys.anon,
        authorization: `Bearer ${session.access_token}`,
        "content-type": "application/pdf",
      },
      body: fixture("resume.pdf"),
    });
    const before = (await allFiles()).length;
    const response = await fetch(`${server.url}/api/account`, {
      method: "DELETE",
      headers: {
        apikey: server.keys.anon,
        authorization: `Bearer ${session.access_token}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({ password }),
    });
    expect(response.status).toBe(204);
    expect((await allFiles()).length).toBe(before - 2);
  });

  it("the sweep removes orphaned bytes and stale temp files, and keeps live ones", async () => {
    const { session } = await signUp(server.app);
    await putPicture(session.access_token, fixture("picture.png"), "image/png");
    const live = await allFiles();
    const orphanDir = path.join(storageRoot(), "objects", "resumes", "ab", "ab".repeat(32));
    await mkdir(orphanDir, { recursive: true });
    const orphan = path.join(orphanDir, "00000000-0000-4000-8000-000000000000");
    await writeFile(orphan, "left behind by a crash");
    await mkdir(path.join(storageRoot(), "tmp"), { recursive: true });
    const temp = path.join(storageRoot(), "tmp", "stale-upload");
    await writeFile(temp, "half an upload");
    const old = new Date(Date.now() - 3600_000);
    await utimes(orphan, old, old);
    await utimes(temp, old, old);
    const fresh = path.join(orphanDir, "11111111-1111-4111-8111-111111111111");
    await writeFile(fresh, "an upload about to commit");

    const store = new ObjectStore({
      pool: db.pool,
      log: createLogger({ logLevel: "silent" }),
      backend: new LocalBackend(storageRoot()),
    });
    const removed = await store.sweep();
    expect(removed).toBe(2);
    const after = await allFiles();
    expect(after).toEqual(expect.arrayContaining(live));
    expect(after).toContain(fresh);
    expect(after).not.toContain(orphan);
  });
});
