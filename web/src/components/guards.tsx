import { Button, Center, Stack, Text } from "@mantine/core";
import { Navigate, Outlet, useLocation, useSearchParams } from "react-router";
import { useAuth } from "../auth/auth-provider.tsx";
import { takeAuthLanding } from "../auth/landing.ts";
import { PageLoader } from "./page-loader.tsx";

function AuthFailed({ message }: { message: string }) {
  return (
    <Center mih="60vh" p="md">
      <Stack align="center" maw={420}>
        <Text role="alert" ta="center">
          {message}
        </Text>
        <Button onClick={() => window.location.reload()}>Reload</Button>
      </Stack>
    </Center>
  );
}

/** Screens for signed-in users; others are sent to sign in and brought back afterwards. */
export function RequireAuth() {
  const { state, recovering } = useAuth();
  const location = useLocation();
  if (state.status === "loading") return <PageLoader label="Signing you in…" />;
  if (state.status === "error") return <AuthFailed message={state.message} />;
  if (state.status === "signed-out") {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  if (recovering) return <Navigate to="/reset-password" replace />;
  return <Outlet />;
}

/** Sign-in and sign-up: a signed-in user goes on to where they were heading. */
export function PublicOnly() {
  const { state, recovering } = useAuth();
  const [params] = useSearchParams();
  if (state.status === "loading") return <PageLoader />;
  if (state.status === "error") return <AuthFailed message={state.message} />;
  if (state.status === "signed-in") {
    if (recovering) return <Navigate to="/reset-password" replace />;
    const next = params.get("next");
    return <Navigate to={next?.startsWith("/") && !next.startsWith("//") ? next : "/dashboard"} replace />;
  }
  return <Outlet />;
}

/** "/": where an e-mailed link lands (its outcome is in the URL fragment), else home or sign-in. */
export function RootRedirect() {
  const { state } = useAuth();
  if (state.status === "loading") return <PageLoader />;
  const landing = takeAuthLanding();
  if (landing?.errorCode) {
    const query = new URLSearchParams({
      code: landing.errorCode,
      description: landing.errorDescription ?? "",
    });
    return <Navigate to={`/auth/error?${query}`} replace />;
  }
  if (landing?.type === "recovery") return <Navigate to="/reset-password" replace />;
  if (landing && (landing.type === "signup" || landing.type === "email_change"))
    return <Navigate to="/auth/confirmed" replace />;
  return <Navigate to={state.status === "signed-in" ? "/dashboard" : "/sign-in"} replace />;
}
