// Staff users and portal logins as Settings and the customer page list them: a location has tens of
// staff and a customer a handful of logins, so these read whole (staff_users_organisation_idx,
// portal_accounts_customer_idx).
import { and, asc, desc, eq } from "drizzle-orm";
import type { Scope } from "../../domain/actor";
import type { DbOrTx } from "../client";
import { portalAccounts, staffUsers } from "../schema";

export async function listStaffUsers(db: DbOrTx, scope: Scope) {
  return db
    .select({
      id: staffUsers.id,
      name: staffUsers.name,
      email: staffUsers.email,
      role: staffUsers.role,
      active: staffUsers.active,
    })
    .from(staffUsers)
    .where(
      and(eq(staffUsers.organisationId, scope.organisationId), eq(staffUsers.locationId, scope.locationId)),
    )
    .orderBy(asc(staffUsers.name), asc(staffUsers.id));
}

/** Active technicians of the location (the Service Board's technician filter). */
export async function listTechnicians(db: DbOrTx, scope: Scope) {
  return db
    .select({ id: staffUsers.id, name: staffUsers.name })
    .from(staffUsers)
    .where(
      and(
        eq(staffUsers.organisationId, scope.organisationId),
        eq(staffUsers.locationId, scope.locationId),
        eq(staffUsers.role, "technician"),
        eq(staffUsers.active, true),
      ),
    )
    .orderBy(asc(staffUsers.name), asc(staffUsers.id));
}

export async function listPortalAccounts(db: DbOrTx, scope: Scope, customerId: string) {
  return db
    .select()
    .from(portalAccounts)
    .where(
      and(
        eq(portalAccounts.organisationId, scope.organisationId),
        eq(portalAccounts.locationId, scope.locationId),
        eq(portalAccounts.customerId, customerId),
      ),
    )
    .orderBy(desc(portalAccounts.createdAt), desc(portalAccounts.id));
}
