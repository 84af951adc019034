import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../helpers/database.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";
import { startTcpProxy, type TcpProxy } from "../helpers/tcp-proxy.ts";
import {
  assertNoPageProblems,
  firstNumber,
  launchBrowser,
  newPerson,
  openPage,
  seen,
  signInThroughUi,
  textOf,
} from "./helpers/browser.ts";
import { type Account, account, interview } from "./helpers/seed.ts";

// The interview room when things go wrong or stop: a microphone the browser refuses, the network dropping
// in the middle of a spoken answer, and a pause (with a reload) before carrying on.

const db = useTestDatabase();
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer(db.pool, {}, { runJobs: true });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Starts the interview from its lobby and waits for the first question. */
async function enterRoom(page: Page, sessionId: string) {
  await page.goto(`/interviews/${sessionId}/room`);
  await page.getByTestId("start-interview").click();
  await page.getByTestId("question-text").waitFor();
}

async function response(sessionId: string, order: number) {
  const { rows } = await db.pool.query(
    "select scoring_status, response_score, response_duration_seconds, transcribed_text, audio_file_path from public.interview_responses where interview_session_id = $1 and question_order = $2 and attempt = 1",
    [sessionId, order],
  );
  return rows[0];
}

async function sessionStatus(sessionId: string): Promise<string> {
  const { rows } = await db.pool.query("select status from public.interview_sessions where id = $1", [
    sessionId,
  ]);
  return rows[0]?.status;
}

