import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPool, type Pool } from "../src/db/pool.ts";
import { EventBus } from "../src/events/bus.ts";
import { createLogger } from "../src/logger.ts";
import { testConfig } from "./helpers/app.ts";
import { signUp } from "./helpers/auth.ts";
import { useTestDatabase } from "./helpers/database.ts";
import { act, answerAll, createInterview, roleId, sampleAnswerOf } from "./helpers/interviews.ts";
import { startTestServer, type TestServer } from "./helpers/server.ts";

// Server-sent events, delivered through LISTEN/NOTIFY: a publisher on another connection (as another server
// process would be) reaches the stream a browser holds open on this server.

const db = useTestDatabase();
let server: TestServer;
let otherProcess: { pool: Pool; bus: EventBus };

beforeAll(async () => {
  server = await startTestServer(db.pool, { auth: { ...testConfig().auth, autoconfirm: true } });
  const log = createLogger({ logLevel: "silent" });
  const pool = createPool(db.url, 2, log);
  otherProcess = { pool, bus: new EventBus({ pool, log }) };
});

afterAll(async () => {
  await server?.close();
  await otherProcess?.pool.end();
});

/** Opens the stream and collects parsed events until `count` arrive. */
function openStream(url: string) {
  const events: { event: string; data: unknown }[] = [];
  let buffer = "";
  let status = 0;
  const waiters: (() => void)[] = [];
  const request = http.get(url, (response) => {
    status = response.statusCode ?? 0;
    response.setEncoding("utf8");
    response.on("data", (chunk: string) => {
      buffer += chunk;
      let end = buffer.indexOf("\n\n");
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.+)$/m.exec(block)?.[1];
        const data = /^data: (.+)$/m.exec(block)?.[1];
        if (event && data) events.push({ event, data: JSON.parse(data) });
        end = buffer.indexOf("\n\n");
      }
      for (const wake of waiters.splice(0)) wake();
    });
    for (const wake of waiters.splice(0)) wake();
  });
  const until = async (predicate: () => boolean, ms = 5000) => {
    const deadline = Date.now() + ms;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error("timed out waiting for the stream");
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  };
  return { events, status: () => status, until, close: () => request.destroy() };
}

describe("GET /api/events", () => {
  it("delivers a user's events, from any process, to that user only", async () => {
    const alice = await signUp(server.app);
    const bob = await signUp(server.app);
    const aliceStream = openStream(`${server.url}/api/events?access_token=${alice.session.access_token}`);
    const bobStream = openStream(`${server.url}/api/events?access_token=${bob.session.access_token}`);
    try {
      await aliceStream.until(() => aliceStream.status() === 200);
      await bobStream.until(() => bobStream.status() === 200);
      await new Promise((resolve) => setTimeout(resolve, 100));
      await otherProcess.bus.publish(alice.session.user.id, {
        type: "resume.analysis",
        data: { resumeId: "r1", status: "analyzing" },
      });
      await otherProcess.bus.publish(alice.session.user.id, {
        type: "resume.analysis",
        data: { resumeId: "r1", status: "done" },
      });
      await aliceStream.until(() => aliceStream.events.length >= 2);
      expect(aliceStream.events).toEqual([
        { event: "resume.analysis", data: { resumeId: "r1", status: "analyzing" } },
        { event: "resume.analysis", data: { resumeId: "r1", status: "done" } },
      ]);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(bobStream.events).toEqual([]);
    } finally {
      aliceStream.close();
      bobStream.close();
    }
  });

  it("tells the interview's progress: each scored answer, then the report", async () => {
    const user = await signUp(server.app);
    const token = user.session.access_token;
    const stream = openStream(`${server.url}/api/events?access_token=${token}`);
    try {
      await stream.until(() => stream.status() === 200);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const role = await roleId(server.app, "Frontend Developer");
      const session = await createInterview(server.app, token, { job_role_id: role, total_questions: 2 });
      await act(server.app, token, session.id, "start");
      await answerAll(server.app, token, session.id, (order) => sampleAnswerOf(db.pool, session.id, order));
      await act(server.app, token, session.id, "complete");
      await stream.until(() => stream.events.some((e) => e.event === "report.ready"));
      const scored = stream.events.filter((e) => e.event === "answer.scored");
      expect(scored.map((e) => (e.data as { question_order: number }).question_order)).toEqual([1, 2]);
      expect(scored[0]?.data).toMatchObject({ session_id: session.id, response_score: expect.any(Number) });
      expect(stream.events.at(-1)).toMatchObject({ event: "report.ready", data: { session_id: session.id } });
    } finally {
      stream.close();
    }
  });

  it("needs a signed-in user", async () => {
    const stream = openStream(`${server.url}/api/events`);
    await stream.until(() => stream.status() !== 0);
    expect(stream.status()).toBe(401);
    stream.close();
    const forged = openStream(`${server.url}/api/events?access_token=not-a-token`);
    await forged.until(() => forged.status() !== 0);
    expect(forged.status()).toBe(401);
    forged.close();
  });

  it("refuses events too large for NOTIFY", async () => {
    await expect(
      otherProcess.bus.publish("u", { type: "x", data: { blob: "x".repeat(10_000) } }),
    ).rejects.toThrow(/too large/);
  });
});
