import { query } from "../db/query.ts";

export const ping = query<{ ok: number }>("system.ping", "select 1 as ok");
