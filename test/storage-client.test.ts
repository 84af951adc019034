import type { SupabaseClient } from "@supabase/supabase-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testConfig } from "./helpers/app.ts";
import { useTestDatabase } from "./helpers/database.ts";
import { fixture } from "./helpers/files.ts";
import { startTestServer, type TestServer } from "./helpers/server.ts";

// supabase-js's storage client against /storage/v1, end to end.

const db = useTestDatabase();
let server: TestServer;
let supabase: SupabaseClient;
let userId: string;

beforeAll(async () => {
  server = await startTestServer(db.pool, { auth: { ...testConfig().auth, autoconfirm: true } });
  supabase = server.client();
  const { data, error } = await supabase.auth.signUp({
    email: "files@example.test",
    password: "a sound passphrase",
    options: { data: { full_name: "Fay Files" } },
  });
  if (error || !data.user) throw error ?? new Error("no user");
  userId = data.user.id;
});

afterAll(async () => {
  await server?.close();
});

describe("supabase-js storage", () => {
  it("uploads, downloads and lists", async () => {
    const pdf = fixture("resume.pdf");
    const upload = await supabase.storage
      .from("resumes")
      .upload(`${userId}/cv.pdf`, new Blob([pdf], { type: "application/pdf" }));
    expect(upload.error).toBeNull();
    expect(upload.data?.fullPath).toBe(`resumes/${userId}/cv.pdf`);

    const download = await supabase.storage.from("resumes").download(`${userId}/cv.pdf`);
    expect(download.error).toBeNull();
    expect(Buffer.from(await (download.data as Blob).arrayBuffer()).equals(pdf)).toBe(true);

    const list = await supabase.storage.from("resumes").list(userId);
    expect(list.error).toBeNull();
    expect(list.data?.map((entry) => entry.name)).toEqual(["cv.pdf"]);
    expect(list.data?.[0]?.metadata).toMatchObject({ size: pdf.length, mimetype: "application/pdf" });

    const root = await supabase.storage.from("resumes").list();
    expect(root.data).toEqual([expect.objectContaining({ name: userId, id: null })]);
  });

  it("uploads a raw body and upserts it", async () => {
    const path = `${userId}/me.png`;
    const first = await supabase.storage
      .from("profile-pictures")
      .upload(path, fixture("picture.png"), { contentType: "image/png" });
    expect(first.error).toBeNull();
    const again = await supabase.storage
      .from("profile-pictures")
      .upload(path, fixture("picture.png"), { contentType: "image/png" });
    expect(again.error?.message).toMatch(/already exists/);
    const upsert = await supabase.storage
      .from("profile-pictures")
      .upload(path, fixture("picture.jpg"), { contentType: "image/jpeg", upsert: true });
    expect(upsert.error).toBeNull();
    const info = await supabase.storage.from("profile-pictures").info(path);
    expect(info.data?.contentType).toBe("image/jpeg");
    expect(info.data?.size).toBe(fixture("picture.jpg").length);
  });

  it("creates a signed URL that downloads without credentials", async () => {
    const signed = await supabase.storage.from("resumes").createSignedUrl(`${userId}/cv.pdf`, 60);
    expect(signed.error).toBeNull();
    const response = await fetch(signed.data?.signedUrl ?? "");
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(fixture("resume.pdf"))).toBe(true);
  });

  it("serves public URLs for the public bucket only", async () => {
    const url = supabase.storage.from("profile-pictures").getPublicUrl(`${userId}/me.png`).data.publicUrl;
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/jpeg");
    const privateUrl = supabase.storage.from("resumes").getPublicUrl(`${userId}/cv.pdf`).data.publicUrl;
    expect((await fetch(privateUrl)).status).toBe(404);
  });

  it("moves, copies and removes", async () => {
    const picture = supabase.storage.from("profile-pictures");
    const moved = await picture.move(`${userId}/me.png`, `${userId}/avatar.png`);
    expect(moved.error).toBeNull();
    expect((await picture.download(`${userId}/me.png`)).error).not.toBeNull();
    expect((await picture.download(`${userId}/avatar.png`)).error).toBeNull();
    const copied = await picture.copy(`${userId}/avatar.png`, `${userId}/avatar-copy.png`);
    expect(copied.error).toBeNull();
    const removed = await picture.remove([`${userId}/avatar.png`, `${userId}/avatar-copy.png`]);
    expect(removed.error).toBeNull();
    expect(removed.data).toHaveLength(2);
    expect((await picture.list(userId)).data).toEqual([]);
  });

  it("lists and reads buckets", async () => {
    const buckets = await supabase.storage.listBuckets();
    expect(buckets.data?.map((b) => b.id)).toEqual(["interview-audio", "profile-pictures", "resumes"]);
    const bucket = await supabase.storage.getBucket("interview-audio");
    expect(bucket.data).toMatchObject({ public: false, file_size_limit: 52428800 });
  });
});
