import { pino } from "pino";
import { setAdmin } from "../accounts/admin.ts";
import { TokenService } from "../auth/tokens.ts";
import { type Config, ConfigError, loadConfig } from "../config.ts";
import { DatabaseStartError, openDatabase } from "../db/connect.ts";
import { migrate, seed } from "../db/migrator.ts";
import { createPool } from "../db/pool.ts";
import { createLogger, type Logger } from "../logger.ts";
import { analyzeFile, formatAnalysis } from "../resumes/cli.ts";
import { PdfError } from "../resumes/pdf/extract.ts";
import { loadSecrets } from "../secrets.ts";
import { startServer } from "../server.ts";
import { ModelsCommandError, runModels } from "./models.ts";
import { runScore } from "./score.ts";
import { runTranscribe, TranscribeUsageError } from "./transcribe.ts";

const USAGE = `Usage: rehearse <command>

Commands:
  serve     start the server (migrates and seeds first)
  migrate   apply database migrations
  seed      (re)apply seed data: the design document's job roles, questions and settings
  keys      print the anon and service-role keys (--json for {"anon": …, "service_role": …})
  admin grant EMAIL | admin revoke EMAIL
            give or take away the admin role (app_metadata.role = "admin")
  resume analyze FILE.pdf [--role "Backend Developer"] [--json]
            parse and analyze a resume (offline, built-in analyzer)
  score     score interview answers: JSON lines on standard input, one JSON result line each on
            standard output (offline, built-in scorer; exit code 1 if any line was invalid)
  transcribe FILE [--provider whisper|pocketsphinx|openai|gemini] [--base-url URL] [--model NAME] [--json]
            print what speech-to-text hears in an audio file (STT_PROVIDER by default; --json for
            the words with their times and confidences)
  models pull whisper tiny.en|base.en|small.en | models list [--json] [--verify]
            download a whisper.cpp model into DATA_DIR/models (sha256-checked, resumable), or list them
  help      show this text

Configuration comes from environment variables; see the README.`;

type Command = (config: Config, log: Logger, args: string[]) => Promise<void>;

const COMMANDS: Record<string, Command> = {
  serve: async (config, log) => {
    const server = await startServer(config, log);
    process.stdout.write(`Rehearse is running at ${server.url}\n`);
    onShutdownSignal(server.close, log);
  },
  migrate: (config, log) =>
    withDatabase(config, log, async (url) => {
      const applied = await migrate(url, log);
      process.stdout.write(
        applied.length ? `Applied ${applied.join(", ")}\n` : "The schema is up to date.\n",
      );
    }),
  seed: (config, log) =>
    withDatabase(config, log, async (url) => {
      await migrate(url, log);
      const applied = await seed(url, log, { all: true });
      process.stdout.write(`Seeded ${applied.join(", ")}\n`);
    }),
  keys: async (config, _log, args) => {
    const secrets = await loadSecrets(config.dataDir);
    const tokens = new TokenService(
      config.jwtSecret ?? secrets.jwtSecret,
      "rehearse",
      config.auth.jwtExpirySeconds,
    );
    const keys = await tokens.projectKeys();
    process.stdout.write(
      args.includes("--json")
        ? `${JSON.stringify(keys)}\n`
        : `anon key (for browsers and apps):\n${keys.anon}\n\nservice-role key (server-side only; bypasses row-level security):\n${keys.service_role}\n`,
    );
  },
  resume: resumeCommand,
  score: async () => {
    if ((await runScore(process.stdin, process.stdout)) !== 0)
      throw new UsageError("some input lines were invalid; see their error lines");
  },
  transcribe: (config, _log, args) =>
    runTranscribe(args, process.stdout, config.stt, process.env, config).catch((error: unknown) => {
      throw error instanceof TranscribeUsageError ? new UsageError(error.message) : error;
    }),
  models: (config, _log, args) =>
    runModels(args, config.dataDir).catch((error: unknown) => {
      throw error instanceof ModelsCommandError ? new UsageError(error.message) : error;
    }),
  admin: (config, log, args) => {
    const [action, email] = args;
    if ((action !== "grant" && action !== "revoke") || !email) {
      throw new UsageError("usage: rehearse admin grant|revoke EMAIL");
    }
    return withDatabase(config, log, async (url) => {
      await migrate(url, log);
      const found = await setAdmin(url, log, email, action === "grant");
      if (!found) throw new UsageError(`no user has the e-mail address ${email}`);
      process.stdout.write(`${email} is ${action === "grant" ? "now" : "no longer"} an admin.\n`);
    });
  },
};

