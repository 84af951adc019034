import { pino } from "pino";
import type { Config } from "./config.ts";

export type Logger = pino.Logger;

// Secrets never reach the log: tokens, passwords and connection strings are cut wherever they appear.
const REDACT = [
  "req.headers.authorization",
  "req.headers.apikey",
  "req.headers.cookie",
  "*.password",
  "*.jwtSecret",
  "*.databaseUrl",
];

export function createLogger(config: Pick<Config, "logLevel">): Logger {
  return pino({ level: config.logLevel, redact: { paths: REDACT, censor: "[redacted]" } });
}
