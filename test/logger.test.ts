import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, redactUrl } from "../src/logger.ts";

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
    const log = createLogger({ logLevel: "info" }, sink);
    log.info(
      { req: { method: "GET", url: "/api/events?access_token=abc.def", headers: { host: "h" } } },
      "request",
    );
    log.info({ headers: { authorization: "Bearer secret" }, body: { password: "hunter22" } }, "x");
    log.info({ config: { jwtSecret: "jwt-secret-value", databaseUrl: "postgres://u:pw@h/db" } }, "config");
    expect(out).toContain("/api/events?access_token=[redacted]");
    for (const secret of ["Bearer secret", "abc.def", "hunter22", "jwt-secret-value", "u:pw@h"])
      expect(out).not.toContain(secret);
  });
});