describe("the interview room", () => {
  it("explains a refused microphone and lets the answer be typed instead", async () => {
    const denying = await launchBrowser({ autoAllowMicrophone: false });
    try {
      const person: Account = await account(server, db.pool, newPerson("mic"));
      const sessionId = await interview(server, person.token, { questions: 1 });
      const { page, problems } = await openPage(denying, server.url, { permissions: [] });
      await signInThroughUi(page, person.email, person.password, `/interviews/${sessionId}/room`);

      // The lobby's microphone check.
      await page.getByTestId("mic-enable").click();
      const error = page.getByTestId("mic-error");
      await error.waitFor();
      await expect(seen(error)).resolves.toMatch(
        /Microphone access is blocked\. Click the lock or microphone icon in the address bar, allow the microphone for this site, then press “Try again”/,
      );
      await expect(error.getByRole("button", { name: "Try again" }).isEnabled()).resolves.toBe(true);

      // In the room, "Start answering" meets the same refusal, and typing works instead.
      await page.getByTestId("start-interview").click();
      await page.getByTestId("record-button").click();
      await page.getByTestId("mic-error").waitFor();
      await expect(page.getByTestId("done-button").count()).resolves.toBe(0);
      await page.getByTestId("mic-error").getByRole("button", { name: "Type answers instead" }).click();
      await page
        .getByTestId("typed-answer")
        .fill(
          "I would profile the slow endpoint, check the query plan, add an index and a cache, and measure again.",
        );
      await page.getByTestId("submit-typed-answer").click();
      await page.getByTestId("answer-result").waitFor({ timeout: 30_000 });
      expect((await response(sessionId, 1))?.scoring_status).toBe("scored");
      // getUserMedia's refusal is reported by the app, not thrown at the page.
      assertNoPageProblems(problems);
    } finally {
      await denying.close();
    }
  }, 120_000);

  it("keeps recording through a dropped network and stores and scores the whole answer", async () => {
    const port = Number(new URL(server.url).port);
    const proxy: TcpProxy = await startTcpProxy("127.0.0.1", port);
    try {
      const person = await account(server, db.pool, newPerson("drop"));
      const sessionId = await interview(server, person.token, { questions: 1 });
      // The browser reaches the server through a proxy that can be cut like a network link.
      const { page, problems, context } = await openPage(browser, `http://127.0.0.1:${proxy.port}`);
      await signInThroughUi(page, person.email, person.password, `/interviews/${sessionId}/room`);
      await enterRoom(page, sessionId);

      await page.getByTestId("record-button").click();
      await page.getByTestId("done-button").waitFor();
      const started = Date.now();
      await page.waitForTimeout(3_000);
      await proxy.cut(); // every open connection (the answer's WebSocket too) is dropped; new ones are refused
      await page
        .getByText("Connection lost — still recording, and reconnecting.")
        .waitFor({ timeout: 5_000 });
      await page.waitForTimeout(3_000);
      await proxy.restore();
      await page.waitForTimeout(4_000);
      await page.getByTestId("done-button").click();
      const recorded = (Date.now() - started) / 1000;

      await page.getByTestId("answer-result").waitFor({ timeout: 90_000 });
      const stored = await response(sessionId, 1);
      expect(stored?.scoring_status).toBe("scored");
      expect(Number(stored?.response_score)).toBeGreaterThanOrEqual(0);
      expect(stored?.transcribed_text.split(/\s+/).length).toBeGreaterThan(5);
      // Nothing said while the network was down is missing, and nothing was stored twice.
      expect(Number(stored?.response_duration_seconds)).toBeGreaterThanOrEqual(Math.floor(recorded - 1.5));
      expect(Number(stored?.response_duration_seconds)).toBeLessThanOrEqual(Math.ceil(recorded + 1));

      // The stored recording plays for as long as the answer lasted.
      await page.getByTestId("next-question").click();
      await page.getByTestId("finish-button").click();
      await page.waitForURL(`**/interviews/${sessionId}/report`);
      const duration = await page.getByTestId("answer-audio").evaluate(
        (element: {
          duration: number;
          readyState: number;
          addEventListener(t: string, f: () => void): void;
        }) =>
          new Promise<number>((resolve) => {
            if (element.readyState >= 1) return resolve(element.duration);
            element.addEventListener("loadedmetadata", () => resolve(element.duration));
            element.addEventListener("error", () => resolve(-1));
          }),
      );
      expect(duration).toBeGreaterThan(recorded - 1.5);
      expect(duration).toBeLessThan(recorded + 1);
      // The failed requests and reconnects of the cut are reported in the console; nothing else may be.
      assertNoPageProblems(problems, [
        /ERR_CONNECTION_(REFUSED|RESET|CLOSED)|ERR_EMPTY_RESPONSE|ERR_INCOMPLETE_CHUNKED_ENCODING|WebSocket/,
      ]);
      await context.close();
    } finally {
      await proxy.close();
    }
  }, 180_000);

  it("uploads the whole recording when the live connection cannot be kept up", async () => {
    const person = await account(server, db.pool, newPerson("nows"));
    const sessionId = await interview(server, person.token, { questions: 1 });
    const { page, problems, context } = await openPage(browser, server.url);
    // As behind a proxy that refuses WebSockets: every attempt to stream the answer is closed at once.
    let refused = 0;
    await page.routeWebSocket(/\/answers\/\d+\/stream/, (socket) => {
      refused += 1;
      socket.close({ code: 1011, reason: "refused by the test" });
    });
    await signInThroughUi(page, person.email, person.password, `/interviews/${sessionId}/room`);
    await enterRoom(page, sessionId);

    await page.getByTestId("record-button").click();
    await page.getByTestId("done-button").waitFor();
    const started = Date.now();
    await page.waitForTimeout(6_000);
    // After its reconnection attempts the app sends the recording as a file instead.
    const upload = page.waitForResponse(
      (r) => r.request().method() === "POST" && r.url().endsWith(`/api/interviews/${sessionId}/answers`),
      { timeout: 60_000 },
    );
    await page.getByTestId("done-button").click();
    const recorded = (Date.now() - started) / 1000;
    const uploaded = await upload;
    expect(uploaded.status()).toBe(202);
    expect(uploaded.request().headers()["content-type"]).toMatch(/^multipart\/form-data/);
    await page.getByTestId("answer-result").waitFor({ timeout: 90_000 });
    expect(refused).toBeGreaterThan(3);
    const stored = await response(sessionId, 1);
    expect(stored?.scoring_status).toBe("scored");
    expect(stored?.audio_file_path).toMatch(/\/1\.wav$/);
    expect(stored?.transcribed_text.split(/\s+/).length).toBeGreaterThan(3);
    expect(Number(stored?.response_duration_seconds)).toBeGreaterThanOrEqual(Math.floor(recorded - 1.5));
    expect(Number(stored?.response_duration_seconds)).toBeLessThanOrEqual(Math.ceil(recorded + 1));
    assertNoPageProblems(problems, [/WebSocket/]);
    await context.close();
  }, 150_000);

  it("pauses (the pause survives a reload), resumes, and goes on recording", async () => {
    const person = await account(server, db.pool, newPerson("pause"));
    const sessionId = await interview(server, person.token, { questions: 2 });
    const { page, problems, context } = await openPage(browser, server.url);
    await signInThroughUi(page, person.email, person.password, `/interviews/${sessionId}/room`);
    const opened = Date.now();
    await enterRoom(page, sessionId);

    // The first question, typed.
    await page.getByTestId("toggle-answer-mode").click();
    await page
      .getByTestId("typed-answer")
      .fill("I split the monolith's billing module out behind an API, with contract tests, in three weeks.");
    await page.getByTestId("submit-typed-answer").click();
    await page.getByTestId("answer-result").waitFor({ timeout: 30_000 });

    await page.getByTestId("pause-button").click();
    await page.getByText("The interview is paused").waitFor();
    expect(await sessionStatus(sessionId)).toBe("paused");
    const pausedAt = Date.now();
    await page.reload();
    await page.getByText("The interview is paused").waitFor();
    await expect(textOf(page, "start-interview")).resolves.toBe("Resume the interview");
    await page.waitForTimeout(3_000);
    await page.getByTestId("start-interview").click();
    await page.getByTestId("question-text").waitFor();
    const pausedFor = (Date.now() - pausedAt) / 1000;
    expect(await sessionStatus(sessionId)).toBe("in_progress");
    await page.getByText("1 of 2 answered").waitFor();

    // The second question, spoken: the microphone works again after the pause.
    await page.getByTestId("record-button").click();
    await page.getByTestId("done-button").waitFor();
    await page.waitForTimeout(5_000);
    await page.getByTestId("done-button").click();
    await page.getByTestId("answer-result").waitFor({ timeout: 90_000 });
    expect((await response(sessionId, 2))?.scoring_status).toBe("scored");
    await page.getByTestId("next-question").click();
    await page.getByTestId("finish-button").click();
    await page.waitForURL(`**/interviews/${sessionId}/report`);
    const total = (Date.now() - opened) / 1000;

    // Paused time does not count towards the interview's duration.
    const { rows } = await db.pool.query(
      "select duration_seconds, questions_answered, status from public.interview_sessions where id = $1",
      [sessionId],
    );
    expect(rows[0]).toMatchObject({ questions_answered: 2, status: "completed" });
    expect(Number(rows[0].duration_seconds)).toBeLessThanOrEqual(Math.ceil(total - pausedFor + 1));
    expect(Number(rows[0].duration_seconds)).toBeGreaterThan(0);
    const transitions = await db.pool.query(
      "select to_status from public.interview_session_transitions where interview_session_id = $1 order by id",
      [sessionId],
    );
    expect(transitions.rows.map((r) => r.to_status)).toEqual([
      "scheduled",
      "in_progress",
      "paused",
      "in_progress",
      "completed",
    ]);
    expect(firstNumber(await textOf(page, "score-card-overall"))).toBeGreaterThanOrEqual(0);
    assertNoPageProblems(problems);
    await context.close();
  }, 150_000);
});
