import { Navigate, Route, Routes } from "react-router";
import { NotFound } from "../shared/NotFound";
import { RequireSession } from "../shared/RequireSession";
import { ServiceBoardPage } from "./board/ServiceBoardPage";
import { BookingDetailPage } from "./bookings/BookingDetailPage";
import { BookingFormPage } from "./bookings/BookingFormPage";
import { BookingsPage } from "./bookings/BookingsPage";
import { CustomerDetailPage } from "./customers/CustomerDetailPage";
import { CustomerFormPage } from "./customers/CustomerFormPage";
import { CustomersPage } from "./customers/CustomersPage";
import { EstimateDetailPage } from "./estimates/EstimateDetailPage";
import { EstimatesPage } from "./estimates/EstimatesPage";
import { InvoiceDetailPage } from "./invoices/InvoiceDetailPage";
import { InvoiceCreatePage, InvoiceEditPage } from "./invoices/InvoiceFormPage";
import { InvoicesPage } from "./invoices/InvoicesPage";
import { OutboxPage } from "./outbox/OutboxPage";
import { ShopLayout } from "./ShopLayout";
import { SettingsPage } from "./settings/SettingsPage";
import { UnitDetailPage } from "./units/UnitDetailPage";
import { UnitFormPage } from "./units/UnitFormPage";
import { UnitsPage } from "./units/UnitsPage";
import { WorkOrderDetailPage } from "./workOrders/WorkOrderDetailPage";
import { WorkOrdersPage } from "./workOrders/WorkOrdersPage";

/** Everything under /shop (lazy-loaded chunk). */
export default function ShopApp() {
  return (
    <RequireSession audience="shop">
      <Routes>
        <Route element={<ShopLayout />}>
          <Route index element={<Navigate to="customers" replace />} />
          <Route path="bookings" element={<BookingsPage />} />
          <Route path="bookings/new" element={<BookingFormPage />} />
          <Route path="bookings/:id" element={<BookingDetailPage />} />
          <Route path="estimates" element={<EstimatesPage />} />
          <Route path="estimates/:id" element={<EstimateDetailPage />} />
          <Route path="service-board" element={<ServiceBoardPage />} />
          <Route path="work-orders" element={<WorkOrdersPage />} />
          <Route path="work-orders/:id" element={<WorkOrderDetailPage />} />
          <Route path="invoices" element={<InvoicesPage />} />
          <Route path="invoices/new" element={<InvoiceCreatePage />} />
          <Route path="invoices/:id" element={<InvoiceDetailPage />} />
          <Route path="invoices/:id/edit" element={<InvoiceEditPage />} />
          <Route path="customers" element={<CustomersPage />} />
          <Route path="customers/new" element={<CustomerFormPage />} />
          <Route path="customers/:id" element={<CustomerDetailPage />} />
          <Route path="customers/:id/edit" element={<CustomerFormPage />} />
          <Route path="units" element={<UnitsPage />} />
          <Route path="units/new" element={<UnitFormPage />} />
          <Route path="units/:id" element={<UnitDetailPage />} />
          <Route path="units/:id/edit" element={<UnitFormPage />} />
          <Route path="outbox" element={<OutboxPage />} />
          <Route path="settings" element={<SettingsPage />} />
          <Route path="*" element={<NotFound home="/shop" />} />
        </Route>
      </Routes>
    </RequireSession>
  );
}
