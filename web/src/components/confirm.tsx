import { Button, Group, Modal, Text } from "@mantine/core";
import { type ReactNode, useCallback, useRef, useState } from "react";

interface Ask {
  title: string;
  message: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  danger?: boolean;
}

/** An accessible confirmation dialog: `const [dialog, confirm] = useConfirm(); if (await confirm({...})) …`. */
export function useConfirm(): [ReactNode, (ask: Ask) => Promise<boolean>] {
  const [ask, setAsk] = useState<Ask>();
  const resolver = useRef<(answer: boolean) => void>(undefined);
  const answer = (value: boolean) => {
    resolver.current?.(value);
    resolver.current = undefined;
    setAsk(undefined);
  };
  const confirm = useCallback(
    (next: Ask) =>
      new Promise<boolean>((resolve) => {
        resolver.current = resolve;
        setAsk(next);
      }),
    [],
  );
  const dialog = (
    <Modal opened={Boolean(ask)} onClose={() => answer(false)} title={ask?.title} centered>
      <Text size="sm" mb="lg">
        {ask?.message}
      </Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={() => answer(false)} data-testid="confirm-cancel">
          {ask?.cancelLabel ?? "Cancel"}
        </Button>
        <Button color={ask?.danger ? "red" : undefined} onClick={() => answer(true)} data-testid="confirm-ok">
          {ask?.confirmLabel}
        </Button>
      </Group>
    </Modal>
  );
  return [dialog, confirm];
}
