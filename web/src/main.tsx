import "@mantine/core/styles.css";
import "@mantine/notifications/styles.css";
import "./styles.css";
import { localStorageColorSchemeManager, MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { ApiError } from "./api/errors.ts";
import { App } from "./app.tsx";
import { AuthProvider } from "./auth/auth-provider.tsx";
import { AnnouncerProvider } from "./components/announcer.tsx";
import { cssVariablesResolver, theme } from "./theme.ts";
import "./auth/landing.ts";

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: true,
      // Refusals (4xx) are answers, not glitches: retrying them only delays the message.
      retry: (failures, error) =>
        !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 2,
    },
  },
});

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <MantineProvider
        theme={theme}
        cssVariablesResolver={cssVariablesResolver}
        defaultColorScheme="auto"
        colorSchemeManager={localStorageColorSchemeManager()}
      >
        <QueryClientProvider client={queryClient}>
          <AnnouncerProvider>
            <AuthProvider>
              <App />
            </AuthProvider>
          </AnnouncerProvider>
        </QueryClientProvider>
      </MantineProvider>
    </StrictMode>,
  );
}
