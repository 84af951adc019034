import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";

const secretsSchema = z.object({
  jwtSecret: z.string().min(32),
  embeddedPgPassword: z.string().min(16),
});

export type Secrets = z.infer<typeof secretsSchema>;

const generate = () => randomBytes(32).toString("base64url");

/**
 * Secrets nobody configured are generated on first run and kept in DATA_DIR/secrets.json
 * (mode 0600) so tokens and the embedded database survive restarts. They are never logged.
 */
export async function loadSecrets(dataDir: string): Promise<Secrets> {
  const file = path.join(dataDir, "secrets.json");
  let stored: Partial<Secrets> = {};
  try {
    stored = JSON.parse(await readFile(file, "utf8")) as Partial<Secrets>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
      throw new Error(`Cannot read ${file}: ${(error as Error).message}`);
    }
  }
  const complete = secretsSchema.safeParse(stored);
  if (complete.success) return complete.data;

  const secrets: Secrets = {
    jwtSecret:
      typeof stored.jwtSecret === "string" && stored.jwtSecret.length >= 32 ? stored.jwtSecret : generate(),
    embeddedPgPassword:
      typeof stored.embeddedPgPassword === "string" && stored.embeddedPgPassword.length >= 16
        ? stored.embeddedPgPassword
        : generate(),
  };
  await mkdir(dataDir, { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  await rename(temporary, file);
  return secrets;
}
