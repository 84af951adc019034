import { query } from "../db/query.ts";

// The app_settings every capability reads (under the caller's RLS: signed-in users see the active ones).

export const setting = query<{ setting_value: unknown }>(
  "settings.one",
  "select setting_value from public.app_settings where setting_key = $1 and is_active",
);

/** Several active settings in one read. */
export const settingsByKey = query<{ setting_key: string; setting_value: unknown }>(
  "settings.by_key",
  "select setting_key, setting_value from public.app_settings where setting_key = any($1) and is_active",
);
