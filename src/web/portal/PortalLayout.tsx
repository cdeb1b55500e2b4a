import { AppShell, Badge, Box, Button, Group, NavLink, Stack, Text, VisuallyHidden } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import {
  IconCalendarPlus,
  IconCar,
  IconClipboardCheck,
  IconFileCheck,
  IconFileInvoice,
  IconHistory,
  IconListCheck,
  IconLogout,
} from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Link, Outlet, useLocation, useNavigate } from "react-router";
import { usePendingEstimatesCount } from "../estimates/estimateApi";
import { useWaitingExtensionsCount } from "../extensions/extensionApi";
import { LanguageSwitch } from "../shared/LanguageSwitch";
import { RouteProgress } from "../shared/lazyPage";
import { logout, useCurrentSession } from "../shared/session";
import { PageSkeleton } from "../shared/ui";
import { useLiveUpdates } from "../shared/useLiveUpdates";
import { useAwaitingAuthorizationCount } from "./portalWorkOrderApi";

/** "3" for the eye, ", 3 waiting" for the ear. */
function CountBadge({ count, floating = false }: { count: number; floating?: boolean }) {
  const { t } = useTranslation();
  if (count <= 0) return null;
  return (
    <>
      <Badge
        size="xs"
        circle={count < 10}
        color="red.9"
        aria-hidden
        style={floating ? { position: "absolute", top: -6, left: "100%", marginLeft: -8 } : undefined}
      >
        {count}
      </Badge>
      <VisuallyHidden>{`, ${t("portalWorkOrders.awaitingCount", { count })}`}</VisuallyHidden>
    </>
  );
}

