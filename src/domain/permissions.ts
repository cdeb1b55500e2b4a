// Who may do what in the shop. The table is the single source of truth: routes name a permission,
// never a role, so adding a role is one row here.

export const staffRoles = ["admin", "service_advisor", "technician", "parts", "accounting"] as const;
export type StaffRole = (typeof staffRoles)[number];

export const permissions = [
  "customers:read",
  "customers:write",
  "portal-accounts:manage",
  "units:read",
  "units:write",
  "readings:write",
  "bookings:read",
  "bookings:write",
  "estimates:read",
  "estimates:write",
  "work-orders:read",
  "work-orders:write",
  "time:clock",
  "job-parts:write",
  "inspections:write",
  "invoices:read",
  "invoices:write",
  "outbox:read",
  "settings:read",
  "settings:write",
  "users:manage",
  // API keys (and, later, webhooks) for the location's DMS: a key acts for the whole location, so
  // only an admin makes or revokes one.
  "integrations:manage",
  // Receivables: open items, dunning, bank statements and the accountant's exports. Money owed to the
  // shop and who is chased for it: the accountant's work, and the admin's.
  "receivables:manage",
] as const;
export type Permission = (typeof permissions)[number];

const everyone: Permission[] = [
  "customers:read",
  "units:read",
  "readings:write",
  "settings:read",
  "bookings:read",
  "estimates:read",
  "work-orders:read",
];

export const rolePermissions: Record<StaffRole, ReadonlySet<Permission>> = {
  admin: new Set(permissions),
  service_advisor: new Set([
    ...everyone,
    "customers:write",
    "portal-accounts:manage",
    "units:write",
    "bookings:write",
    "estimates:write",
    "work-orders:write",
    "job-parts:write",
    "inspections:write",
    "invoices:read",
    "invoices:write",
    "outbox:read",
  ]),
  // Technicians clock their time and finish jobs; they read the unit and record the odometer at the
  // car, but do not edit master data.
  technician: new Set([...everyone, "time:clock", "inspections:write"]),
  // The parts department prices parts on estimates and adds parts used to jobs.
  parts: new Set([...everyone, "estimates:write", "job-parts:write"]),
  accounting: new Set([
    ...everyone,
    "customers:write",
    "outbox:read",
    "invoices:read",
    "invoices:write",
    "receivables:manage",
  ]),
};

export function can(role: StaffRole, permission: Permission): boolean {
  return rolePermissions[role].has(permission);
}

export function permissionsOf(role: StaffRole): Permission[] {
  return permissions.filter((p) => rolePermissions[role].has(p));
}
