import { Button, Text } from "@mantine/core";
import { Link } from "react-router";
import { Page } from "../components/page.tsx";

export default function NotFoundPage() {
  return (
    <Page title="Page not found">
      <Text>There is nothing at this address. It may have moved, or the link may be mistyped.</Text>
      <Button component={Link} to="/dashboard" w="fit-content">
        Go to the dashboard
      </Button>
    </Page>
  );
}
