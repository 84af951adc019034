import { type Config, ConfigError, loadConfig } from "../config.ts";
import { DatabaseStartError, openDatabase } from "../db/connect.ts";
import { migrate, seed } from "../db/migrator.ts";
import { createLogger, type Logger } from "../logger.ts";
import { loadSecrets } from "../secrets.ts";
import { startServer } from "../server.ts";

const USAGE = `Usage: rehearse <command>

Commands:
  serve     start the server (migrates and seeds first)
  migrate   apply database migrations
  seed      (re)apply seed data: the design document's job roles, questions and settings
  help      show this text

Configuration comes from environment variables; see the README.`;

type Command = (config: Config, log: Logger) => Promise<void>;

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
};

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
  const log = createLogger(config);
  try {
    await command(config, log);
    return name === "serve" ? -1 : 0;
  } catch (error) {
    const known = error instanceof DatabaseStartError || error instanceof ConfigError;
    if (!known) log.error({ err: error }, `${name} failed`);
    process.stderr.write(`rehearse: ${(error as Error).message.split("\n")[0]}\n`);
    return 1;
  }
}

const code = await main(process.argv.slice(2));
// serve keeps running until a signal; everything else exits with its code.
if (code >= 0) process.exit(code);
