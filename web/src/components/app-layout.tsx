import {
  AppShell,
  Avatar,
  Burger,
  Group,
  Menu,
  NavLink,
  ScrollArea,
  Text,
  UnstyledButton,
} from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { Suspense, useEffect, useRef } from "react";
import { Link, Outlet, useLocation, useNavigate } from "react-router";
import { sameOriginUrl } from "../api/config.ts";
import { useProfile } from "../api/queries.ts";
import { isAdmin, useAuth, useUser } from "../auth/auth-provider.tsx";
import { ColorSchemeToggle } from "./color-scheme-toggle.tsx";
import { PageLoader } from "./page-loader.tsx";
import { ServerEvents } from "./server-events.tsx";

const MAIN_LINKS = [
  { to: "/dashboard", label: "Dashboard" },
  { to: "/interviews/new", label: "New interview" },
  { to: "/history", label: "History" },
  { to: "/resumes", label: "Resumes" },
  { to: "/roles", label: "Roles & questions" },
  { to: "/profile", label: "Profile" },
];
const ADMIN_LINKS = [
  { to: "/admin/settings", label: "App settings" },
  { to: "/admin/catalog", label: "Roles & questions editor" },
  { to: "/admin/ai-logs", label: "AI call log" },
  { to: "/admin/users", label: "People and plans" },
];

export function onboardingKey(userId: string): string {
  return `rehearse-onboarded-${userId}`;
}

/** The signed-in frame: header, navigation, live updates, and the current screen. */
export function AppLayout() {
  const [opened, { toggle, close }] = useDisclosure();
  const user = useUser();
  const { signOut } = useAuth();
  const profile = useProfile();
  const location = useLocation();
  const navigate = useNavigate();
  const first = useRef(true);

  // Moves focus to the new screen's heading after navigation, so screen readers hear where they are.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every change of page (pathname)
  useEffect(() => {
    close();
    if (first.current) {
      first.current = false;
      return;
    }
    let tries = 0;
    const focus = () => {
      const heading = document.getElementById("page-title");
      if (heading) heading.focus({ preventScroll: false });
      else if (tries++ < 40) window.setTimeout(focus, 50);
    };
    focus();
  }, [location.pathname, close]);

  // A new account is shown the onboarding once.
  useEffect(() => {
    const p = profile.data;
    if (!p || location.pathname === "/onboarding") return;
    const fresh = !p.experience_level && !(p.preferred_job_roles?.length ?? 0);
    if (fresh && !window.localStorage.getItem(onboardingKey(user.id)))
      navigate("/onboarding", { replace: true });
  }, [profile.data, location.pathname, navigate, user.id]);

  const name = profile.data?.full_name || user.email || "Account";
  const links = isAdmin(user) ? [...MAIN_LINKS, ...ADMIN_LINKS] : MAIN_LINKS;
  const active = (to: string) => location.pathname === to || location.pathname.startsWith(`${to}/`);

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 250, breakpoint: "sm", collapsed: { mobile: !opened } }}
      padding={{ base: "sm", sm: "lg" }}
    >
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <ServerEvents userId={user.id} />
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? "Close navigation" : "Open navigation"}
              aria-expanded={opened}
              aria-controls="main-navigation"
            />
            <Text component={Link} to="/dashboard" fw={800} fz="lg" c="var(--mantine-color-text)" td="none">
              Rehearse
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <ColorSchemeToggle />
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <UnstyledButton aria-label={`Account menu for ${name}`} data-testid="account-menu">
                  <Avatar
                    src={sameOriginUrl(profile.data?.profile_picture_url)}
                    alt=""
                    radius="xl"
                    color="indigo"
                  />
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{name}</Menu.Label>
                <Menu.Item component={Link} to="/profile">
                  Profile
                </Menu.Item>
                <Menu.Item
                  color="red"
                  onClick={() => {
                    void signOut().then(() => navigate("/sign-in"));
                  }}
                >
                  Sign out
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" id="main-navigation" aria-label="Main navigation" component="nav">
        <ScrollArea>
          {links.map((link, i) => (
            <div key={link.to}>
              {i === MAIN_LINKS.length && (
                <Text size="xs" fw={700} c="dimmed" tt="uppercase" mt="md" mb={4} px="sm">
                  Admin
                </Text>
              )}
              <NavLink
                component={Link}
                to={link.to}
                label={link.label}
                active={active(link.to)}
                aria-current={active(link.to) ? "page" : undefined}
              />
            </div>
          ))}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1} component="main">
        <Suspense fallback={<PageLoader />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
