import "../shared/areaSetup";
import { Navigate, Route, Routes } from "react-router";
import { type LazyPage, lazyPage, usePreloadPages } from "../shared/lazyPage";
import { NotFound } from "../shared/NotFound";
import { RequireSession } from "../shared/RequireSession";
import { shopLandingPath, useCurrentSession } from "../shared/session";
import { ShopLayout } from "./ShopLayout";

// One chunk per page (shared/lazyPage.tsx): opening a screen downloads that screen.
const ServiceBoardPage = lazyPage(() => import("./board/ServiceBoardPage"), "ServiceBoardPage");
const BookingDetailPage = lazyPage(() => import("./bookings/BookingDetailPage"), "BookingDetailPage");
const BookingFormPage = lazyPage(() => import("./bookings/BookingFormPage"), "BookingFormPage");
const BookingsPage = lazyPage(() => import("./bookings/BookingsPage"), "BookingsPage");
const CustomerDetailPage = lazyPage(() => import("./customers/CustomerDetailPage"), "CustomerDetailPage");
const CustomerFormPage = lazyPage(() => import("./customers/CustomerFormPage"), "CustomerFormPage");
const CustomersPage = lazyPage(() => import("./customers/CustomersPage"), "CustomersPage");
const EstimateDetailPage = lazyPage(() => import("./estimates/EstimateDetailPage"), "EstimateDetailPage");
const EstimatesPage = lazyPage(() => import("./estimates/EstimatesPage"), "EstimatesPage");
const InvoiceDetailPage = lazyPage(() => import("./invoices/InvoiceDetailPage"), "InvoiceDetailPage");
const InvoiceCreatePage = lazyPage(() => import("./invoices/InvoiceFormPage"), "InvoiceCreatePage");
const InvoiceEditPage = lazyPage(() => import("./invoices/InvoiceFormPage"), "InvoiceEditPage");
const InvoiceUploadPage = lazyPage(() => import("./invoices/InvoiceUploadPage"), "InvoiceUploadPage");
const InvoiceUploadsPage = lazyPage(() => import("./invoices/InvoiceUploadPage"), "InvoiceUploadsPage");
const InvoicesPage = lazyPage(() => import("./invoices/InvoicesPage"), "InvoicesPage");
const OutboxPage = lazyPage(() => import("./outbox/OutboxPage"), "OutboxPage");
const ReceivablesPage = lazyPage(() => import("./receivables/ReceivablesPage"), "ReceivablesPage");
const SettingsPage = lazyPage(() => import("./settings/SettingsPage"), "SettingsPage");
const UnitDetailPage = lazyPage(() => import("./units/UnitDetailPage"), "UnitDetailPage");
const UnitFormPage = lazyPage(() => import("./units/UnitFormPage"), "UnitFormPage");
const UnitsPage = lazyPage(() => import("./units/UnitsPage"), "UnitsPage");
const WorkOrderDetailPage = lazyPage(() => import("./workOrders/WorkOrderDetailPage"), "WorkOrderDetailPage");
const WorkOrdersPage = lazyPage(() => import("./workOrders/WorkOrdersPage"), "WorkOrdersPage");
const pages = [
  ServiceBoardPage,
  BookingDetailPage,
  BookingFormPage,
  BookingsPage,
  CustomerDetailPage,
  CustomerFormPage,
  CustomersPage,
  EstimateDetailPage,
  EstimatesPage,
  InvoiceDetailPage,
  InvoiceCreatePage,
  InvoiceEditPage,
  InvoicesPage,
  InvoiceUploadPage,
  InvoiceUploadsPage,
  OutboxPage,
  ReceivablesPage,
  SettingsPage,
  UnitDetailPage,
  UnitFormPage,
  UnitsPage,
  WorkOrderDetailPage,
  WorkOrdersPage,
];

// The page a fresh load opens starts downloading with this chunk, alongside the session request,
// instead of after the session has answered.
const firstPage: Record<string, LazyPage> = {
  bookings: BookingsPage,
  estimates: EstimatesPage,
  "service-board": ServiceBoardPage,
  "work-orders": WorkOrdersPage,
  invoices: InvoicesPage,
  customers: CustomersPage,
  units: UnitsPage,
  outbox: OutboxPage,
  receivables: ReceivablesPage,
  settings: SettingsPage,
};
if (typeof window !== "undefined") {
  const [, area, list, id] = window.location.pathname.split("/");
  const detail: Record<string, LazyPage> = {
    bookings: BookingDetailPage,
    estimates: EstimateDetailPage,
    "work-orders": WorkOrderDetailPage,
    invoices: InvoiceDetailPage,
    customers: CustomerDetailPage,
    units: UnitDetailPage,
  };
  const page = area === "shop" && list ? (id && id !== "new" ? detail[list] : firstPage[list]) : undefined;
  void page?.preload().catch(() => undefined);
}

/** `/shop` (and `/`, and after sign-in): each role lands where its work is. */
function ShopLanding() {
  const { user } = useCurrentSession();
  return <Navigate to={shopLandingPath(user)} replace />;
}

/** Everything under /shop (lazy-loaded chunk). */
export default function ShopApp() {
  usePreloadPages(pages);
  return (
    <RequireSession audience="shop">
      <Routes>
        <Route element={<ShopLayout />}>
          <Route index element={<ShopLanding />} />
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
          <Route path="invoices/uploads" element={<InvoiceUploadsPage />} />
          <Route path="invoices/uploads/:id" element={<InvoiceUploadPage />} />
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
          <Route path="receivables" element={<Navigate to="open-items" replace />} />
          <Route path="receivables/:tab" element={<ReceivablesPage />} />
          <Route path="settings" element={<SettingsPage />} />
          <Route path="*" element={<NotFound home="/shop" />} />
        </Route>
      </Routes>
    </RequireSession>
  );
}
