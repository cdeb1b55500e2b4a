// A fresh organisation per test: one location, a staff user of every role, a private and a business
// customer with a unit each, and a portal login for the business customer.
import { randomBytes } from "node:crypto";
import { hashPassword } from "../../src/app/support/auth/passwords";
import type { Db } from "../../src/db/client";
import {
  customers,
  locations,
  openingHours,
  organisations,
  portalAccounts,
  staffUsers,
  units,
} from "../../src/db/schema";
import { defaultOpeningHours } from "../../src/domain/booking-time";
import { newId } from "../../src/domain/ids";
import { type StaffRole, staffRoles } from "../../src/domain/permissions";

export const password = "correct horse battery staple";
let passwordHash: Promise<string> | undefined;

export interface Shop {
  organisationId: string;
  locationId: string;
  staff: Record<StaffRole, { id: string; email: string }>;
  privateCustomerId: string;
  businessCustomerId: string;
  privateUnitId: string;
  businessUnitId: string;
  portal: { id: string; email: string; customerId: string };
}

export async function createShop(db: Db, name = "Test shop"): Promise<Shop> {
  passwordHash ??= hashPassword(password);
  const hash = await passwordHash;
  const tag = randomBytes(4).toString("hex");
  const organisationId = newId("organisation");
  const locationId = newId("location");
  const scope = { organisationId, locationId };
  await db.insert(organisations).values({ id: organisationId, name });
  await db.insert(locations).values({
    id: locationId,
    organisationId,
    name: `${name} ${tag}`,
    timeZone: "Europe/Berlin",
    currency: "EUR",
    locale: "de-DE",
    legalName: `${name} GmbH`,
    street: "Teststraße 1",
    postalCode: "10115",
    city: "Berlin",
    country: "DE",
    vatId: "DE123456789",
    iban: "DE89370400440532013000",
    bic: "COBADEFFXXX",
    email: `service.${tag}@shop.test`,
  });
  await db.insert(openingHours).values(defaultOpeningHours.map((h) => ({ ...h, ...scope })));
  const staff = {} as Shop["staff"];
  for (const role of staffRoles) {
    const id = newId("staffUser");
    const email = `${role}.${tag}@shop.test`;
    await db
      .insert(staffUsers)
      .values({ id, ...scope, email, name: `${role} ${tag}`, role, passwordHash: hash });
    staff[role] = { id, email };
  }
  const privateCustomerId = newId("customer");
  const businessCustomerId = newId("customer");
  await db.insert(customers).values([
    {
      id: privateCustomerId,
      ...scope,
      type: "private",
      firstName: "Paula",
      lastName: `Private ${tag}`,
      displayName: `Paula Private ${tag}`,
      email: `paula.${tag}@example.com`,
    },
    {
      id: businessCustomerId,
      ...scope,
      type: "business",
      companyName: `Fleet ${tag} GmbH`,
      displayName: `Fleet ${tag} GmbH`,
      language: "en",
    },
  ]);
  const privateUnitId = newId("unit");
  const businessUnitId = newId("unit");
  await db.insert(units).values([
    {
      id: privateUnitId,
      ...scope,
      customerId: privateCustomerId,
      make: "Volkswagen",
      model: "Polo",
      plate: `B-PP ${tag.slice(0, 4)}`,
      odometerKm: 50_000,
    },
    {
      id: businessUnitId,
      ...scope,
      customerId: businessCustomerId,
      make: "Ford",
      model: "Transit",
      plate: `B-FL ${tag.slice(0, 4)}`,
      fleetNumber: `F-${tag}`,
      odometerKm: 120_000,
      engineHours: 4_000,
    },
  ]);
  const portalId = newId("portalAccount");
  const portalEmail = `fleet.${tag}@customer.test`;
  await db.insert(portalAccounts).values({
    id: portalId,
    ...scope,
    customerId: businessCustomerId,
    email: portalEmail,
    name: "Fleet manager",
    passwordHash: hash,
    language: "en",
  });
  return {
    organisationId,
    locationId,
    staff,
    privateCustomerId,
    businessCustomerId,
    privateUnitId,
    businessUnitId,
    portal: { id: portalId, email: portalEmail, customerId: businessCustomerId },
  };
}

/** A date (YYYY-MM-DD) on the given ISO weekday at least `minDaysAhead` days from today. */
export function upcoming(weekday: number, minDaysAhead = 2): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + minDaysAhead);
  while (((d.getUTCDay() + 6) % 7) + 1 !== weekday) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
