import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { humanize } from "../api/errors.ts";
import { supabase } from "../api/supabase.ts";
import { AuthCard } from "../components/auth-layout.tsx";
import { emailRule } from "../validation.ts";

const NAME = /^[\p{L}\p{M}][\p{L}\p{M}\p{Zs}'’.,-]*$/u;

export default function SignUpPage() {
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const form = useForm({
    initialValues: { full_name: "", email: "", password: "" },
    validate: {
      full_name: (v) =>
        !v.trim()
          ? "Enter your name"
          : NAME.test(v.trim())
            ? null
            : "Use letters, spaces, apostrophes, hyphens, periods and commas only",
      email: emailRule("Enter a valid e-mail address, e.g. you@example.com"),
      password: (v) => (v.length >= 8 ? null : "Use at least 8 characters"),
    },
  });

  const submit = form.onSubmit(async (values) => {
    setBusy(true);
    setError(undefined);
    try {
      const email = values.email.trim();
      const { data, error: failed } = await (await supabase()).auth.signUp({
        email,
        password: values.password,
        options: { data: { full_name: values.full_name.trim() }, emailRedirectTo: window.location.origin },
      });
      if (failed) setError(failed);
      else if (!data.session) navigate(`/confirm-email?email=${encodeURIComponent(email)}`);
      // With a session (accounts confirmed at once) the guard sends the new user on to onboarding.
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  });

  return (
    <AuthCard title="Create your account" intro="It takes a minute. You can practise right after.">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {error !== undefined && (
            <Alert color="red" role="alert" title="Couldn't create the account">
              {humanize(error)}
            </Alert>
          )}
          <TextInput label="Full name" autoComplete="name" required {...form.getInputProps("full_name")} />
          <TextInput
            label="E-mail"
            type="email"
            autoComplete="email"
            required
            {...form.getInputProps("email")}
          />
          <PasswordInput
            label="Password"
            description="At least 8 characters; common passwords are refused."
            autoComplete="new-password"
            required
            {...form.getInputProps("password")}
          />
          <Button type="submit" loading={busy} fullWidth data-testid="sign-up-submit">
            Create account
          </Button>
          <Text size="sm" ta="center">
            Already have an account?{" "}
            <Anchor component={Link} to="/sign-in">
              Sign in
            </Anchor>
          </Text>
        </Stack>
      </form>
    </AuthCard>
  );
}
