import { Button, Group, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { humanize } from "../api/errors.ts";
import { keys } from "../api/keys.ts";
import { supabase } from "../api/supabase.ts";
import { DevMailboxHint } from "./dev-mailbox-hint.tsx";

/** Change the e-mail (confirmed by a link sent to the new address) or the password, while signed in. */
export function SignInDetails({ email }: { email: string }) {
  return (
    <Stack gap="lg">
      <ChangeEmail current={email} />
      <ChangePassword />
    </Stack>
  );
}

function ChangeEmail({ current }: { current: string }) {
  const queryClient = useQueryClient();
  const [sentTo, setSentTo] = useState<string>();
  const [changedTo, setChangedTo] = useState<string>();
  const [error, setError] = useState<string>();
  const form = useForm({
    initialValues: { email: "" },
    validate: {
      email: (v) =>
        !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.trim())
          ? "Enter an e-mail address like name@example.com"
          : v.trim().toLowerCase() === current.toLowerCase()
            ? "That is already your e-mail address"
            : null,
    },
  });
  const submit = form.onSubmit(async ({ email }) => {
    setError(undefined);
    setSentTo(undefined);
    setChangedTo(undefined);
    const wanted = email.trim().toLowerCase();
    const { data, error: failed } = await (await supabase()).auth.updateUser({ email: wanted });
    if (failed) return setError(humanize(failed));
    // A server that confirms at once (development) changes it now; otherwise the link confirms it.
    if (data.user?.email?.toLowerCase() === wanted) {
      setChangedTo(wanted);
      await queryClient.invalidateQueries({ queryKey: keys.profile });
    } else {
      setSentTo(wanted);
    }
    form.reset();
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <Title order={3} size="h5">
          E-mail address
        </Title>
        <Text size="sm">
          You sign in with <strong>{current}</strong>. A new address takes effect once you open the link we
          send to it.
        </Text>
        <Group align="flex-end" wrap="wrap">
          <TextInput
            label="New e-mail address"
            type="email"
            autoComplete="email"
            data-testid="new-email"
            {...form.getInputProps("email")}
          />
          <Button type="submit" variant="default" loading={form.submitting} data-testid="change-email">
            Change e-mail
          </Button>
        </Group>
        {error && (
          <Text size="sm" c="red" role="alert">
            {error}
          </Text>
        )}
        {changedTo && (
          <Text size="sm" role="status">
            Your e-mail address is now {changedTo}.
          </Text>
        )}
        {sentTo && (
          <>
            <Text size="sm" role="status">
              We sent a confirmation link to {sentTo}.
            </Text>
            <DevMailboxHint />
          </>
        )}
      </Stack>
    </form>
  );
}

function ChangePassword() {
  const [error, setError] = useState<string>();
  const form = useForm({
    initialValues: { password: "", confirm: "" },
    validate: {
      password: (v) => (v.length < 8 ? "Use at least 8 characters" : null),
      confirm: (v, values) => (v !== values.password ? "The two passwords differ" : null),
    },
  });
  const submit = form.onSubmit(async ({ password }) => {
    setError(undefined);
    const { error: failed } = await (await supabase()).auth.updateUser({ password });
    if (failed) return setError(humanize(failed));
    form.reset();
    notifications.show({ color: "green", message: "Your password was changed." });
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <Title order={3} size="h5">
          Password
        </Title>
        <Group align="flex-end" wrap="wrap">
          <PasswordInput
            label="New password"
            autoComplete="new-password"
            data-testid="new-password"
            {...form.getInputProps("password")}
          />
          <PasswordInput
            label="Repeat the new password"
            autoComplete="new-password"
            data-testid="new-password-again"
            {...form.getInputProps("confirm")}
          />
          <Button type="submit" variant="default" loading={form.submitting} data-testid="change-password">
            Change password
          </Button>
        </Group>
        {error && (
          <Text size="sm" c="red" role="alert">
            {error}
          </Text>
        )}
      </Stack>
    </form>
  );
}