async function resumeCommand(config: Config, log: Logger, args: string[]): Promise<void> {
  const [action, file, ...flags] = args;
  if (action !== "analyze" || !file)
    throw new UsageError('usage: rehearse resume analyze FILE.pdf [--role "Backend Developer"] [--json]');
  const roleIndex = flags.indexOf("--role");
  const role = roleIndex >= 0 ? flags[roleIndex + 1] : undefined;
  if (roleIndex >= 0 && !role) throw new UsageError("--role needs a job role title");
  await withDatabase(config, log, async (url) => {
    await migrate(url, log);
    await seed(url, log);
    const pool = createPool(url, 2, log);
    try {
      const result = await analyzeFile(pool, file, role);
      process.stdout.write(
        flags.includes("--json") ? `${JSON.stringify(result, null, 2)}\n` : formatAnalysis(result),
      );
    } catch (error) {
      if (error instanceof PdfError || (error as NodeJS.ErrnoException).code === "ENOENT")
        throw new UsageError((error as Error).message);
      throw error;
    } finally {
      await pool.end();
    }
  });
}

class UsageError extends Error {
  override name = "UsageError";
}

async function withDatabase(
  config: Config,
  log: Logger,
  work: (url: string) => Promise<void>,
): Promise<void> {
  const database = await openDatabase(config, await loadSecrets(config.dataDir), log);
  try {
    await work(database.url);
  } finally {
    await database.stop();
  }
}

function onShutdownSignal(close: () => Promise<void>, log: Logger): void {
  let signalled = false;
  const handler = (signal: NodeJS.Signals) => {
    if (signalled) {
      log.warn({ signal }, "second signal: exiting at once");
      process.exit(1);
    }
    signalled = true;
    log.info({ signal }, "signal received");
    close().then(
      () => process.exit(0),
      (error) => {
        log.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
  // While shutting down, a library's late query may fail because the database is already gone; that must
  // not turn a clean stop into a crash. At any other time an unhandled rejection is a bug: log and exit.
  process.on("unhandledRejection", (error) => {
    if (signalled) {
      log.warn({ err: error }, "ignored a failure during shutdown");
      return;
    }
    log.fatal({ err: error }, "unhandled rejection");
    process.exit(1);
  });
}

export async function main(argv: string[]): Promise<number> {
  const [name = "help", ...rest] = argv;
  const command = COMMANDS[name];
  if (!command || rest.includes("--help")) {
    process.stdout.write(`${USAGE}\n`);
    return name === "help" || name === "--help" || (command && rest.includes("--help")) ? 0 : 2;
  }
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`rehearse: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  // Only the server logs to standard output; other commands keep it for their results (--json).
  const log = createLogger(config, name === "serve" ? undefined : pino.destination(2));
  try {
    await command(config, log, rest);
    return name === "serve" ? -1 : 0;
  } catch (error) {
    const known =
      error instanceof DatabaseStartError || error instanceof ConfigError || error instanceof UsageError;
    if (!known) log.error({ err: error }, `${name} failed`);
    process.stderr.write(`rehearse: ${(error as Error).message.split("\n")[0]}\n`);
    return 1;
  }
}

const code = await main(process.argv.slice(2));
// serve keeps running until a signal; everything else exits with its code.
if (code >= 0) process.exit(code);
