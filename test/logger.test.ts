import { Writable } from "node:stream";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { redactUrl } from "../src/logger.ts";

describe("logs keep secrets out", () => {
  it("cuts tokens from URLs", () => {
    expect(redactUrl("/api/events?access_token=eyJabc.def&x=1")).toBe(
      "/api/events?access_token=[redacted]&x=1",
    );
    expect(redactUrl("/storage/v1/object/sign/resumes/a.pdf?token=eyJ.x.y")).toBe(
      "/storage/v1/object/sign/resumes/a.pdf?token=[redacted]",
    );
    expect(redactUrl("/health")).toBe("/health");
  });

  it("redacts authorization headers and passwords", () => {
    let out = "";
    const sink = new Writable({
      write(chunk, _encoding, callback) {
        out += chunk;
        callback();
      },
    });
    const log = pino(
      { redact: { paths: ["req.headers.authorization", "*.password"], censor: "[redacted]" } },
      sink,
    );
    log.info({ req: { headers: { authorization: "Bearer secret" } }, body: { password: "hunter22" } }, "x");
    expect(out).not.toContain("secret");
    expect(out).not.toContain("hunter22");
  });
});
