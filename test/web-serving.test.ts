import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../src/app.ts";
import { buildTestApp } from "./helpers/app.ts";
import { useTestDatabase } from "./helpers/database.ts";

// The single-page app is served by the same server (built into dist/web by the set-up): its files with
// the right caching, index.html for the app's own paths, and never in place of an API answer.

const db = useTestDatabase();
let app: App;

beforeAll(async () => {
  app = await buildTestApp(db.pool);
});

afterAll(async () => {
  await app?.close();
});

const html = { accept: "text/html,application/xhtml+xml" };

describe("the web app", () => {
  it("serves index.html for the app's routes, uncached", async () => {
    for (const url of ["/", "/dashboard", "/interviews/123/room", "/sign-in?next=%2Fresumes"]) {
      const page = await app.inject({ method: "GET", url, headers: html });
      expect(page.statusCode, url).toBe(200);
      expect(page.headers["content-type"]).toMatch(/text\/html/);
      expect(page.body).toMatch(/<div id="root">/);
      expect(page.headers["cache-control"]).toMatch(/no-cache/);
    }
  });

  it("serves hashed assets with a long cache, and real 404s for missing ones", async () => {
    const index = await app.inject({ method: "GET", url: "/", headers: html });
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(index.body)?.[1];
    expect(asset).toBeTruthy();
    const js = await app.inject({ method: "GET", url: asset ?? "" });
    expect(js.statusCode).toBe(200);
    expect(js.headers["cache-control"]).toMatch(/immutable/);
    expect((await app.inject({ method: "GET", url: "/assets/missing-abc.js" })).statusCode).toBe(404);
  });

  it("never answers an API path with the app", async () => {
    const api = await app.inject({ method: "GET", url: "/api/nothing-here", headers: html });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ code: "route_not_found" });
    expect((await app.inject({ method: "POST", url: "/nope" })).statusCode).toBe(404);
    expect((await app.inject({ method: "PUT", url: "/health" })).statusCode).toBe(405);
  });
});
