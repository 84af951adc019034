import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useState } from "react";
import { Link } from "react-router";
import { errorCode, humanize } from "../api/errors.ts";
import { supabase } from "../api/supabase.ts";
import { AuthCard } from "../components/auth-layout.tsx";
import { emailRule } from "../validation.ts";

export default function SignInPage() {
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const form = useForm({
    initialValues: { email: "", password: "" },
    validate: {
      email: emailRule("Enter your e-mail address, e.g. you@example.com"),
      password: (v) => (v ? null : "Enter your password"),
    },
  });

  const submit = form.onSubmit(async (values) => {
    setBusy(true);
    setError(undefined);
    try {
      const { error: failed } = await (await supabase()).auth.signInWithPassword({
        email: values.email.trim(),
        password: values.password,
      });
      if (failed) setError(failed);
      // On success the auth state changes and the guard moves on to where the user was heading.
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  });

  return (
    <AuthCard title="Sign in" intro="Practise interviews out loud and get feedback in seconds.">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {error !== undefined && (
            <Alert color="red" role="alert" title="Couldn't sign you in">
              <Text size="sm">{humanize(error)}</Text>
              {errorCode(error) === "email_not_confirmed" && (
                <Anchor
                  component={Link}
                  size="sm"
                  to={`/confirm-email?email=${encodeURIComponent(form.values.email)}`}
                >
                  Enter your confirmation code or get a new one
                </Anchor>
              )}
            </Alert>
          )}
          <TextInput
            label="E-mail"
            type="email"
            autoComplete="email"
            required
            data-testid="sign-in-email"
            {...form.getInputProps("email")}
          />
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            required
            data-testid="sign-in-password"
            {...form.getInputProps("password")}
          />
          <Button type="submit" loading={busy} fullWidth data-testid="sign-in-submit">
            Sign in
          </Button>
          <Text size="sm" ta="center">
            <Anchor component={Link} to="/forgot-password">
              Forgot your password?
            </Anchor>
          </Text>
          <Text size="sm" ta="center">
            New here?{" "}
            <Anchor component={Link} to="/sign-up">
              Create an account
            </Anchor>
          </Text>
        </Stack>
      </form>
    </AuthCard>
  );
}
