import path from "node:path";
import { z } from "zod";

const port = (name: string) =>
  z
    .string()
    .regex(/^\d+$/, `${name} must be a whole number between 1 and 65535`)
    .transform(Number)
    .refine((n) => n >= 1 && n <= 65535, `${name} must be a whole number between 1 and 65535`);

const positiveInt = (name: string) =>
  z
    .string()
    .regex(/^\d+$/, `${name} must be a positive whole number`)
    .transform(Number)
    .refine((n) => n > 0, `${name} must be a positive whole number`);

const boolean = (name: string) =>
  z
    .string()
    .toLowerCase()
    .refine(
      (v) => ["true", "false", "1", "0", "yes", "no", "on", "off"].includes(v),
      `${name} must be true or false`,
    )
    .transform((v) => ["true", "1", "yes", "on"].includes(v));

const httpUrl = (name: string) =>
  z.string().refine((value) => {
    try {
      return ["http:", "https:"].includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, `${name} must be an http(s) URL`);

const postgresUrl = z.string().refine((value) => {
  try {
    return ["postgres:", "postgresql:"].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}, "DATABASE_URL must be a postgres:// or postgresql:// URL");

// Every environment variable Rehearse reads, with its default. The README's table mirrors this.
const envSchema = z.object({
  PORT: port("PORT").default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: postgresUrl.optional(),
  DATABASE_POOL_MAX: positiveInt("DATABASE_POOL_MAX").default(10),
  EMBEDDED_PG_PORT: port("EMBEDDED_PG_PORT").optional(),
  JWT_SECRET: z.string().min(32, "JWT_SECRET must be at least 32 characters").optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  CORS_ORIGINS: z.string().default(""),
  BODY_LIMIT_BYTES: positiveInt("BODY_LIMIT_BYTES").default(1_048_576),
  TRUST_PROXY: boolean("TRUST_PROXY").default(false),
  SITE_URL: httpUrl("SITE_URL").optional(),
  JWT_EXPIRY: positiveInt("JWT_EXPIRY").default(3600),
  AUTH_AUTOCONFIRM: boolean("AUTH_AUTOCONFIRM").optional(),
  REFRESH_TOKEN_REUSE_INTERVAL: z
    .string()
    .regex(/^\d+$/, "REFRESH_TOKEN_REUSE_INTERVAL must be a whole number of seconds")
    .transform(Number)
    .default(10),
  SMTP_URL: z
    .string()
    .refine((v) => /^smtps?:\/\//.test(v), "SMTP_URL must be an smtp:// or smtps:// URL")
    .optional(),
  SMTP_FROM: z.string().default("Rehearse <no-reply@rehearse.local>"),
  RATE_LIMIT_TOKEN: positiveInt("RATE_LIMIT_TOKEN").default(150),
  RATE_LIMIT_TOKEN_BURST: positiveInt("RATE_LIMIT_TOKEN_BURST").default(30),
  RATE_LIMIT_AUTH: positiveInt("RATE_LIMIT_AUTH").default(30),
  RATE_LIMIT_VERIFY: positiveInt("RATE_LIMIT_VERIFY").default(30),
  RATE_LIMIT_EMAIL_SENT: positiveInt("RATE_LIMIT_EMAIL_SENT").default(30),
  AI_PROVIDER: z.enum(["builtin", "gemini", "openai"]).default("builtin"),
  GEMINI_API_KEY: z.string().min(1).optional(),
  GEMINI_MODEL: z.string().min(1).default("gemini-2.5-flash"),
  GEMINI_BASE_URL: httpUrl("GEMINI_BASE_URL").optional(),
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: httpUrl("OPENAI_BASE_URL").optional(),
  OPENAI_MODEL: z.string().min(1).default("gpt-4o-mini"),
  STT_PROVIDER: z.enum(["whisper", "pocketsphinx", "openai", "gemini", "none"]).optional(),
  STT_FALLBACK: z.enum(["pocketsphinx", "none"]).default("pocketsphinx"),
  WHISPER_MODEL: z
    .string()
    .regex(/^[a-z0-9.-]+$|\.bin$/, "WHISPER_MODEL must be a model name (base.en) or a path to a .bin file")
    .optional(),
  STT_OPENAI_BASE_URL: httpUrl("STT_OPENAI_BASE_URL").optional(),
  STT_OPENAI_API_KEY: z.string().min(1).optional(),
  STT_OPENAI_MODEL: z.string().min(1).default("whisper-1"),
  STT_GEMINI_MODEL: z.string().min(1).optional(),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolMax: number;
  embeddedPgPort: number | undefined;
  jwtSecret: string | undefined;
  logLevel: z.infer<typeof envSchema>["LOG_LEVEL"];
  nodeEnv: z.infer<typeof envSchema>["NODE_ENV"];
  /** Empty: no cross-origin access. ["*"]: any origin. */
  corsOrigins: string[];
  bodyLimitBytes: number;
  trustProxy: boolean;
  ai: AiConfig;
  /**
   * Speech-to-text; "auto" is whisper when a model is in DATA_DIR/models, else PocketSphinx where it is
   * installed, else none (decided at start-up).
   */
  stt: SttSetting;
  /** Tried when the recognizer fails on a recording. */
  sttFallback: "pocketsphinx" | "none";
  /** A whisper model name (tiny.en, base.en, small.en) in DATA_DIR/models, or a .bin path; unset: the best present. */
  whisperModel: string | undefined;
  /** Where links in e-mails point; defaults to http://localhost:PORT. */
  siteUrl: string;
  auth: AuthConfig;
}

export type AiConfig =
  | { provider: "builtin" }
  | { provider: "gemini"; apiKey: string; model: string; baseUrl: string | undefined }
  | { provider: "openai"; apiKey: string; model: string; baseUrl: string | undefined };

export type SttSetting =
  | { provider: "auto" }
  | { provider: "none" }
  | { provider: "pocketsphinx" }
  | { provider: "whisper" }
  | { provider: "openai"; apiKey: string; model: string; baseUrl: string | undefined }
  | { provider: "gemini"; apiKey: string; model: string; baseUrl: string | undefined };

export interface AuthConfig {
  jwtExpirySeconds: number;
  /** Sign-ups are confirmed at once; default on for the embedded set-up, off with DATABASE_URL. */
  autoconfirm: boolean;
  refreshTokenReuseSeconds: number;
  smtpUrl: string | undefined;
  smtpFrom: string;
  /** Requests per 5 minutes per IP (token: with a burst), and e-mails per hour. */
  rateLimits: { token: number; tokenBurst: number; auth: number; verify: number; emailSentPerHour: number };
  /** Seconds a one-time token (confirmation, recovery) stays valid. */
  otpExpirySeconds: number;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Reads the environment once; throws ConfigError with one line naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ""),
  );
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? "environment");
      const got = present[name];
      const shown =
        name === "JWT_SECRET" || name === "DATABASE_URL" || got === undefined ? "" : ` (got "${got}")`;
      return issue.message.startsWith(name)
        ? `${issue.message}${shown}`
        : `${name}: ${issue.message}${shown}`;
    });
    throw new ConfigError(`Invalid configuration: ${problems.join("; ")}`);
  }
  const e = parsed.data;
  if (e.AI_PROVIDER === "gemini" && !e.GEMINI_API_KEY) {
    throw new ConfigError("Invalid configuration: AI_PROVIDER=gemini needs GEMINI_API_KEY");
  }
  if (e.AI_PROVIDER === "openai" && !e.OPENAI_API_KEY && !e.OPENAI_BASE_URL) {
    throw new ConfigError(
      "Invalid configuration: AI_PROVIDER=openai needs OPENAI_API_KEY (or OPENAI_BASE_URL for a local server)",
    );
  }
  const ai: AiConfig =
    e.AI_PROVIDER === "gemini"
      ? {
          provider: "gemini",
          apiKey: e.GEMINI_API_KEY ?? "",
          model: e.GEMINI_MODEL,
          baseUrl: e.GEMINI_BASE_URL,
        }
      : e.AI_PROVIDER === "openai"
        ? {
            provider: "openai",
            apiKey: e.OPENAI_API_KEY ?? "not-needed",
            model: e.OPENAI_MODEL,
            baseUrl: e.OPENAI_BASE_URL,
          }
        : { provider: "builtin" };
  return {
    ai,
    stt: sttSetting(e),
    sttFallback: e.STT_FALLBACK,
    whisperModel: e.WHISPER_MODEL,
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databasePoolMax: e.DATABASE_POOL_MAX,
    embeddedPgPort: e.EMBEDDED_PG_PORT,
    jwtSecret: e.JWT_SECRET,
    logLevel: e.LOG_LEVEL,
    nodeEnv: e.NODE_ENV,
    corsOrigins: e.CORS_ORIGINS.split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    trustProxy: e.TRUST_PROXY,
    siteUrl: (e.SITE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ""),
    auth: {
      jwtExpirySeconds: e.JWT_EXPIRY,
      autoconfirm: e.AUTH_AUTOCONFIRM ?? e.DATABASE_URL === undefined,
      refreshTokenReuseSeconds: e.REFRESH_TOKEN_REUSE_INTERVAL,
      smtpUrl: e.SMTP_URL,
      smtpFrom: e.SMTP_FROM,
      rateLimits: {
        token: e.RATE_LIMIT_TOKEN,
        tokenBurst: e.RATE_LIMIT_TOKEN_BURST,
        auth: e.RATE_LIMIT_AUTH,
        verify: e.RATE_LIMIT_VERIFY,
        emailSentPerHour: e.RATE_LIMIT_EMAIL_SENT,
      },
      otpExpirySeconds: 3600,
    },
  };
}

