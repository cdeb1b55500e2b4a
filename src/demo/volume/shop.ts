// The shop itself: one organisation and location, staff of every role, opening hours. A handful of
// rows, written with the app's schema and ids (newId with seeded bytes) and its password hashing.
import { hashPassword } from "../../app/support/auth/passwords";
import type { DbOrTx } from "../../db/client";
import { locations, openingHours, organisations, staffUsers } from "../../db/schema";
import { defaultOpeningHours } from "../../domain/booking-time";
import { newId } from "../../domain/ids";
import type { StaffRole } from "../../domain/permissions";
import { loginDomain, shop, staffPlan } from "./people";
import { seededRandom } from "./random";

export const volumePassword = "pitlane-demo";

export interface StaffRef {
  id: string;
  name: string;
  email: string;
  role: StaffRole;
}

export interface SeededShop {
  organisationId: string;
  locationId: string;
  staff: StaffRef[];
  /** The argon2 hash of the demo password, made once and given to every login. */
  passwordHash: string;
  byRole(role: StaffRole): StaffRef[];
}

/** `advisor@large.test` for the first of a role, then `advisor2@…`, `advisor3@…`. */
const loginOf = (login: string, i: number) => `${login}${i === 0 ? "" : i + 1}@${loginDomain}`;

export async function seedShop(tx: DbOrTx, seed: string, createdAt: Date): Promise<SeededShop> {
  const random = seededRandom(seed, "shop");
  const id = (kind: Parameters<typeof newId>[0]) => newId(kind, random.bytes);
  const organisationId = id("organisation");
  const locationId = id("location");
  const passwordHash = await hashPassword(volumePassword);
  await tx.insert(organisations).values({ id: organisationId, name: shop.organisation, createdAt });
  await tx.insert(locations).values({
    id: locationId,
    organisationId,
    ...shop.location,
    managingDirectors: [...shop.location.managingDirectors],
    paymentProvider: "sandbox",
    createdAt,
    updatedAt: createdAt,
  });
  const staff: StaffRef[] = staffPlan.flatMap((group) =>
    group.names.map((name, i) => ({
      id: id("staffUser"),
      name,
      email: loginOf(group.login, i),
      role: group.role,
    })),
  );
  await tx.insert(staffUsers).values(
    staff.map((s, i) => ({
      ...s,
      organisationId,
      locationId,
      passwordHash,
      language: i % 7 === 3 ? ("en" as const) : ("de" as const),
      createdAt,
      updatedAt: createdAt,
    })),
  );
  // Someone who left: still in the history, no longer signs in or shows on the board.
  await tx.insert(staffUsers).values({
    id: id("staffUser"),
    organisationId,
    locationId,
    name: "Rainer Ehemann",
    email: `tech-left@${loginDomain}`,
    role: "technician",
    passwordHash,
    language: "de",
    active: false,
    createdAt,
    updatedAt: createdAt,
  });
  await tx
    .insert(openingHours)
    .values(defaultOpeningHours.map((h) => ({ ...h, organisationId, locationId })));
  return {
    organisationId,
    locationId,
    staff,
    passwordHash,
    byRole: (role) => staff.filter((s) => s.role === role),
  };
}
