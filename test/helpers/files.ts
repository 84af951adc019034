import { readFileSync } from "node:fs";

/** A fixture's bytes (test/fixtures/files). */
export function fixture(name: string): Buffer {
  return readFileSync(new URL(`../fixtures/files/${name}`, import.meta.url));
}
