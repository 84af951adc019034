import {
  Badge,
  Button,
  Card,
  Chip,
  Group,
  JsonInput,
  NumberInput,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../api/client.ts";
import { keys } from "../api/keys.ts";
import type { AppSetting } from "../api/types.ts";
import { AdminOnly } from "../components/admin-only.tsx";
import { ErrorAlert } from "../components/error-alert.tsx";
import { Page } from "../components/page.tsx";
import { PageLoader } from "../components/page-loader.tsx";
import { dateTime } from "../format.ts";

/** Whole-number settings and their allowed ranges (as the server checks them). */
const NUMBERS: Record<string, { min: number; max: number; unit?: string }> = {
  max_interview_duration: { min: 60, max: 4 * 3600, unit: "seconds" },
  default_questions_per_interview: { min: 1, max: 50 },
  gemini_api_timeout: { min: 1, max: 300, unit: "seconds" },
  max_resume_size_mb: { min: 1, max: 50, unit: "MB" },
  question_repeat_window_sessions: { min: 0, max: 50, unit: "sessions" },
  peer_comparison_min_peers: { min: 1, max: 1000, unit: "people" },
};
const AUDIO_FORMATS = ["wav", "mp3", "m4a", "webm", "ogg", "flac", "aac"];
const PLANS = ["free", "premium", "enterprise"];

/** Checks a value as the server will; returns the problem in words, or null. */
function validateSetting(key: string, value: unknown): string | null {
  const range = NUMBERS[key];
  if (range) {
    if (typeof value !== "number" || !Number.isInteger(value)) return "Enter a whole number.";
    if (value < range.min || value > range.max) return `Enter a number from ${range.min} to ${range.max}.`;
    return null;
  }
  if (key === "supported_audio_formats") {
    if (!Array.isArray(value) || value.length === 0) return "Choose at least one format.";
    return null;
  }
  if (key === "plan_limits") {
    const plans = value as Record<
      string,
      { sessions_per_month?: unknown; questions_per_session?: unknown }
    > | null;
    for (const plan of PLANS) {
      const limits = plans?.[plan];
      if (!limits || typeof limits !== "object") return `Give limits for the ${plan} plan.`;
      for (const [field, max] of [
        ["sessions_per_month", 10_000],
        ["questions_per_session", 50],
      ] as const) {
        const n = limits[field];
        if (n !== null && !(typeof n === "number" && Number.isInteger(n) && n >= 1 && n <= max))
          return `${plan}.${field} must be null (unlimited) or a whole number from 1 to ${max}.`;
      }
    }
  }
  return null;
}

function ValueEditor({
  setting,
  value,
  onChange,
}: {
  setting: AppSetting;
  value: unknown;
  onChange: (v: unknown) => void;
}) {
  const key = setting.setting_key;
  const range = NUMBERS[key];
  if (range)
    return (
      <NumberInput
        label={`Value${range.unit ? ` (${range.unit})` : ""}`}
        min={range.min}
        max={range.max}
        allowDecimal={false}
        value={typeof value === "number" ? value : ""}
        onChange={(v) => onChange(v === "" ? undefined : Number(v))}
        w={220}
      />
    );
  if (key === "supported_audio_formats")
    return (
      <div>
        <Text size="sm" fw={500} mb={4} id={`${key}-label`}>
          Accepted formats
        </Text>
        <Chip.Group multiple value={Array.isArray(value) ? value.map(String) : []} onChange={onChange}>
          <Group gap="xs" role="group" aria-labelledby={`${key}-label`}>
            {AUDIO_FORMATS.map((f) => (
              <Chip key={f} value={f}>
                {f}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
      </div>
    );
  return <JsonEditor value={value} onChange={onChange} />;
}

function JsonEditor({ value, onChange }: { value: unknown; onChange: (v: unknown) => void }) {
  const [text, setText] = useState(() => JSON.stringify(value, null, 2));
  return (
    <JsonInput
      label="Value (JSON)"
      autosize
      minRows={3}
      maxRows={16}
      formatOnBlur
      validationError="This is not valid JSON."
      value={text}
      onChange={(next) => {
        setText(next);
        try {
          onChange(JSON.parse(next));
        } catch {
          onChange(Symbol.for("invalid-json"));
        }
      }}
    />
  );
}

function SettingCard({ setting }: { setting: AppSetting }) {
  const queryClient = useQueryClient();
  const [value, setValue] = useState<unknown>(setting.setting_value);
  const [description, setDescription] = useState(setting.description ?? "");
  const [active, setActive] = useState(setting.is_active);
  const invalidJson = value === Symbol.for("invalid-json");
  const problem = invalidJson ? "This is not valid JSON." : validateSetting(setting.setting_key, value);
  const changed =
    JSON.stringify(value) !== JSON.stringify(setting.setting_value) ||
    description !== (setting.description ?? "") ||
    active !== setting.is_active;

  const save = useMutation({
    mutationFn: () => {
      const body: Record<string, unknown> = {};
      if (JSON.stringify(value) !== JSON.stringify(setting.setting_value)) body.setting_value = value;
      if (description !== (setting.description ?? "")) body.description = description;
      if (active !== setting.is_active) body.is_active = active;
      return api<AppSetting>(`/api/admin/settings/${encodeURIComponent(setting.setting_key)}`, {
        method: "PATCH",
        body,
      });
    },
    onSuccess: () => {
      notifications.show({ color: "green", message: `${setting.setting_key} saved.` });
      return queryClient.invalidateQueries({ queryKey: keys.adminSettings });
    },
  });

  return (
    <Card withBorder padding="lg" data-testid={`setting-${setting.setting_key}`}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h5" ff="monospace">
            {setting.setting_key}
          </Title>
          <Group gap="xs">
            {!setting.is_active && <Badge color="gray">Inactive</Badge>}
            <Text size="xs" c="dimmed">
              Updated {dateTime(setting.updated_at)}
            </Text>
          </Group>
        </Group>
        <ValueEditor setting={setting} value={value} onChange={setValue} />
        {problem && !invalidJson && (
          <Text size="sm" c="red" role="alert">
            {problem}
          </Text>
        )}
        <TextInput
          label="Description"
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          maxLength={500}
        />
        <Switch label="Active" checked={active} onChange={(e) => setActive(e.currentTarget.checked)} />
        {save.isError && <ErrorAlert error={save.error} title="Not saved" />}
        <Group>
          <Button
            onClick={() => save.mutate()}
            disabled={!changed || Boolean(problem)}
            loading={save.isPending}
          >
            Save
          </Button>
          {changed && (
            <Button
              variant="subtle"
              onClick={() => {
                setValue(setting.setting_value);
                setDescription(setting.description ?? "");
                setActive(setting.is_active);
              }}
            >
              Undo changes
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
  );
}

function Settings() {
  const settings = useQuery({
    queryKey: keys.adminSettings,
    queryFn: () => api<AppSetting[]>("/api/admin/settings"),
  });
  return (
    <Page title="App settings" width={860}>
      <Text>
        Changes apply at once. Values are checked against what each setting may hold before they are saved.
      </Text>
      {settings.isPending && <PageLoader />}
      {settings.isError && <ErrorAlert error={settings.error} onRetry={() => settings.refetch()} />}
      {settings.data?.map((s) => (
        <SettingCard key={`${s.setting_key}-${s.updated_at}`} setting={s} />
      ))}
    </Page>
  );
}

export default function AdminSettingsPage() {
  return (
    <AdminOnly title="App settings">
      <Settings />
    </AdminOnly>
  );
}
