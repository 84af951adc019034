import type { Session, User } from "@supabase/supabase-js";
import { useQueryClient } from "@tanstack/react-query";
import { createContext, type ReactNode, useContext, useEffect, useMemo, useRef, useState } from "react";
import { humanize } from "../api/errors.ts";
import { supabase } from "../api/supabase.ts";
import { peekAuthLanding } from "./landing.ts";

export type AuthState =
  | { status: "loading" }
  | { status: "error"; message: string }
  | { status: "signed-out" }
  | { status: "signed-in"; session: Session; user: User };

interface AuthValue {
  state: AuthState;
  /** A password-recovery link was opened: the reset screen should be shown. */
  recovering: boolean;
  setRecovering(value: boolean): void;
  signOut(): Promise<void>;
}

const AuthContext = createContext<AuthValue | undefined>(undefined);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: "loading" });
  const [recovering, setRecovering] = useState(peekAuthLanding()?.type === "recovery");
  const queryClient = useQueryClient();
  const userId = useRef<string | undefined>(undefined);

  useEffect(() => {
    let unsubscribe: (() => void) | undefined;
    let cancelled = false;
    const apply = (session: Session | null) => {
      const id = session?.user.id;
      // Another account (or none): nothing cached for the previous one may show.
      if (id !== userId.current) queryClient.clear();
      userId.current = id;
      setState(session ? { status: "signed-in", session, user: session.user } : { status: "signed-out" });
    };
    supabase()
      .then(async (client) => {
        const { data } = await client.auth.getSession();
        if (cancelled) return;
        apply(data.session);
        const { data: listener } = client.auth.onAuthStateChange((event, session) => {
          if (event === "PASSWORD_RECOVERY") setRecovering(true);
          apply(session);
        });
        unsubscribe = () => listener.subscription.unsubscribe();
      })
      .catch((error: unknown) => {
        if (!cancelled) setState({ status: "error", message: humanize(error) });
      });
    return () => {
      cancelled = true;
      unsubscribe?.();
    };
  }, [queryClient]);

  const value = useMemo<AuthValue>(
    () => ({
      state,
      recovering,
      setRecovering,
      signOut: async () => {
        await (await supabase()).auth.signOut();
      },
    }),
    [state, recovering],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error("useAuth outside AuthProvider");
  return value;
}

/** The signed-in user (only inside routes that require one). */
export function useUser(): User {
  const { state } = useAuth();
  if (state.status !== "signed-in") throw new Error("useUser without a signed-in user");
  return state.user;
}

export function isAdmin(user: User | undefined): boolean {
  return (user?.app_metadata as { role?: unknown } | undefined)?.role === "admin";
}
