import { Button, Group, Text } from "@mantine/core";

/** Previous / page number / next under a list fetched a page at a time. */
export function Pager(props: {
  page: number;
  onPage: (page: number) => void;
  /** A full page came back, so there may be more. */
  hasMore: boolean;
  labels?: [string, string];
}) {
  const [previous, next] = props.labels ?? ["Previous", "Next"];
  return (
    <Group>
      <Button variant="default" disabled={props.page === 0} onClick={() => props.onPage(props.page - 1)}>
        {previous}
      </Button>
      <Text size="sm">Page {props.page + 1}</Text>
      <Button variant="default" disabled={!props.hasMore} onClick={() => props.onPage(props.page + 1)}>
        {next}
      </Button>
    </Group>
  );
}
