import { readFile } from "node:fs/promises";

const DOCUMENT = new URL("../../docs/design-document.md", import.meta.url);

/** The SQL blocks of the design document (a copy kept in docs/), in order. */
export async function documentSqlBlocks(): Promise<string[]> {
  const text = await readFile(DOCUMENT, "utf8");
  return [...text.matchAll(/```sql\n([\s\S]*?)```/g)].map((match) => match[1] ?? "");
}

export async function documentSql(
  kind: "tables" | "indexes" | "storage" | "policies" | "samples",
): Promise<string> {
  const blocks = await documentSqlBlocks();
  const pick: Record<typeof kind, (block: string) => boolean> = {
    tables: (b) => /CREATE TABLE public\./.test(b),
    indexes: (b) => /CREATE INDEX/.test(b),
    storage: (b) => /INSERT INTO storage\.buckets/.test(b),
    policies: (b) => /ENABLE ROW LEVEL SECURITY/.test(b),
    samples: (b) => /INSERT INTO public\.job_roles/.test(b),
  };
  return blocks.filter(pick[kind]).join("\n");
}
