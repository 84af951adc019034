import { Alert, Anchor, Button, Group, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { humanize } from "../api/errors.ts";
import { supabase } from "../api/supabase.ts";
import { AuthCard } from "../components/auth-layout.tsx";
import { DevMailboxHint } from "../components/dev-mailbox-hint.tsx";
import { emailRule } from "../validation.ts";

export default function ConfirmEmailPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>();
  const [info, setInfo] = useState<string>();
  const [busy, setBusy] = useState(false);
  const form = useForm({
    initialValues: { email: params.get("email") ?? "", code: "" },
    validate: {
      email: emailRule("Enter the e-mail address you signed up with"),
      code: (v) => (/^\d{6,10}$/.test(v.trim()) ? null : "Enter the code from the e-mail (digits only)"),
    },
  });

  const verify = form.onSubmit(async (values) => {
    setBusy(true);
    setError(undefined);
    try {
      const { error: failed } = await (await supabase()).auth.verifyOtp({
        email: values.email.trim(),
        token: values.code.trim(),
        type: "signup",
      });
      if (failed) setError(failed);
      else navigate("/auth/confirmed", { replace: true });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  });

  const resend = async () => {
    if (form.validateField("email").hasError) return;
    setError(undefined);
    try {
      const { error: failed } = await (await supabase()).auth.resend({
        type: "signup",
        email: form.values.email.trim(),
      });
      if (failed) setError(failed);
      else setInfo("A new e-mail is on its way.");
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <AuthCard
      title="Confirm your e-mail"
      intro="We sent you an e-mail with a link and a code. Open the link, or enter the code here."
    >
      <form onSubmit={verify} noValidate>
        <Stack gap="md">
          {error !== undefined && (
            <Alert color="red" role="alert">
              {humanize(error)}
            </Alert>
          )}
          {info && (
            <Alert color="green" role="status">
              {info}
            </Alert>
          )}
          <TextInput label="E-mail" type="email" autoComplete="email" {...form.getInputProps("email")} />
          <TextInput
            label="Code"
            inputMode="numeric"
            autoComplete="one-time-code"
            {...form.getInputProps("code")}
          />
          <Group grow>
            <Button type="submit" loading={busy}>
              Confirm
            </Button>
            <Button variant="default" onClick={resend}>
              Send again
            </Button>
          </Group>
          <DevMailboxHint />
          <Text size="sm" ta="center">
            <Anchor component={Link} to="/sign-in">
              Back to sign in
            </Anchor>
          </Text>
        </Stack>
      </form>
    </AuthCard>
  );
}
