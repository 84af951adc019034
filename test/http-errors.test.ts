import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { App } from "../src/app.ts";
import { text } from "../src/http/schemas.ts";
import { buildTestApp } from "./helpers/app.ts";
import { useTestDatabase } from "./helpers/database.ts";

// The shared HTTP plumbing (parsers, validation, error shape) under a battery of malformed requests.
// The probe route below uses the same schema machinery every real route uses.

const db = useTestDatabase();
let app: App;

const probeBody = z.strictObject({
  name: text({ max: 100 }),
  count: z.number().int().min(0),
  tags: z
    .array(text({ max: 20 }))
    .max(5)
    .optional(),
});

beforeAll(async () => {
  app = await buildTestApp(db.pool, { bodyLimitBytes: 64 * 1024 });
  app.post(
    "/probe",
    { schema: { body: probeBody, response: { 200: z.object({ name: z.string(), count: z.number() }) } } },
    async (request) => request.body,
  );
  await app.ready();
});

afterAll(async () => {
  await app?.close();
});

function expectErrorShape(response: { statusCode: number; headers: Record<string, unknown>; body: string }) {
  expect(response.statusCode).toBeGreaterThanOrEqual(400);
  expect(response.statusCode).toBeLessThan(500);
  expect(response.headers["content-type"]).toMatch(/application\/json/);
  expect(response.headers["x-request-id"]).toBeTruthy();
  const body = JSON.parse(response.body);
  expect(Object.keys(body).sort()).toEqual(["code", "details", "message"]);
  expect(body.message.length).toBeGreaterThan(5);
  return body as { code: string; message: string; details: unknown };
}

const json = { "content-type": "application/json" };