/** Customer portal shell: phone-first, with a bottom bar on small screens and a side bar on larger ones. */
export function PortalLayout() {
  const { t } = useTranslation();
  const session = useCurrentSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { pathname, state } = useLocation();
  const isPhone = useMediaQuery("(max-width: 47.99em)", false, { getInitialValueInEffect: false });
  const unitsActive = pathname === "/portal/units" || pathname.startsWith("/portal/units/");
  const bookingsActive = pathname === "/portal/bookings" || pathname.startsWith("/portal/bookings/");
  const estimatesActive = pathname === "/portal/estimates" || pathname.startsWith("/portal/estimates/");
  // A work order opened from Awaiting Authorization keeps that entry current; otherwise it is history.
  const fromAwaiting = (state as { from?: string } | null)?.from === "awaiting";
  const authorizationsActive =
    pathname === "/portal/authorizations" || (fromAwaiting && pathname.startsWith("/portal/repair-orders/"));
  const historyActive =
    !authorizationsActive &&
    (pathname === "/portal/repair-orders" || pathname.startsWith("/portal/repair-orders/"));
  const invoicesActive = pathname === "/portal/invoices";
  const awaitingCount = useAwaitingAuthorizationCount();
  const extensionsActive = pathname === "/portal/extensions" || pathname.startsWith("/portal/extensions/");
  const extensionsCount = useWaitingExtensionsCount();
  const estimatesCount = usePendingEstimatesCount();
  useLiveUpdates();

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
          label={
            <>
              {t("portal.pendingApproval")}
              <CountBadge count={estimatesCount} />
            </>
          }
          leftSection={<IconClipboardCheck size={18} stroke={1.7} aria-hidden />}
          active={estimatesActive}
          aria-current={estimatesActive ? "page" : undefined}
          styles={{ label: { display: "flex", alignItems: "center", gap: 6 } }}
          style={{ borderRadius: "var(--mantine-radius-md)" }}
        />
        <NavLink
          component={Link}
          to="/portal/extensions"
          label={
            <>
              {t("extensionCustomer.nav")}
              <CountBadge count={extensionsCount} />
            </>
          }
          leftSection={<IconListCheck size={18} stroke={1.7} aria-hidden />}
          active={extensionsActive}
          aria-current={extensionsActive ? "page" : undefined}
          styles={{ label: { display: "flex", alignItems: "center", gap: 6 } }}
          style={{ borderRadius: "var(--mantine-radius-md)" }}
        />
        <NavLink
          component={Link}
          to="/portal/authorizations"
          label={
            <>
              {t("portalWorkOrders.awaitingAuthorization")}
              <CountBadge count={awaitingCount} />
            </>
          }
          leftSection={<IconFileCheck size={18} stroke={1.7} aria-hidden />}
          active={authorizationsActive}
          aria-current={authorizationsActive ? "page" : undefined}
          styles={{ label: { display: "flex", alignItems: "center", gap: 6 } }}
          style={{ borderRadius: "var(--mantine-radius-md)" }}
        />
        <NavLink
          component={Link}
          to="/portal/repair-orders"
          label={t("portalWorkOrders.history")}
          leftSection={<IconHistory size={18} stroke={1.7} aria-hidden />}
          active={historyActive}
          aria-current={historyActive ? "page" : undefined}
          style={{ borderRadius: "var(--mantine-radius-md)" }}
        />
        <NavLink
          component={Link}
          to="/portal/invoices"
          label={t("portalInvoices.title")}
          leftSection={<IconFileInvoice size={18} stroke={1.7} aria-hidden />}
          active={invoicesActive}
          aria-current={invoicesActive ? "page" : undefined}
          style={{ borderRadius: "var(--mantine-radius-md)" }}
        />
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
              <span style={{ position: "relative", display: "inline-flex" }}>
                <IconClipboardCheck size={20} stroke={1.7} aria-hidden />
                <CountBadge count={estimatesCount} floating />
              </span>
              <span aria-hidden="true">{t("portal.pendingApprovalShort")}</span>
              <VisuallyHidden>{t("portal.pendingApproval")}</VisuallyHidden>
            </Link>
            <Link
              to="/portal/extensions"
              className="pl-bottom-nav-item"
              aria-current={extensionsActive ? "page" : undefined}
            >
              <span style={{ position: "relative", display: "inline-flex" }}>
                <IconListCheck size={20} stroke={1.7} aria-hidden />
                <CountBadge count={extensionsCount} floating />
              </span>
              <span aria-hidden="true">{t("extensionCustomer.navShort")}</span>
              <VisuallyHidden>{t("extensionCustomer.nav")}</VisuallyHidden>
            </Link>
            <Link
              to="/portal/authorizations"
              className="pl-bottom-nav-item"
              aria-current={authorizationsActive ? "page" : undefined}
            >
              <span style={{ position: "relative", display: "inline-flex" }}>
                <IconFileCheck size={20} stroke={1.7} aria-hidden />
                <CountBadge count={awaitingCount} floating />
              </span>
              <span aria-hidden="true">{t("portalWorkOrders.awaitingAuthorizationShort")}</span>
              <VisuallyHidden>{t("portalWorkOrders.awaitingAuthorization")}</VisuallyHidden>
            </Link>
            <Link
              to="/portal/repair-orders"
              className="pl-bottom-nav-item"
              aria-current={historyActive ? "page" : undefined}
            >
              <IconHistory size={20} stroke={1.7} aria-hidden />
              <span aria-hidden="true">{t("portalWorkOrders.historyShort")}</span>
              <VisuallyHidden>{t("portalWorkOrders.history")}</VisuallyHidden>
            </Link>
            <Link
              to="/portal/invoices"
              className="pl-bottom-nav-item"
              aria-current={invoicesActive ? "page" : undefined}
            >
              <IconFileInvoice size={20} stroke={1.7} aria-hidden />
              <span aria-hidden="true">{t("portalInvoices.navShort")}</span>
              <VisuallyHidden>{t("portalInvoices.title")}</VisuallyHidden>
            </Link>
          </Group>
        </Box>
      </AppShell.Footer>

      <AppShell.Main id="main" tabIndex={-1} bg="gray.0">
        <RouteProgress />
        <Box maw={960} mx="auto">
          <Suspense fallback={<PageSkeleton />}>
            <Outlet />
          </Suspense>
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}
