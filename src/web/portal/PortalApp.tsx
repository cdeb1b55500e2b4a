import "../shared/areaSetup";
import { Navigate, Route, Routes } from "react-router";
import { lazyPage, usePreloadPages } from "../shared/lazyPage";
import { NotFound } from "../shared/NotFound";
import { RequireSession } from "../shared/RequireSession";
import { PortalLayout } from "./PortalLayout";

// One chunk per page (shared/lazyPage.tsx): opening a screen downloads that screen.
const PortalAwaitingAuthorizationPage = lazyPage(
  () => import("./PortalAwaitingAuthorizationPage"),
  "PortalAwaitingAuthorizationPage",
);
const PortalBookingDetailPage = lazyPage(
  () => import("./PortalBookingDetailPage"),
  "PortalBookingDetailPage",
);
const PortalBookingFormPage = lazyPage(() => import("./PortalBookingFormPage"), "PortalBookingFormPage");
const PortalBookingsPage = lazyPage(() => import("./PortalBookingsPage"), "PortalBookingsPage");
const PortalEstimateDetailPage = lazyPage(
  () => import("./PortalEstimateDetailPage"),
  "PortalEstimateDetailPage",
);
const PortalEstimatesPage = lazyPage(() => import("./PortalEstimatesPage"), "PortalEstimatesPage");
const PortalExtensionDetailPage = lazyPage(
  () => import("./PortalExtensionDetailPage"),
  "PortalExtensionDetailPage",
);
const PortalExtensionsPage = lazyPage(() => import("./PortalExtensionsPage"), "PortalExtensionsPage");
const PortalInvoicesPage = lazyPage(() => import("./PortalInvoicesPage"), "PortalInvoicesPage");
const PortalRepairOrdersPage = lazyPage(() => import("./PortalRepairOrdersPage"), "PortalRepairOrdersPage");
const PortalUnitDetailPage = lazyPage(() => import("./PortalUnitDetailPage"), "PortalUnitDetailPage");
const PortalUnitFormPage = lazyPage(() => import("./PortalUnitFormPage"), "PortalUnitFormPage");
const PortalUnitsPage = lazyPage(() => import("./PortalUnitsPage"), "PortalUnitsPage");
const PortalWorkOrderDetailPage = lazyPage(
  () => import("./PortalWorkOrderDetailPage"),
  "PortalWorkOrderDetailPage",
);
const pages = [
  PortalAwaitingAuthorizationPage,
  PortalBookingDetailPage,
  PortalBookingFormPage,
  PortalBookingsPage,
  PortalEstimateDetailPage,
  PortalEstimatesPage,
  PortalExtensionDetailPage,
  PortalExtensionsPage,
  PortalInvoicesPage,
  PortalRepairOrdersPage,
  PortalUnitDetailPage,
  PortalUnitFormPage,
  PortalUnitsPage,
  PortalWorkOrderDetailPage,
];

/** Everything under /portal except the login page (lazy-loaded chunk). */
export default function PortalApp() {
  usePreloadPages(pages);
  return (
    <RequireSession audience="portal">
      <Routes>
        <Route element={<PortalLayout />}>
          <Route index element={<Navigate to="units" replace />} />
          <Route path="bookings" element={<PortalBookingsPage />} />
          <Route path="bookings/new" element={<PortalBookingFormPage />} />
          <Route path="bookings/:id" element={<PortalBookingDetailPage />} />
          <Route path="estimates" element={<PortalEstimatesPage />} />
          <Route path="estimates/:id" element={<PortalEstimateDetailPage />} />
          <Route path="extensions" element={<PortalExtensionsPage />} />
          <Route path="extensions/:id" element={<PortalExtensionDetailPage />} />
          <Route path="authorizations" element={<PortalAwaitingAuthorizationPage />} />
          <Route path="repair-orders" element={<PortalRepairOrdersPage />} />
          <Route path="repair-orders/:id" element={<PortalWorkOrderDetailPage />} />
          <Route path="invoices" element={<PortalInvoicesPage />} />
          <Route path="units" element={<PortalUnitsPage />} />
          <Route path="units/new" element={<PortalUnitFormPage />} />
          <Route path="units/:id" element={<PortalUnitDetailPage />} />
          <Route path="*" element={<NotFound home="/portal" />} />
        </Route>
      </Routes>
    </RequireSession>
  );
}
