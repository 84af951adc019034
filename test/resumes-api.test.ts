import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testConfig } from "./helpers/app.ts";
import { signUp } from "./helpers/auth.ts";
import { useTestDatabase } from "./helpers/database.ts";
import { fixture } from "./helpers/files.ts";
import { column, writePdf } from "./helpers/pdf-writer.ts";
import { startTestServer, type TestServer } from "./helpers/server.ts";

// The resume lifecycle over HTTP with the background analysis running: upload, status, analysis, events.

const db = useTestDatabase();
let server: TestServer;

const resumePdf = writePdf([
  [
    { text: "Priya Nair", x: 56, y: 50, size: 22, bold: true },
    { text: "priya.nair@example.com  |  +91 98765 43210  |  Bengaluru, India", x: 56, y: 74 },
    ...column(
      [
        { text: "SUMMARY", bold: true, size: 12 },
        "Backend developer with 5 years of experience building REST APIs in Java and Python on PostgreSQL.",
        { text: "EXPERIENCE", bold: true, size: 12 },
        { text: "Backend Developer — Flipkart", bold: true },
        "Jul 2020 – Present",
        "• Scaled the order API to 12k requests per second by sharding PostgreSQL and adding Redis.",
        "• Cut deployment time from 40 to 8 minutes with a Jenkins and Docker pipeline.",
        { text: "EDUCATION", bold: true, size: 12 },
        "Indian Institute of Technology Madras",
        "B.Tech in Computer Science, 2016 – 2020",
        { text: "SKILLS", bold: true, size: 12 },
        "Java, Python, SQL, Spring Boot, PostgreSQL, Redis, Docker, REST APIs, Git",
      ],
      56,
      110,
      15,
    ),
  ],
]);

beforeAll(async () => {
  server = await startTestServer(
    db.pool,
    { auth: { ...testConfig().auth, autoconfirm: true } },
    { runJobs: true },
  );
});

afterAll(async () => {
  await server?.close();
});

