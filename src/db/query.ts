import type pg from "pg";

/** A parameterized statement with a name, so logs and errors say which query ran. */
export interface NamedQuery<Row> {
  readonly name: string;
  readonly text: string;
  /** Phantom field carrying the row type; never set. */
  readonly row?: Row;
}

export function query<Row = Record<string, unknown>>(name: string, text: string): NamedQuery<Row> {
  return { name, text };
}

export type Queryable = Pick<pg.PoolClient, "query">;

export class QueryError extends Error {
  constructor(
    readonly queryName: string,
    cause: unknown,
  ) {
    super(`query ${queryName} failed: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.name = "QueryError";
  }
}

export async function many<Row>(db: Queryable, q: NamedQuery<Row>, values: unknown[] = []): Promise<Row[]> {
  try {
    const result = await db.query(q.text, values);
    return result.rows as Row[];
  } catch (error) {
    throw new QueryError(q.name, error);
  }
}

export async function one<Row>(
  db: Queryable,
  q: NamedQuery<Row>,
  values: unknown[] = [],
): Promise<Row | undefined> {
  const rows = await many(db, q, values);
  return rows[0];
}