describe("malformed requests", () => {
  it("accepts a well-formed request, normalizing unicode", async () => {
    const response = await app.inject({
      method: "POST",
      url: "/probe",
      headers: json,
      payload: JSON.stringify({ name: "  Zoe\u0301 李 🙂 مرحبا ", count: 2 }),
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ name: "Zoé 李 🙂 مرحبا", count: 2 });
  });

  const cases: {
    name: string;
    headers?: Record<string, string>;
    payload: string | Buffer;
    status: number;
    code: string;
  }[] = [
    { name: "broken JSON", payload: '{"name": "x", ', status: 400, code: "invalid_json" },
    { name: "empty JSON body", payload: "", status: 400, code: "validation_failed" },
    { name: "JSON that is only a string", payload: '"hello"', status: 400, code: "validation_failed" },
    {
      name: "invalid UTF-8",
      payload: Buffer.from([0x7b, 0x22, 0x6e, 0xff, 0xfe, 0x22, 0x7d]),
      status: 400,
      code: "invalid_json",
    },
    {
      name: "prototype pollution",
      payload: '{"__proto__": {"admin": true}, "name": "x", "count": 1}',
      status: 400,
      code: "invalid_json",
    },
    { name: "missing field", payload: '{"name": "x"}', status: 400, code: "validation_failed" },
    {
      name: "wrong type",
      payload: '{"name": "x", "count": "three"}',
      status: 400,
      code: "validation_failed",
    },
    {
      name: "unknown field",
      payload: '{"name": "x", "count": 1, "role": "admin"}',
      status: 400,
      code: "validation_failed",
    },
    {
      name: "NUL byte in a field",
      payload: '{"name": "x\\u0000y", "count": 1}',
      status: 400,
      code: "validation_failed",
    },
    {
      name: "control characters",
      payload: '{"name": "a\\u001bb", "count": 1}',
      status: 400,
      code: "validation_failed",
    },
    {
      name: "newline in a one-line field",
      payload: '{"name": "a\\nb", "count": 1}',
      status: 400,
      code: "validation_failed",
    },
    {
      name: "too long",
      payload: JSON.stringify({ name: "x".repeat(101), count: 1 }),
      status: 400,
      code: "validation_failed",
    },
    {
      name: "blank after trimming",
      payload: '{"name": "   ", "count": 1}',
      status: 400,
      code: "validation_failed",
    },
    {
      name: "deeply nested JSON",
      payload: `${'{"a":'.repeat(5000)}1${"}".repeat(5000)}`,
      status: 400,
      code: "validation_failed",
    },
    {
      name: "deeply nested arrays",
      payload: `${"[".repeat(20000)}${"]".repeat(20000)}`,
      status: 400,
      code: "validation_failed",
    },
    { name: "huge number", payload: `{"name": "x", "count": 1e400}`, status: 400, code: "validation_failed" },
    {
      name: "body over the limit",
      payload: JSON.stringify({ name: "x", count: 1, pad: "y".repeat(70 * 1024) }),
      status: 413,
      code: "payload_too_large",
    },
    {
      name: "XML",
      headers: { "content-type": "application/xml" },
      payload: "<a/>",
      status: 415,
      code: "unsupported_media_type",
    },
    {
      name: "form data",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "name=x",
      status: 415,
      code: "unsupported_media_type",
    },
    {
      name: "garbage content type",
      headers: { "content-type": "%%%" },
      payload: "{}",
      status: 415,
      code: "unsupported_media_type",
    },
  ];

  it.each(cases)("$name → $status $code", async ({ headers, payload, status, code }) => {
    const response = await app.inject({ method: "POST", url: "/probe", headers: headers ?? json, payload });
    const body = expectErrorShape(response);
    expect({ status: response.statusCode, code: body.code }).toEqual({ status, code });
  });

  it("names the offending fields", async () => {
    const response = await app.inject({
      method: "POST",
      url: "/probe",
      headers: json,
      payload: JSON.stringify({ name: "x\u0000", count: -1, extra: 1 }),
    });
    const body = expectErrorShape(response);
    const fields = (body.details as { issues: { field: string }[] }).issues.map((i) => i.field);
    expect(fields).toEqual(expect.arrayContaining(["body.name", "body.count"]));
    expect(body.message).toMatch(/name/);
  });

  it("answers unknown routes 404 and wrong methods 405 with Allow", async () => {
    const missing = await app.inject({ method: "GET", url: "/no/such/thing" });
    expect(missing.statusCode).toBe(404);
    expect(expectErrorShape(missing).code).toBe("route_not_found");

    const wrong = await app.inject({ method: "DELETE", url: "/health" });
    expect(wrong.statusCode).toBe(405);
    expect(expectErrorShape(wrong).code).toBe("method_not_allowed");
    expect(wrong.headers.allow).toContain("GET");

    const wrongPost = await app.inject({ method: "GET", url: "/probe" });
    expect(wrongPost.statusCode).toBe(405);
  });

  it("survives odd URLs", async () => {
    for (const url of ["/%", "/%00", "/health/../health/%ZZ", `/${"a".repeat(5000)}`, "/probe?x=%"]) {
      const response = await app.inject({ method: "GET", url });
      expect(response.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, url).toBeLessThan(500);
    }
  });

  it("keeps a sane caller request id and replaces a hostile one", async () => {
    const kept = await app.inject({ method: "GET", url: "/health", headers: { "x-request-id": "trace-42" } });
    expect(kept.headers["x-request-id"]).toBe("trace-42");
    const replaced = await app.inject({
      method: "GET",
      url: "/health",
      headers: { "x-request-id": "a b\u0000" },
    });
    expect(replaced.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("sends security headers", async () => {
    const response = await app.inject({ method: "GET", url: "/health" });
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(response.headers["x-frame-options"]).toBe("SAMEORIGIN");
  });

  it("allows only configured CORS origins", async () => {
    const closed = await app.inject({
      method: "GET",
      url: "/health",
      headers: { origin: "https://evil.example" },
    });
    expect(closed.headers["access-control-allow-origin"]).toBeUndefined();

    const open = await buildTestApp(db.pool, { corsOrigins: ["https://app.example"] });
    try {
      const allowed = await open.inject({
        method: "GET",
        url: "/health",
        headers: { origin: "https://app.example" },
      });
      expect(allowed.headers["access-control-allow-origin"]).toBe("https://app.example");
      const other = await open.inject({
        method: "GET",
        url: "/health",
        headers: { origin: "https://evil.example" },
      });
      expect(other.headers["access-control-allow-origin"]).toBeUndefined();
    } finally {
      await open.close();
    }
  });

  it("publishes an OpenAPI document built from the route schemas", async () => {
    const response = await app.inject({ method: "GET", url: "/openapi.json" });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toMatch(/^3\./);
    expect(document.paths["/health"].get.responses["200"]).toBeDefined();
  });
});