function sttSetting(e: z.infer<typeof envSchema>): SttSetting {
  switch (e.STT_PROVIDER) {
    case undefined:
      return { provider: "auto" };
    case "none":
    case "pocketsphinx":
    case "whisper":
      return { provider: e.STT_PROVIDER };
    case "openai": {
      const baseUrl = e.STT_OPENAI_BASE_URL ?? e.OPENAI_BASE_URL;
      const apiKey = e.STT_OPENAI_API_KEY ?? e.OPENAI_API_KEY;
      if (!apiKey && !baseUrl)
        throw new ConfigError(
          "Invalid configuration: STT_PROVIDER=openai needs STT_OPENAI_API_KEY or OPENAI_API_KEY (or a base URL for a local server)",
        );
      return { provider: "openai", apiKey: apiKey ?? "not-needed", baseUrl, model: e.STT_OPENAI_MODEL };
    }
    case "gemini":
      if (!e.GEMINI_API_KEY)
        throw new ConfigError("Invalid configuration: STT_PROVIDER=gemini needs GEMINI_API_KEY");
      return {
        provider: "gemini",
        apiKey: e.GEMINI_API_KEY,
        baseUrl: e.GEMINI_BASE_URL,
        model: e.STT_GEMINI_MODEL ?? e.GEMINI_MODEL,
      };
  }
}
