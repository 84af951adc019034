import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testConfig } from "./helpers/app.ts";
import { useTestDatabase } from "./helpers/database.ts";
import { startTestServer, type TestServer } from "./helpers/server.ts";
import { ask, askedSession, SPEECH, settled, upload } from "./helpers/voice.ts";

// STT_PROVIDER=none: a recording is kept and waits for the candidate's typed transcript.

const db = useTestDatabase();
let quiet: TestServer;

beforeAll(async () => {
  const auth = { ...testConfig().auth, autoconfirm: true };
  quiet = await startTestServer(db.pool, { auth, stt: { provider: "none" } }, { runJobs: true });
});

afterAll(async () => {
  await quiet?.close();
});

describe("with STT_PROVIDER=none", () => {
  it("keeps the recording, asks for a typed transcript, then scores it", async () => {
    const { token, sessionId } = await askedSession(db.pool, quiet);
    const order = await ask(quiet, token, sessionId);
    const saved = await upload(quiet, token, sessionId, order, SPEECH, "audio/wav");
    expect(saved.status).toBe(202);
    const row = await settled(db.pool, saved.body.id as string);
    expect(row.scoring_status).toBe("pending");
    expect(row.ai_feedback).toMatch(/Type what you said/);
    const typed = await fetch(`${quiet.url}/api/interviews/${sessionId}/answers/${order}/transcript`, {
      method: "PUT",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ text: "I would start with a baseline model and measure precision and recall." }),
    });
    expect(typed.status).toBe(200);
    expect(await typed.json()).toMatchObject({ scoring_status: "scored" });
    const again = await fetch(`${quiet.url}/api/interviews/${sessionId}/answers/${order}/transcript`, {
      method: "PUT",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ text: "A second transcript" }),
    });
    expect(again.status).toBe(409);
  }, 120_000);
});
