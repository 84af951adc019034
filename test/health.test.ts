import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../src/app.ts";
import { createPool, type Pool } from "../src/db/pool.ts";
import { createLogger } from "../src/logger.ts";
import { buildTestApp } from "./helpers/app.ts";
import { useTestDatabase } from "./helpers/database.ts";
import { startTcpProxy, type TcpProxy } from "./helpers/tcp-proxy.ts";

const db = useTestDatabase();
let proxy: TcpProxy;
let pool: Pool;
let app: App;

beforeAll(async () => {
  const target = new URL(db.url);
  proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
  const viaProxy = new URL(db.url);
  viaProxy.hostname = "127.0.0.1";
  viaProxy.port = String(proxy.port);
  pool = createPool(viaProxy.toString(), 4, createLogger({ logLevel: "silent" }));
  app = await buildTestApp(pool);
});

afterAll(async () => {
  await app?.close();
  await pool?.end();
  await proxy?.close();
});

describe("GET /health", () => {
  it("is 200 with the database reachable", async () => {
    const response = await app.inject({ method: "GET", url: "/health" });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: "ok", database: "ok" });
  });

  it("is 503 while the database is unreachable and recovers by itself when it is back", async () => {
    await proxy.cut();
    const down = await app.inject({ method: "GET", url: "/health" });
    expect(down.statusCode).toBe(503);
    expect(down.json()).toEqual({ status: "degraded", database: "unreachable" });

    await proxy.restore();
    const up = await app.inject({ method: "GET", url: "/health" });
    expect(up.statusCode).toBe(200);
    expect(up.json()).toEqual({ status: "ok", database: "ok" });
  });
});
