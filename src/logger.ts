import { pino } from "pino";
import type { Config } from "./config.ts";

export type Logger = pino.Logger;

// Secrets never reach the log: tokens, passwords and connection strings are cut wherever they appear.
const REDACT = [
  "req.headers.authorization",
  "headers.authorization",
  "*.headers.authorization",
  "req.headers.apikey",
  "req.headers.cookie",
  "*.password",
  "*.jwtSecret",
  "*.databaseUrl",
];

// Tokens also travel in URLs (signed storage links, the event stream's access_token): cut them from logs.
const SECRET_PARAMS = /([?&](?:token|access_token|refresh_token|apikey)=)[^&#]*/gi;

export function redactUrl(url: string): string {
  return url.replace(SECRET_PARAMS, "$1[redacted]");
}

interface LoggedRequest {
  method?: string;
  url?: string;
  ip?: string;
  headers?: Record<string, unknown>;
}

export function createLogger(config: Pick<Config, "logLevel">, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level: config.logLevel,
    redact: { paths: REDACT, censor: "[redacted]" },
    serializers: {
      req: (request: LoggedRequest) => ({
        method: request.method,
        url: request.url ? redactUrl(request.url) : undefined,
        host: request.headers?.host,
        remoteAddress: request.ip,
      }),
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
