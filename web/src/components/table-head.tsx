import { Table } from "@mantine/core";

/** A table's header row: one column header per name, and a last one named only for screen readers. */
export function TableHead({ columns, actions = "Actions" }: { columns: string[]; actions?: string | null }) {
  return (
    <Table.Thead>
      <Table.Tr>
        {columns.map((column) => (
          <Table.Th key={column} scope="col">
            {column}
          </Table.Th>
        ))}
        {actions && (
          <Table.Th scope="col">
            <span className="sr-only">{actions}</span>
          </Table.Th>
        )}
      </Table.Tr>
    </Table.Thead>
  );
}
