import { Anchor, Badge, Button, Card, Group, Modal, PasswordInput, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { api } from "../api/client.ts";
import { humanize } from "../api/errors.ts";
import { useProfile } from "../api/queries.ts";
import { supabase } from "../api/supabase.ts";
import { AvatarEditor } from "../components/avatar-editor.tsx";
import { ErrorAlert } from "../components/error-alert.tsx";
import { Page } from "../components/page.tsx";
import { PageLoader } from "../components/page-loader.tsx";
import { ProfileForm } from "../components/profile-form.tsx";
import { SignInDetails } from "../components/sign-in-details.tsx";
import { date } from "../format.ts";

function exportData() {
  api<unknown>("/api/account/export")
    .then((document) => {
      const blob = new Blob([JSON.stringify(document, null, 2)], { type: "application/json" });
      const link = window.document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = `rehearse-export-${new Date().toISOString().slice(0, 10)}.json`;
      link.click();
      URL.revokeObjectURL(link.href);
    })
    .catch((error: unknown) =>
      notifications.show({ color: "red", title: "Export failed", message: humanize(error) }),
    );
}

function DeleteAccount() {
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState("");
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const remove = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await api("/api/account", { method: "DELETE", body: { password } });
      await (await supabase()).auth.signOut({ scope: "local" });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button color="red" variant="outline" onClick={() => setOpen(true)}>
        Delete my account
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title="Delete your account?">
        <Stack>
          <Text size="sm">
            This removes your profile, resumes, recordings, interviews and reports for good. Enter your
            password to confirm.
          </Text>
          {error !== undefined && (
            <Text c="red" size="sm" role="alert">
              {humanize(error)}
            </Text>
          )}
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>
              Keep my account
            </Button>
            <Button color="red" onClick={remove} loading={busy} disabled={!password}>
              Delete everything
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

export default function ProfilePage() {
  const profile = useProfile();
  if (profile.isPending) return <PageLoader />;
  if (profile.isError) return <ErrorAlert error={profile.error} onRetry={() => profile.refetch()} />;
  const p = profile.data;
  return (
    <Page title="Profile" width={860}>
      <Card withBorder padding="lg">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <AvatarEditor profile={p} />
          <Stack gap={4} align="flex-end">
            <Badge size="lg" variant="light" tt="capitalize">
              {p.subscription_type} plan
            </Badge>
            {p.subscription_expires_at && (
              <Text size="sm" c="dimmed">
                until {date(p.subscription_expires_at)}
              </Text>
            )}
            <Text size="sm">{p.email}</Text>
          </Stack>
        </Group>
      </Card>
      <Card withBorder padding="lg">
        <Title order={2} size="h4" mb="md">
          Your details
        </Title>
        <ProfileForm
          profile={p}
          onSaved={() => notifications.show({ color: "green", message: "Your profile was saved." })}
        />
      </Card>
      <Card withBorder padding="lg">
        <Title order={2} size="h4" mb="md">
          Sign-in details
        </Title>
        <SignInDetails email={p.email} />
      </Card>
      <Card withBorder padding="lg">
        <Title order={2} size="h4" mb="xs">
          Your data
        </Title>
        <Text size="sm" mb="md">
          Download everything we store about you as JSON, or delete your account.{" "}
          <Anchor component="button" type="button" size="sm" onClick={exportData}>
            Download my data
          </Anchor>
        </Text>
        <DeleteAccount />
      </Card>
    </Page>
  );
}
