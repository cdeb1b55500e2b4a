import { AppShell, Badge, Box, Button, Group, NavLink, Stack, Text, VisuallyHidden } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { IconCalendarPlus, IconCar, IconClipboardCheck, IconLogout, IconTool } from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import type { ComponentType } from "react";
import { useTranslation } from "react-i18next";
import { Link, Outlet, useLocation, useNavigate } from "react-router";
import { useLiveBookings } from "../bookings/useLiveBookings";
import type { en } from "../i18n/en";
import { LanguageSwitch } from "../shared/LanguageSwitch";
import { logout, useCurrentSession } from "../shared/session";

type IconType = ComponentType<{ size?: number; stroke?: number; "aria-hidden"?: boolean }>;

const COMING_SOON: { label: keyof typeof en.portal; short: keyof typeof en.portal; icon: IconType }[] = [
  { label: "repairOrders", short: "repairOrdersShort", icon: IconTool },
];

/** Customer portal shell: phone-first, with a bottom bar on small screens and a side bar on larger ones. */
export function PortalLayout() {
  const { t } = useTranslation();
  const session = useCurrentSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const isPhone = useMediaQuery("(max-width: 47.99em)", false, { getInitialValueInEffect: false });
  const unitsActive = pathname === "/portal/units" || pathname.startsWith("/portal/units/");
  const bookingsActive = pathname === "/portal/bookings" || pathname.startsWith("/portal/bookings/");
  const estimatesActive = pathname === "/portal/estimates" || pathname.startsWith("/portal/estimates/");
  useLiveBookings();

  const signOut = async () => {
    try {
      await logout(queryClient);
    } finally {
      navigate("/portal/login", { replace: true });
    }
  };

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 240, breakpoint: "sm", collapsed: { mobile: true } }}
      footer={{ height: 68, collapsed: !isPhone }}
      padding="md"
    >
      <a className="pl-skip-link" href="#main">
        {t("common.skipToContent")}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="xs">
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Text fw={800} size="lg" c="blue.9" lh={1.2}>
              {t("common.appName")}
            </Text>
            {session.user.customerName ? (
              <Text size="xs" c="dimmed" truncate="end" lh={1.3}>
                {session.user.customerName}
              </Text>
            ) : null}
          </Stack>
          <Group gap="xs" wrap="nowrap">
            <LanguageSwitch />
            <Button
              variant="default"
              size="xs"
              px="xs"
              leftSection={<IconLogout size={16} aria-hidden />}
              onClick={() => void signOut()}
            >
              {t("common.logout")}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar
        p="xs"
        className="pl-navbar"
        mod={{ collapsed: true }}
        aria-label={t("portal.navigation")}
      >
        <NavLink
          component={Link}
          to="/portal/units"
          label={t("portal.myUnits")}
          leftSection={<IconCar size={18} stroke={1.7} aria-hidden />}
          active={unitsActive}
          aria-current={unitsActive ? "page" : undefined}
          style={{ borderRadius: "var(--mantine-radius-md)" }}
        />
        <NavLink
          component={Link}
          to="/portal/bookings"
          label={t("portal.bookingRequests")}
          leftSection={<IconCalendarPlus size={18} stroke={1.7} aria-hidden />}
          active={bookingsActive}
          aria-current={bookingsActive ? "page" : undefined}
          style={{ borderRadius: "var(--mantine-radius-md)" }}
        />
        <NavLink
          component={Link}
          to="/portal/estimates"
          label={t("portal.pendingApproval")}
          leftSection={<IconClipboardCheck size={18} stroke={1.7} aria-hidden />}
          active={estimatesActive}
          aria-current={estimatesActive ? "page" : undefined}
          style={{ borderRadius: "var(--mantine-radius-md)" }}
        />
        <Text size="xs" fw={700} c="dimmed" tt="uppercase" mt="lg" mb={4} px="sm">
          {t("portal.comingSoon")}
        </Text>
        {COMING_SOON.map(({ label, icon: Icon }) => (
          <Group key={label} gap="sm" px="sm" py={8} wrap="nowrap" c="dimmed">
            <Icon size={18} stroke={1.7} aria-hidden />
            <Text size="sm">{t(`portal.${label}`)}</Text>
          </Group>
        ))}
      </AppShell.Navbar>

      <AppShell.Footer hiddenFrom="sm" px={4} py={4}>
        <Box component="nav" aria-label={t("portal.navigation")} h="100%">
          <Group grow gap={4} h="100%" wrap="nowrap" align="stretch">
            <Link
              to="/portal/units"
              className="pl-bottom-nav-item"
              aria-current={unitsActive ? "page" : undefined}
            >
              <IconCar size={20} stroke={1.7} aria-hidden />
              <span>{t("portal.myUnits")}</span>
            </Link>
            <Link
              to="/portal/bookings"
              className="pl-bottom-nav-item"
              aria-current={bookingsActive ? "page" : undefined}
            >
              <IconCalendarPlus size={20} stroke={1.7} aria-hidden />
              <span aria-hidden="true">{t("portal.bookingRequestsShort")}</span>
              <VisuallyHidden>{t("portal.bookingRequests")}</VisuallyHidden>
            </Link>
            <Link
              to="/portal/estimates"
              className="pl-bottom-nav-item"
              aria-current={estimatesActive ? "page" : undefined}
            >
              <IconClipboardCheck size={20} stroke={1.7} aria-hidden />
              <span aria-hidden="true">{t("portal.pendingApprovalShort")}</span>
              <VisuallyHidden>{t("portal.pendingApproval")}</VisuallyHidden>
            </Link>
            {COMING_SOON.map(({ label, short, icon: Icon }) => (
              <div key={label} className="pl-bottom-nav-item" title={t(`portal.${label}`)}>
                <Icon size={20} stroke={1.5} aria-hidden />
                <span aria-hidden="true">{t(`portal.${short}`)}</span>
                <VisuallyHidden>{t(`portal.${label}`)}</VisuallyHidden>
                <Badge size="xs" variant="light" color="gray" radius="sm" tt="none" fw={500}>
                  {t("portal.comingSoon")}
                </Badge>
              </div>
            ))}
          </Group>
        </Box>
      </AppShell.Footer>

      <AppShell.Main id="main" tabIndex={-1} bg="gray.0">
        <Box maw={960} mx="auto">
          <Outlet />
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}
