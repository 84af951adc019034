import {
  Alert,
  Button,
  Group,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { api } from "../api/client.ts";
import { ApiError, humanize } from "../api/errors.ts";
import { keys } from "../api/keys.ts";
import { useRoles } from "../api/queries.ts";
import type { Profile } from "../api/types.ts";

export const EXPERIENCE_LEVELS = [
  { value: "entry", label: "Entry level (0–2 years)" },
  { value: "mid", label: "Mid level (2–5 years)" },
  { value: "senior", label: "Senior (5+ years)" },
  { value: "executive", label: "Executive" },
];

const GENDERS = [
  { value: "female", label: "Female" },
  { value: "male", label: "Male" },
  { value: "other", label: "Other" },
  { value: "prefer_not_to_say", label: "Prefer not to say" },
];

type Field =
  | "full_name"
  | "experience_level"
  | "preferred_job_roles"
  | "current_position"
  | "current_company"
  | "location"
  | "phone_number"
  | "date_of_birth"
  | "gender"
  | "bio"
  | "linkedin_url"
  | "github_url"
  | "portfolio_url";

type Values = Record<Exclude<Field, "preferred_job_roles">, string> & { preferred_job_roles: string[] };

const NAME = /^[\p{L}\p{M}][\p{L}\p{M}\p{Zs}'’.,-]*$/u;

function urlCheck(hosts: string[] | undefined, example: string) {
  return (value: string) => {
    if (!value.trim()) return null;
    try {
      const url = new URL(value.trim());
      const host = url.hostname.replace(/^www\./, "");
      if (!["http:", "https:"].includes(url.protocol))
        return `Enter a link starting with https://, e.g. ${example}`;
      if (hosts && (!hosts.includes(host) || url.pathname.length <= 1))
        return `Enter a profile link, e.g. ${example}`;
      return null;
    } catch {
      return `Enter a full link, e.g. ${example}`;
    }
  };
}

/** Edits the profile's fields (all, or the chosen few); sends only what changed, and shows the server's field errors. */
export function ProfileForm({
  profile,
  fields,
  submitLabel = "Save",
  onSaved,
  extraActions,
}: {
  profile: Profile;
  fields?: Field[];
  submitLabel?: string;
  onSaved?: (profile: Profile) => void;
  extraActions?: ReactNode;
}) {
  const queryClient = useQueryClient();
  const roles = useRoles();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const shown = (field: Field) => !fields || fields.includes(field);

  const initial: Values = {
    full_name: profile.full_name ?? "",
    experience_level: profile.experience_level ?? "",
    preferred_job_roles: profile.preferred_job_roles ?? [],
    current_position: profile.current_position ?? "",
    current_company: profile.current_company ?? "",
    location: profile.location ?? "",
    phone_number: profile.phone_number ?? "",
    date_of_birth: profile.date_of_birth ?? "",
    gender: profile.gender ?? "",
    bio: profile.bio ?? "",
    linkedin_url: profile.linkedin_url ?? "",
    github_url: profile.github_url ?? "",
    portfolio_url: profile.portfolio_url ?? "",
  };
  const form = useForm<Values>({
    initialValues: initial,
    validate: {
      full_name: (v) =>
        !v.trim() ? "Enter your name" : NAME.test(v.trim()) ? null : "Use letters, spaces, ' - . and , only",
      phone_number: (v) =>
        !v.trim() || /^\+[\d\s().-]{6,}$/.test(v.trim())
          ? null
          : "Include the country code, e.g. +44 20 7946 0958",
      date_of_birth: (v) => (!v || v < new Date().toISOString().slice(0, 10) ? null : "Must be in the past"),
      preferred_job_roles: (v) => (v.length <= 10 ? null : "Choose at most 10 roles"),
      bio: (v) => (v.length <= 2000 ? null : "Keep it under 2,000 characters"),
      linkedin_url: urlCheck(["linkedin.com"], "https://www.linkedin.com/in/your-name"),
      github_url: urlCheck(["github.com"], "https://github.com/your-name"),
      portfolio_url: urlCheck(undefined, "https://your-site.dev"),
    },
  });

  const submit = form.onSubmit(async (values) => {
    const patch: Record<string, unknown> = {};
    for (const key of Object.keys(values) as Field[]) {
      if (!shown(key)) continue;
      const now = values[key];
      const before = initial[key];
      if (JSON.stringify(now) === JSON.stringify(before)) continue;
      if (Array.isArray(now)) patch[key] = now.length ? now : null;
      else patch[key] = key === "full_name" ? now.trim() : now.trim() === "" ? null : now.trim();
    }
    setBusy(true);
    setError(undefined);
    try {
      const saved = await api<Profile>("/api/profile", { method: "PATCH", body: patch });
      queryClient.setQueryData(keys.profile, saved);
      form.resetDirty();
      onSaved?.(saved);
    } catch (caught) {
      if (caught instanceof ApiError) form.setErrors(caught.fields);
      setError(caught);
    } finally {
      setBusy(false);
    }
  });

  const roleOptions = (roles.data ?? []).map((r) => ({ value: r.id, label: r.title }));

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {error !== undefined && (
          <Alert color="red" role="alert" title="Not saved">
            {humanize(error)}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {shown("full_name") && (
            <TextInput label="Full name" autoComplete="name" required {...form.getInputProps("full_name")} />
          )}
          {shown("experience_level") && (
            <Select
              label="Experience level"
              data={EXPERIENCE_LEVELS}
              clearable
              placeholder="Choose your level"
              data-testid="experience-level"
              {...form.getInputProps("experience_level")}
              onChange={(v) => form.setFieldValue("experience_level", v ?? "")}
            />
          )}
        </SimpleGrid>
        {shown("preferred_job_roles") && (
          <MultiSelect
            label="Roles you're preparing for"
            description="Up to 10. Your dashboard tracks your progress per role."
            data={roleOptions}
            searchable
            clearable
            maxValues={10}
            nothingFoundMessage="No role matches"
            data-testid="preferred-roles"
            {...form.getInputProps("preferred_job_roles")}
          />
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {shown("current_position") && (
            <TextInput
              label="Current position"
              autoComplete="organization-title"
              {...form.getInputProps("current_position")}
            />
          )}
          {shown("current_company") && (
            <TextInput
              label="Current company"
              autoComplete="organization"
              {...form.getInputProps("current_company")}
            />
          )}
          {shown("location") && (
            <TextInput label="Location" autoComplete="address-level2" {...form.getInputProps("location")} />
          )}
          {shown("phone_number") && (
            <TextInput label="Phone" type="tel" autoComplete="tel" {...form.getInputProps("phone_number")} />
          )}
          {shown("date_of_birth") && (
            <TextInput
              label="Date of birth"
              type="date"
              autoComplete="bday"
              {...form.getInputProps("date_of_birth")}
            />
          )}
          {shown("gender") && (
            <Select
              label="Gender"
              data={GENDERS}
              clearable
              {...form.getInputProps("gender")}
              onChange={(v) => form.setFieldValue("gender", v ?? "")}
            />
          )}
        </SimpleGrid>
        {shown("bio") && (
          <Textarea label="About you" autosize minRows={3} maxRows={8} {...form.getInputProps("bio")} />
        )}
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {shown("linkedin_url") && (
            <TextInput label="LinkedIn" type="url" {...form.getInputProps("linkedin_url")} />
          )}
          {shown("github_url") && (
            <TextInput label="GitHub" type="url" {...form.getInputProps("github_url")} />
          )}
          {shown("portfolio_url") && (
            <TextInput label="Portfolio" type="url" {...form.getInputProps("portfolio_url")} />
          )}
        </SimpleGrid>
        <Group>
          <Button type="submit" loading={busy} data-testid="profile-save">
            {submitLabel}
          </Button>
          {extraActions}
        </Group>
      </Stack>
    </form>
  );
}
