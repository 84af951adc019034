import type { Caller } from "../auth/service.ts";
import type { Pool } from "../db/pool.ts";
import { many, one } from "../db/query.ts";
import { asUser } from "../db/scopes.ts";
import { AppError, validationFailed } from "../errors.ts";
import { aiLogStats, aiLogs, allSettings, type SettingRow, updateSetting } from "./queries.ts";
import { validateSetting } from "./settings.ts";

type User = Extract<Caller, { kind: "user" }>;

/** The admin console's data: app settings (validated per key) and the AI call log, through RLS. */
export class AdminConsole {
  constructor(private readonly pool: Pool) {}

  settings(caller: User): Promise<SettingRow[]> {
    return asUser(this.pool, caller.claims, (tx) => many(tx, allSettings));
  }

  async updateSetting(
    caller: User,
    key: string,
    patch: { setting_value?: unknown; description?: string; is_active?: boolean },
  ): Promise<SettingRow> {
    if (patch.setting_value !== undefined) {
      const checked = validateSetting(key, patch.setting_value);
      if (!checked.success) throw validationFailed(checked.error, "setting_value");
    }
    const row = await asUser(this.pool, caller.claims, (tx) =>
      one(tx, updateSetting, [
        key,
        patch.setting_value === undefined ? null : JSON.stringify(patch.setting_value),
        patch.description ?? null,
        patch.is_active ?? null,
      ]),
    );
    if (!row) throw new AppError("not_found", `There is no setting ${key}.`);
    return row;
  }

  async aiLogs(
    caller: User,
    filter: { provider?: string; request_type?: string; status?: string; limit: number; offset: number },
  ) {
    return asUser(this.pool, caller.claims, async (tx) => ({
      logs: await many(tx, aiLogs, [
        filter.provider ?? null,
        filter.request_type ?? null,
        filter.status ?? null,
        filter.limit,
        filter.offset,
      ]),
      last_7_days: await many(tx, aiLogStats),
    }));
  }
}
