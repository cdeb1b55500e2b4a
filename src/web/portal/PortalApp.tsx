import { Navigate, Route, Routes } from "react-router";
import { NotFound } from "../shared/NotFound";
import { RequireSession } from "../shared/RequireSession";
import { PortalAwaitingAuthorizationPage } from "./PortalAwaitingAuthorizationPage";
import { PortalBookingDetailPage } from "./PortalBookingDetailPage";
import { PortalBookingFormPage } from "./PortalBookingFormPage";
import { PortalBookingsPage } from "./PortalBookingsPage";
import { PortalEstimateDetailPage } from "./PortalEstimateDetailPage";
import { PortalEstimatesPage } from "./PortalEstimatesPage";
import { PortalExtensionDetailPage } from "./PortalExtensionDetailPage";
import { PortalExtensionsPage } from "./PortalExtensionsPage";
import { PortalLayout } from "./PortalLayout";
import { PortalRepairOrdersPage } from "./PortalRepairOrdersPage";
import { PortalUnitDetailPage } from "./PortalUnitDetailPage";
import { PortalUnitFormPage } from "./PortalUnitFormPage";
import { PortalUnitsPage } from "./PortalUnitsPage";
import { PortalWorkOrderDetailPage } from "./PortalWorkOrderDetailPage";

/** Everything under /portal except the login page (lazy-loaded chunk). */
export default function PortalApp() {
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
          <Route path="units" element={<PortalUnitsPage />} />
          <Route path="units/new" element={<PortalUnitFormPage />} />
          <Route path="units/:id" element={<PortalUnitDetailPage />} />
          <Route path="*" element={<NotFound home="/portal" />} />
        </Route>
      </Routes>
    </RequireSession>
  );
}
