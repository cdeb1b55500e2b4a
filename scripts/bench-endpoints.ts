// The list and dashboard endpoints `npm run bench` measures on the large shop, and the bare route
// (scripts/bench-bare-server.ts) that runs the same query for each. Page sizes are the web app's.

export type BenchActor = "advisor" | "admin" | "fleet1";

export interface BenchEndpoint {
  /** How the endpoint is named in the output. */
  name: string;
  /** Who asks: the service advisor, the admin (users), or the fleet's portal login. */
  as: BenchActor;
  /** The API path. */
  path: string;
  /** Query parameters besides limit and offset. */
  query?: Record<string, string>;
  /** The page size the web app asks for; absent when the endpoint does not page. */
  limit?: number;
  /** Also measure the 400th page (offset 399 × limit): paging back through years of records. */
  deep?: boolean;
  /** The bare route's handler (bench-bare-server.ts), given the same query. */
  bare: string;
}

export const benchEndpoints: BenchEndpoint[] = [
  { name: "customers", as: "advisor", path: "/api/v1/customers", limit: 25, deep: true, bare: "customers" },
  {
    name: "customers search",
    as: "advisor",
    path: "/api/v1/customers",
    query: { q: "Müller" },
    limit: 25,
    bare: "customers",
  },
  { name: "units", as: "advisor", path: "/api/v1/units", limit: 25, deep: true, bare: "units" },
  {
    name: "units search",
    as: "advisor",
    path: "/api/v1/units",
    query: { q: "Golf" },
    limit: 25,
    bare: "units",
  },
  {
    name: "booking requests",
    as: "advisor",
    path: "/api/v1/booking-requests",
    limit: 25,
    deep: true,
    bare: "bookings",
  },
  { name: "estimates", as: "advisor", path: "/api/v1/estimates", limit: 25, deep: true, bare: "estimates" },
  {
    name: "work orders",
    as: "advisor",
    path: "/api/v1/work-orders",
    limit: 25,
    deep: true,
    bare: "work-orders",
  },
  { name: "service board", as: "advisor", path: "/api/v1/service-board", bare: "service-board" },
  { name: "invoices", as: "advisor", path: "/api/v1/invoices", limit: 25, deep: true, bare: "invoices" },
  ...(["paid_ready", "delivered_unpaid", "open", "closed"] as const).map((filter) => ({
    name: `invoices ${filter}`,
    as: "advisor" as const,
    path: "/api/v1/invoices",
    query: { filter },
    limit: 25,
    deep: true,
    bare: "invoices",
  })),
  {
    name: "invoices search",
    as: "advisor",
    path: "/api/v1/invoices",
    query: { q: "Müller" },
    limit: 25,
    bare: "invoices",
  },
  { name: "outbox", as: "advisor", path: "/api/v1/outbox", limit: 25, deep: true, bare: "outbox" },
  { name: "notifications", as: "advisor", path: "/api/v1/notifications", bare: "notifications" },
  { name: "users", as: "admin", path: "/api/v1/users", bare: "users" },
  // Receivables (issue #15): the accountant's screens, asked by the admin (who may manage them).
  { name: "open items", as: "admin", path: "/api/v1/open-items", limit: 25, deep: true, bare: "open-items" },
  {
    name: "open items over 90 days",
    as: "admin",
    path: "/api/v1/open-items",
    query: { bucket: "days_over_90" },
    limit: 25,
    bare: "open-items",
  },
  {
    name: "bank queue",
    as: "admin",
    path: "/api/v1/bank-statements/entries",
    query: { status: "unmatched" },
    limit: 25,
    bare: "bank-queue",
  },
  {
    name: "dunning review queue",
    as: "admin",
    path: "/api/v1/dunning/reminders",
    query: { status: "review" },
    limit: 25,
    bare: "reminders",
  },
  {
    name: "dunning sent reminders",
    as: "admin",
    path: "/api/v1/dunning/reminders",
    query: { status: "sent" },
    limit: 25,
    deep: true,
    bare: "reminders",
  },
  {
    name: "portal units",
    as: "fleet1",
    path: "/api/v1/portal/units",
    limit: 50,
    deep: true,
    bare: "portal-units",
  },
  {
    name: "portal booking requests",
    as: "fleet1",
    path: "/api/v1/portal/booking-requests",
    limit: 25,
    deep: true,
    bare: "portal-bookings",
  },
  {
    name: "portal estimates",
    as: "fleet1",
    path: "/api/v1/portal/estimates",
    query: { state: "history" },
    limit: 25,
    deep: true,
    bare: "portal-estimates",
  },
  {
    name: "portal work orders (history)",
    as: "fleet1",
    path: "/api/v1/portal/work-orders",
    limit: 25,
    deep: true,
    bare: "portal-work-orders",
  },
  {
    name: "portal awaiting authorization (badge)",
    as: "fleet1",
    path: "/api/v1/portal/work-orders",
    query: { status: "awaiting_authorization" },
    limit: 1,
    bare: "portal-work-orders",
  },
  {
    name: "portal invoices",
    as: "fleet1",
    path: "/api/v1/portal/invoices",
    query: { state: "all" },
    limit: 25,
    bare: "portal-invoices",
  },
  { name: "portal extensions", as: "fleet1", path: "/api/v1/portal/extensions", bare: "portal-extensions" },
];

export interface BenchRun {
  endpoint: BenchEndpoint;
  /** 1 or 400. */
  page: number;
  /** Path and query string, the same for the API and the bare route. */
  search: string;
}

export function benchRuns(endpoints: readonly BenchEndpoint[]): BenchRun[] {
  return endpoints.flatMap((endpoint) => {
    const pages = endpoint.limit === undefined ? [1] : endpoint.deep ? [1, 400] : [1];
    return pages.map((page) => {
      const params = new URLSearchParams(endpoint.query);
      if (endpoint.limit !== undefined) {
        params.set("limit", String(endpoint.limit));
        params.set("offset", String((page - 1) * endpoint.limit));
      }
      const search = params.toString();
      return { endpoint, page, search: search ? `?${search}` : "" };
    });
  });
}
