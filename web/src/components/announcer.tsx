import { VisuallyHidden } from "@mantine/core";
import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from "react";

type Politeness = "polite" | "assertive";
type Announce = (message: string, politeness?: Politeness) => void;

const AnnouncerContext = createContext<Announce>(() => {});

/** Two aria-live regions for the whole app: live updates are read out without moving focus. */
export function AnnouncerProvider({ children }: { children: ReactNode }) {
  const [polite, setPolite] = useState("");
  const [assertive, setAssertive] = useState("");
  const timer = useRef<number | undefined>(undefined);

  const announce = useCallback<Announce>((message, politeness = "polite") => {
    const set = politeness === "assertive" ? setAssertive : setPolite;
    // Clearing first makes a repeated message be read again.
    set("");
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => set(message), 60);
  }, []);

  const value = useMemo(() => announce, [announce]);
  return (
    <AnnouncerContext.Provider value={value}>
      {children}
      <VisuallyHidden>
        <div aria-live="polite" aria-atomic="true" data-testid="live-polite">
          {polite}
        </div>
        <div aria-live="assertive" aria-atomic="true" data-testid="live-assertive">
          {assertive}
        </div>
      </VisuallyHidden>
    </AnnouncerContext.Provider>
  );
}

export function useAnnounce(): Announce {
  return useContext(AnnouncerContext);
}
