import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { humanize } from "../api/errors.ts";
import { supabase } from "../api/supabase.ts";
import { useAuth } from "../auth/auth-provider.tsx";
import { AuthCard } from "../components/auth-layout.tsx";
import { DevMailboxHint } from "../components/dev-mailbox-hint.tsx";
import { PageLoader } from "../components/page-loader.tsx";
import { emailRule } from "../validation.ts";

/** Step 1 without a recovery link: the e-mailed code signs the user in for the reset. */
function CodeStep() {
  const [params] = useSearchParams();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const { setRecovering } = useAuth();
  const form = useForm({
    initialValues: { email: params.get("email") ?? "", code: "" },
    validate: {
      email: emailRule("Enter your e-mail address"),
      code: (v) => (/^\d{6,10}$/.test(v.trim()) ? null : "Enter the code from the e-mail (digits only)"),
    },
  });
  const submit = form.onSubmit(async (values) => {
    setBusy(true);
    setError(undefined);
    try {
      setRecovering(true);
      const { error: failed } = await (await supabase()).auth.verifyOtp({
        email: values.email.trim(),
        token: values.code.trim(),
        type: "recovery",
      });
      if (failed) {
        setRecovering(false);
        setError(failed);
      }
    } catch (caught) {
      setRecovering(false);
      setError(caught);
    } finally {
      setBusy(false);
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {error !== undefined && (
          <Alert color="red" role="alert">
            {humanize(error)}
          </Alert>
        )}
        <TextInput label="E-mail" type="email" autoComplete="email" {...form.getInputProps("email")} />
        <TextInput
          label="Code"
          inputMode="numeric"
          autoComplete="one-time-code"
          {...form.getInputProps("code")}
        />
        <Button type="submit" loading={busy}>
          Continue
        </Button>
        <DevMailboxHint />
        <Text size="sm" ta="center">
          <Anchor component={Link} to="/forgot-password">
            Send a new reset e-mail
          </Anchor>
        </Text>
      </Stack>
    </form>
  );
}

/** Step 2: the new password (the recovery session is signed in). */
function PasswordStep() {
  const navigate = useNavigate();
  const { setRecovering } = useAuth();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const form = useForm({
    initialValues: { password: "", confirm: "" },
    validate: {
      password: (v) => (v.length >= 8 ? null : "Use at least 8 characters"),
      confirm: (v, values) => (v === values.password ? null : "The two passwords differ"),
    },
  });
  const submit = form.onSubmit(async ({ password }) => {
    setBusy(true);
    setError(undefined);
    try {
      const { error: failed } = await (await supabase()).auth.updateUser({ password });
      if (failed) {
        setError(failed);
        return;
      }
      setRecovering(false);
      notifications.show({
        color: "green",
        title: "Password changed",
        message: "Other devices were signed out.",
      });
      navigate("/dashboard", { replace: true });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {error !== undefined && (
          <Alert color="red" role="alert">
            {humanize(error)}
          </Alert>
        )}
        <PasswordInput
          label="New password"
          description="At least 8 characters; common passwords are refused."
          autoComplete="new-password"
          {...form.getInputProps("password")}
        />
        <PasswordInput label="Repeat it" autoComplete="new-password" {...form.getInputProps("confirm")} />
        <Button type="submit" loading={busy}>
          Save new password
        </Button>
      </Stack>
    </form>
  );
}

export default function ResetPasswordPage() {
  const { state } = useAuth();
  if (state.status === "loading") return <PageLoader />;
  const signedIn = state.status === "signed-in";
  return (
    <AuthCard
      title="Choose a new password"
      intro={signedIn ? "Enter your new password twice." : "Enter the code from the reset e-mail first."}
    >
      {signedIn ? <PasswordStep /> : <CodeStep />}
    </AuthCard>
  );
}
