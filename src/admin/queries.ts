import { query } from "../db/query.ts";

export type SettingRow = {
  id: string;
  setting_key: string;
  setting_value: unknown;
  description: string | null;
  is_active: boolean;
  updated_by: string | null;
  created_at: Date;
  updated_at: Date;
};

export type AiLogRow = {
  id: string;
  user_id: string | null;
  api_endpoint: string;
  request_type: string;
  request_payload: unknown;
  response_payload: unknown;
  tokens_used: number | null;
  processing_time_ms: number | null;
  status: string;
  error_message: string | null;
  created_at: Date;
};

// All run under the caller's RLS: only admins see every setting and the AI call log.
export const allSettings = query<SettingRow>(
  "admin.all_settings",
  "select * from public.app_settings order by setting_key",
);
export const updateSetting = query<SettingRow>(
  "admin.update_setting",
  `update public.app_settings set setting_value = coalesce($2, setting_value),
     description = coalesce($3, description), is_active = coalesce($4, is_active), updated_by = auth.uid()
   where setting_key = $1 returning *`,
);
export const aiLogs = query<AiLogRow>(
  "admin.ai_logs",
  `select * from public.gemini_api_logs
   where ($1::text is null or api_endpoint ilike $1 || '%') and ($2::text is null or request_type = $2)
     and ($3::text is null or status = $3)
   order by created_at desc, id desc limit $4 offset $5`,
);
export const aiLogStats = query<{
  request_type: string;
  status: string;
  calls: number;
  avg_ms: number | null;
}>(
  "admin.ai_log_stats",
  `select request_type, status, count(*)::int as calls, round(avg(processing_time_ms))::int as avg_ms
   from public.gemini_api_logs where created_at > now() - interval '7 days'
   group by request_type, status order by request_type, status`,
);
