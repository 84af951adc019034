import { Kbd, Table } from "@mantine/core";
import { useEffect, useRef } from "react";

export const SHORTCUTS: [string, string][] = [
  ["R", "Start recording your answer"],
  ["D", "I'm done — send the answer"],
  ["T", "Type the answer instead"],
  ["Q", "Read the question again"],
  ["M", "Mute or unmute the voice"],
  ["N", "Next question"],
  ["S", "Skip this question"],
  ["P", "Pause or resume the interview"],
  ["?", "Show or hide these shortcuts"],
];

/** Single-key shortcuts, ignored while typing in a field or with a modifier held. */
export function useShortcuts(handlers: Record<string, () => void>) {
  const current = useRef(handlers);
  current.current = handlers;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest("input, textarea, select, [contenteditable=true], [role=listbox], [role=dialog]"))
        return;
      const handler = current.current[event.key.toLowerCase()];
      if (handler) {
        event.preventDefault();
        handler();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}

export function ShortcutList() {
  return (
    <Table withRowBorders={false} verticalSpacing={4} data-testid="shortcut-list">
      <Table.Tbody>
        {SHORTCUTS.map(([key, what]) => (
          <Table.Tr key={key}>
            <Table.Td w={40}>
              <Kbd>{key}</Kbd>
            </Table.Td>
            <Table.Td>{what}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