function api(token: string) {
  const headers = { apikey: server.keys.anon, authorization: `Bearer ${token}` };
  return {
    upload: async (bytes: Buffer, name = "Priya-Nair-Resume.pdf", type = "application/pdf") => {
      const form = new FormData();
      form.append("file", new Blob([bytes], { type }), name);
      const response = await fetch(`${server.url}/api/resumes`, { method: "POST", headers, body: form });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },
    get: async (path: string) => {
      const response = await fetch(`${server.url}${path}`, { headers });
      return {
        status: response.status,
        body: (await response.json()) as Record<string, unknown> & { status: string },
      };
    },
    send: async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${server.url}${path}`, {
        method,
        headers: { ...headers, ...(body ? { "content-type": "application/json" } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      return {
        status: response.status,
        body: response.status === 204 ? null : ((await response.json()) as Record<string, unknown>),
      };
    },
  };
}

async function settled(client: ReturnType<typeof api>, id: string) {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const result = await client.get(`/api/resumes/${id}/analysis`);
    if (result.body.status === "done" || result.body.status === "failed") return result.body;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error("the analysis did not finish");
}

describe("resumes API", () => {
  it("uploads, analyzes in the background and serves the analysis", async () => {
    const { session } = await signUp(server.app);
    const client = api(session.access_token);
    const uploaded = await client.upload(resumePdf);
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({
      file_name: "Priya-Nair-Resume.pdf",
      is_active: true,
      file_size_bytes: resumePdf.length,
    });
    expect(uploaded.body.file_path).toBe(`resumes/${session.user.id}/${uploaded.body.id}.pdf`);

    const result = (await settled(client, uploaded.body.id as string)) as {
      status: string;
      analysis: Record<string, unknown>;
    };
    expect(result.status).toBe("done");
    expect(result.analysis).toMatchObject({
      extracted_companies: ["Flipkart"],
      extracted_education_level: "bachelors",
      recommended_job_roles: expect.arrayContaining(["Backend Developer"]),
    });
    expect(Number(result.analysis.overall_score)).toBeGreaterThan(5);
    const resume = await client.get(`/api/resumes/${uploaded.body.id}`);
    expect(resume.body).toMatchObject({ is_analyzed: true, status: "done" });

    const { rows } = await db.pool.query(
      "select api_endpoint, request_type, status from public.gemini_api_logs where user_id = $1",
      [session.user.id],
    );
    expect(rows).toEqual([
      { api_endpoint: "builtin:resume-analyzer/1", request_type: "resume_analysis", status: "success" },
    ]);
  });

  it("re-runs against a chosen role, replacing the analysis rather than adding one", async () => {
    const { session } = await signUp(server.app);
    const client = api(session.access_token);
    const uploaded = await client.upload(resumePdf);
    await settled(client, uploaded.body.id as string);
    const role = (await db.pool.query("select id from public.job_roles where title = 'Frontend Developer'"))
      .rows[0].id;
    const rerun = await client.send("POST", `/api/resumes/${uploaded.body.id}/analyze?role=${role}`);
    expect(rerun.status).toBe(202);
    const result = (await settled(client, uploaded.body.id as string)) as unknown as {
      analysis: { missing_keywords: string[] };
    };
    expect(result.analysis.missing_keywords).toEqual(expect.arrayContaining(["HTML", "CSS", "React"]));
    const { rows } = await db.pool.query(
      "select count(*)::int as n from public.resume_analysis where resume_id = $1",
      [uploaded.body.id],
    );
    expect(rows[0].n).toBe(1);
  });

  it("keeps one active resume, renames, downloads and deletes everything", async () => {
    const { session } = await signUp(server.app);
    const client = api(session.access_token);
    const first = await client.upload(resumePdf, "first.pdf");
    const second = await client.upload(resumePdf, "second.pdf");
    const list = await client.get("/api/resumes");
    expect(
      (list.body as unknown as { id: string; is_active: boolean }[]).map((r) => [r.id, r.is_active]),
    ).toEqual([
      [second.body.id, true],
      [first.body.id, false],
    ]);
    const activated = await client.send("PATCH", `/api/resumes/${first.body.id}`, {
      is_active: true,
      file_name: "Priya CV.pdf",
    });
    expect(activated.body).toMatchObject({ is_active: true, file_name: "Priya CV.pdf" });
    expect((await client.get(`/api/resumes/${second.body.id}`)).body.is_active).toBe(false);

    const download = await client.get(`/api/resumes/${first.body.id}/download`);
    const file = await fetch(`${server.url}${download.body.url}`);
    expect(Buffer.from(await file.arrayBuffer()).equals(resumePdf)).toBe(true);

    await settled(client, first.body.id as string);
    expect((await client.send("DELETE", `/api/resumes/${first.body.id}`)).status).toBe(204);
    expect((await client.get(`/api/resumes/${first.body.id}`)).status).toBe(404);
    const left = await db.pool.query(
      `select (select count(*) from public.resume_analysis where resume_id = $1)::int as analyses,
              (select count(*) from storage.objects where name = $2)::int as objects`,
      [first.body.id, `${session.user.id}/${first.body.id}.pdf`],
    );
    expect(left.rows[0]).toEqual({ analyses: 0, objects: 0 });
  });

  it("fails unreadable PDFs with a reason, and refuses what is not a PDF", async () => {
    const { session } = await signUp(server.app);
    const client = api(session.access_token);
    const damaged = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(2000, 0x41)]);
    const uploaded = await client.upload(damaged, "broken.pdf");
    expect(uploaded.status).toBe(201);
    const result = await settled(client, uploaded.body.id as string);
    expect(result).toMatchObject({ status: "failed", reason: expect.stringMatching(/damaged/) });

    const png = await client.upload(fixture("picture.png"), "photo.pdf", "application/pdf");
    expect(png.status).toBe(415);
    const { rows } = await db.pool.query("select count(*)::int as n from public.resumes where user_id = $1", [
      session.user.id,
    ]);
    expect(rows[0].n).toBe(1);
  });

  it("fails encrypted PDFs with a reason and follows the max_resume_size_mb setting", async () => {
    const { session } = await signUp(server.app);
    const client = api(session.access_token);
    const locked = await client.upload(fixture("encrypted.pdf"), "locked.pdf");
    expect(await settled(client, locked.body.id as string)).toMatchObject({
      status: "failed",
      reason: expect.stringMatching(/password/),
    });

    await db.pool.query(
      "update public.app_settings set setting_value = '1' where setting_key = 'max_resume_size_mb'",
    );
    try {
      const big = Buffer.concat([resumePdf, Buffer.alloc(1024 * 1024)]);
      const refused = await client.upload(big, "big.pdf");
      expect(refused.status).toBe(413);
      expect((await client.upload(resumePdf, "small.pdf")).status).toBe(201);
    } finally {
      await db.pool.query(
        "update public.app_settings set setting_value = '10' where setting_key = 'max_resume_size_mb'",
      );
    }
  });

  it("never shows one user's resumes to another", async () => {
    const owner = await signUp(server.app);
    const other = await signUp(server.app);
    const uploaded = await api(owner.session.access_token).upload(resumePdf);
    const peek = api(other.session.access_token);
    expect((await peek.get(`/api/resumes/${uploaded.body.id}`)).status).toBe(404);
    expect((await peek.get(`/api/resumes/${uploaded.body.id}/analysis`)).status).toBe(404);
    expect((await peek.send("DELETE", `/api/resumes/${uploaded.body.id}`)).status).toBe(404);
    expect((await peek.get("/api/resumes")).body).toEqual([]);
  });
});
