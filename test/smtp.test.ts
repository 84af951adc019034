import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../src/app.ts";
import { buildTestApp, testConfig } from "./helpers/app.ts";
import { call } from "./helpers/auth.ts";
import { useTestDatabase } from "./helpers/database.ts";

// Mail goes out over real SMTP (nodemailer) to a local SMTP server when SMTP_URL is set.

const db = useTestDatabase();
const received: { to: string; subject: string; text: string }[] = [];
let smtp: SMTPServer;
let app: App;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      simpleParser(stream).then((mail) => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address).join(","),
          subject: mail.subject ?? "",
          text: mail.text ?? "",
        });
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  const { port } = smtp.server.address() as AddressInfo;
  app = await buildTestApp(db.pool, {
    auth: {
      ...testConfig().auth,
      autoconfirm: false,
      smtpUrl: `smtp://127.0.0.1:${port}`,
      smtpFrom: "Rehearse <hello@rehearse.test>",
    },
  });
});

afterAll(async () => {
  await app?.close();
  await new Promise<void>((resolve) => smtp?.close(() => resolve()));
});

describe("SMTP", () => {
  it("sends the confirmation code, which then confirms the account", async () => {
    const email = "smtp-user@example.test";
    const signup = await call(app, "POST", "/auth/v1/signup", {
      body: { email, password: "a sound passphrase", data: { full_name: "Sam Smtp" } },
    });
    expect(signup.status).toBe(200);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ to: email, subject: "Confirm your Rehearse account" });
    const code = /Your code: (\d{6})/.exec(received[0]?.text ?? "")?.[1];
    const verified = await call(app, "POST", "/auth/v1/verify", {
      body: { type: "signup", email, token: code },
    });
    expect(verified.status).toBe(200);
  });

  it("has no development mailbox when SMTP is configured", async () => {
    expect((await call(app, "GET", "/dev/mailbox")).status).toBe(404);
  });
});
