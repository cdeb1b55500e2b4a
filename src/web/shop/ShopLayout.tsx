import { ActionIcon, AppShell, Box, Burger, Button, Group, NavLink, ScrollArea, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import {
  IconCalendarEvent,
  IconCar,
  IconCashBanknote,
  IconClipboardList,
  IconFileDollar,
  IconLayoutKanban,
  IconLogout,
  IconMail,
  IconReceipt,
  IconSettings,
  IconUsers,
} from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { type ComponentType, Suspense, useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Link, Outlet, useLocation, useNavigate } from "react-router";
import type { en } from "../i18n/en";
import { LanguageSwitch } from "../shared/LanguageSwitch";
import { RouteProgress } from "../shared/lazyPage";
import { hasPermission, logout, useCurrentSession } from "../shared/session";
import { PageSkeleton } from "../shared/ui";
import { useLiveUpdates } from "../shared/useLiveUpdates";
import { NotificationBell } from "./notifications/NotificationBell";
import { ClockIndicator } from "./workOrders/ClockIndicator";

interface NavItem {
  to: string;
  label: keyof typeof en.nav;
  icon: ComponentType<{ size?: number; stroke?: number; "aria-hidden"?: boolean }>;
  /** Hidden for roles without this permission. */
  permission?: string;
}

const NAV_ITEMS: NavItem[] = [
  { to: "/shop/bookings", label: "bookings", icon: IconCalendarEvent },
  { to: "/shop/estimates", label: "estimates", icon: IconFileDollar },
  { to: "/shop/service-board", label: "serviceBoard", icon: IconLayoutKanban },
  { to: "/shop/work-orders", label: "workOrders", icon: IconClipboardList },
  { to: "/shop/invoices", label: "invoices", icon: IconReceipt, permission: "invoices:read" },
  {
    to: "/shop/receivables",
    label: "receivables",
    icon: IconCashBanknote,
    permission: "receivables:manage",
  },
  { to: "/shop/customers", label: "customers", icon: IconUsers },
  { to: "/shop/units", label: "units", icon: IconCar },
  { to: "/shop/outbox", label: "outbox", icon: IconMail, permission: "outbox:read" },
  { to: "/shop/settings", label: "settings", icon: IconSettings },
];

export function ShopLayout() {
  const { t } = useTranslation();
  const session = useCurrentSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [opened, { toggle, close }] = useDisclosure(false);
  useLiveUpdates();

  // Close the phone navigation after every page change.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on path change only
  useEffect(() => close(), [pathname]);

  const signOut = async () => {
    try {
      await logout(queryClient);
    } finally {
      navigate("/login", { replace: true });
    }
  };

  const { user, location } = session;
  const roleLabel = user.role ? t(`roles.${user.role}`) : null;

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: { sm: 200, lg: 240 }, breakpoint: "sm", collapsed: { mobile: !opened } }}
      padding="md"
    >
      <a className="pl-skip-link" href="#main">
        {t("common.skipToContent")}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="sm">
          <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? t("shell.closeNavigation") : t("shell.openNavigation")}
              aria-expanded={opened}
              aria-controls="shop-navigation"
            />
            <Text fw={800} size="lg" c="blue.9">
              {t("common.appName")}
            </Text>
            <Text size="sm" c="dimmed" visibleFrom="sm" truncate="end" title={t("shell.location")}>
              {location.name}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <ClockIndicator />
            <NotificationBell />
            <LanguageSwitch />
            <Box visibleFrom="md" ta="right" style={{ lineHeight: 1.2 }}>
              <Text size="sm" fw={600} truncate="end" maw={180}>
                {user.name}
              </Text>
              {roleLabel ? (
                <Text size="xs" c="dimmed">
                  {roleLabel}
                </Text>
              ) : null}
            </Box>
            <Button
              variant="default"
              size="xs"
              visibleFrom="sm"
              leftSection={<IconLogout size={16} aria-hidden />}
              onClick={() => void signOut()}
            >
              {t("common.logout")}
            </Button>
            {/* Phones: icon only, so the clock and the notification bell fit in the header. */}
            <ActionIcon
              variant="default"
              size={44}
              hiddenFrom="sm"
              aria-label={t("common.logout")}
              onClick={() => void signOut()}
            >
              <IconLogout size={20} aria-hidden />
            </ActionIcon>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar
        id="shop-navigation"
        className="pl-navbar"
        mod={{ collapsed: !opened }}
        aria-label={t("shell.mainNavigation")}
      >
        <AppShell.Section grow component={ScrollArea} p="xs">
          {NAV_ITEMS.filter((item) => !item.permission || hasPermission(user, item.permission)).map(
            (item) => {
              const active = pathname === item.to || pathname.startsWith(`${item.to}/`);
              const Icon = item.icon;
              return (
                <NavLink
                  key={item.to}
                  component={Link}
                  to={item.to}
                  label={t(`nav.${item.label}`)}
                  leftSection={<Icon size={18} stroke={1.7} aria-hidden />}
                  active={active}
                  aria-current={active ? "page" : undefined}
                  style={{ borderRadius: "var(--mantine-radius-md)" }}
                />
              );
            },
          )}
        </AppShell.Section>
        <AppShell.Section p="md" hiddenFrom="md">
          <Text size="sm" fw={600}>
            {user.name}
          </Text>
          <Text size="xs" c="dimmed">
            {[roleLabel, location.name].filter(Boolean).join(" · ")}
          </Text>
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main id="main" tabIndex={-1} bg="gray.0">
        <RouteProgress />
        <Box maw={1200} mx="auto">
          <Suspense fallback={<PageSkeleton />}>
            <Outlet />
          </Suspense>
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}
