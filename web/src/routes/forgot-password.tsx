import { Alert, Anchor, Button, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useState } from "react";
import { Link } from "react-router";
import { humanize } from "../api/errors.ts";
import { supabase } from "../api/supabase.ts";
import { AuthCard } from "../components/auth-layout.tsx";
import { DevMailboxHint } from "../components/dev-mailbox-hint.tsx";
import { emailRule } from "../validation.ts";

export default function ForgotPasswordPage() {
  const [error, setError] = useState<unknown>();
  const [sent, setSent] = useState<string>();
  const [busy, setBusy] = useState(false);
  const form = useForm({
    initialValues: { email: "" },
    validate: { email: emailRule("Enter your e-mail address") },
  });

  const submit = form.onSubmit(async ({ email }) => {
    setBusy(true);
    setError(undefined);
    try {
      const { error: failed } = await (await supabase()).auth.resetPasswordForEmail(email.trim(), {
        redirectTo: window.location.origin,
      });
      if (failed) setError(failed);
      else setSent(email.trim());
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  });

  return (
    <AuthCard
      title="Reset your password"
      intro="We'll e-mail you a link and a code to choose a new password."
    >
      {sent ? (
        <Stack>
          <Alert color="green" role="status" title="Check your e-mail">
            If an account exists for {sent}, a reset e-mail is on its way. Open its link, or enter its code on
            the next screen.
          </Alert>
          <Button component={Link} to={`/reset-password?email=${encodeURIComponent(sent)}`}>
            I have a code
          </Button>
          <DevMailboxHint />
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            {error !== undefined && (
              <Alert color="red" role="alert">
                {humanize(error)}
              </Alert>
            )}
            <TextInput label="E-mail" type="email" autoComplete="email" {...form.getInputProps("email")} />
            <Button type="submit" loading={busy} fullWidth>
              Send reset e-mail
            </Button>
          </Stack>
        </form>
      )}
      <Text size="sm" ta="center">
        <Anchor component={Link} to="/sign-in">
          Back to sign in
        </Anchor>
      </Text>
    </AuthCard>
  );
}
