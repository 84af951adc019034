import { useEffect, useRef, useState } from "react";

/** Seconds left of `total`, counting down while `running`; reset when `key` changes. */
export function useCountdown(total: number, running: boolean, key: string | number): number {
  const [left, setLeft] = useState(total);
  const last = useRef<number | undefined>(undefined);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new question (key) restarts the clock
  useEffect(() => {
    setLeft(total);
    last.current = undefined;
  }, [key, total]);

  useEffect(() => {
    if (!running) {
      last.current = undefined;
      return;
    }
    const timer = window.setInterval(() => {
      const now = performance.now();
      const elapsed = last.current === undefined ? 0 : (now - last.current) / 1000;
      last.current = now;
      setLeft((value) => Math.max(0, value - elapsed));
    }, 250);
    return () => window.clearInterval(timer);
  }, [running]);

  return left;
}
