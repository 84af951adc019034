import { Alert } from "@mantine/core";
import type { ReactNode } from "react";
import { isAdmin, useUser } from "../auth/auth-provider.tsx";
import { Page } from "./page.tsx";

/** Admin screens for admins (app_metadata.role = "admin"); the API refuses everyone else too. */
export function AdminOnly({ title, children }: { title: string; children: ReactNode }) {
  const user = useUser();
  if (!isAdmin(user))
    return (
      <Page title={title}>
        <Alert color="orange" role="alert" title="Admins only">
          This page is for administrators. Ask an admin to grant you access (bin/rehearse admin grant).
        </Alert>
      </Page>
    );
  return <>{children}</>;
}
