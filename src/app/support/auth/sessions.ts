import { and, eq, gt, lt, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../../db/client";
import {
  customers,
  locations,
  organisations,
  portalAccounts,
  sessions,
  staffUsers,
} from "../../../db/schema";
import type { PortalActor, StaffActor } from "../../../domain/actor";
import type { Language } from "../../../domain/customer";
import { type Permission, permissionsOf } from "../../../domain/permissions";
import { hashToken, newToken } from "./tokens";

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  kind: "staff" | "portal";
  role?: StaffActor["role"];
  customerId?: string;
  customerName?: string;
  language: Language;
  permissions: Permission[];
}

export interface ResolvedSession {
  actor: StaffActor | PortalActor;
  user: SessionUser;
  csrfToken: string;
  organisation: { id: string; name: string };
  location: { id: string; name: string; timeZone: string; currency: string; locale: string };
}

export async function createSession(
  db: DbOrTx,
  subject: { kind: "staff" | "portal"; id: string; organisationId: string },
  ttlHours: number,
  userAgent?: string,
) {
  const token = newToken();
  const csrfToken = newToken();
  await db.insert(sessions).values({
    tokenHash: hashToken(token),
    subjectKind: subject.kind,
    subjectId: subject.id,
    organisationId: subject.organisationId,
    csrfToken,
    userAgent: userAgent?.slice(0, 300) ?? null,
    expiresAt: new Date(Date.now() + ttlHours * 3600_000),
  });
  return { token, csrfToken };
}

export async function deleteSession(db: DbOrTx, token: string) {
  await db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)));
}

export async function deleteExpiredSessions(db: DbOrTx) {
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date()));
}

const locationColumns = {
  id: locations.id,
  name: locations.name,
  timeZone: locations.timeZone,
  currency: locations.currency,
  locale: locations.locale,
};

/** Built once per database and prepared on each connection: every API request runs it. */
const lookups = new WeakMap<Db, ReturnType<typeof buildSessionLookup>>();
const sessionLookup = (db: Db) => {
  let lookup = lookups.get(db);
  if (!lookup) {
    lookup = buildSessionLookup(db);
    lookups.set(db, lookup);
  }
  return lookup;
};

function buildSessionLookup(db: Db) {
  return db
    .select({
      csrfToken: sessions.csrfToken,
      staff: staffUsers,
      account: portalAccounts,
      customerName: customers.displayName,
      organisation: { id: organisations.id, name: organisations.name },
      location: locationColumns,
    })
    .from(sessions)
    .leftJoin(
      staffUsers,
      and(
        eq(sessions.subjectKind, "staff"),
        eq(staffUsers.id, sessions.subjectId),
        eq(staffUsers.active, true),
      ),
    )
    .leftJoin(
      portalAccounts,
      and(
        eq(sessions.subjectKind, "portal"),
        eq(portalAccounts.id, sessions.subjectId),
        eq(portalAccounts.active, true),
      ),
    )
    .leftJoin(customers, eq(customers.id, portalAccounts.customerId))
    .innerJoin(
      organisations,
      eq(organisations.id, sql`coalesce(${staffUsers.organisationId}, ${portalAccounts.organisationId})`),
    )
    .innerJoin(
      locations,
      eq(locations.id, sql`coalesce(${staffUsers.locationId}, ${portalAccounts.locationId})`),
    )
    .where(
      and(
        eq(sessions.tokenHash, sql.placeholder("tokenHash")),
        gt(sessions.expiresAt, sql.placeholder("now")),
      ),
    )
    .prepare("resolve_session");
}

/**
 * The session behind a cookie token, with who it belongs to; undefined when unknown, expired or
 * disabled. Every API request asks this, so it is one round trip: the session joined to its staff user
 * or portal account, their organisation and location.
 */
export async function resolveSession(db: Db, token: string): Promise<ResolvedSession | undefined> {
  const [row] = await sessionLookup(db).execute({ tokenHash: hashToken(token), now: new Date() });
  if (!row) return undefined;
  const { staff: user, account } = row;
  if (user) {
    return {
      actor: {
        kind: "staff",
        id: user.id,
        name: user.name,
        organisationId: user.organisationId,
        locationId: user.locationId,
        role: user.role,
      },
      user: {
        id: user.id,
        name: user.name,
        email: user.email,
        kind: "staff",
        role: user.role,
        language: user.language,
        permissions: permissionsOf(user.role),
      },
      csrfToken: row.csrfToken,
      organisation: row.organisation,
      location: row.location,
    };
  }
  if (!account || row.customerName === null) return undefined;
  return {
    actor: {
      kind: "portal",
      id: account.id,
      name: account.name,
      organisationId: account.organisationId,
      locationId: account.locationId,
      customerId: account.customerId,
    },
    user: {
      id: account.id,
      name: account.name,
      email: account.email,
      kind: "portal",
      customerId: account.customerId,
      customerName: row.customerName,
      language: account.language,
      permissions: [],
    },
    csrfToken: row.csrfToken,
    organisation: row.organisation,
    location: row.location,
  };
}
