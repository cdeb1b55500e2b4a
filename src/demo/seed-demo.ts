// Demo data for a first look: one German shop with staff of every role, a private customer and a
// fleet customer with a portal login. Written once, into an empty database only.
import { count } from "drizzle-orm";
import type { NotifyContext } from "../app/bookings/notify-booking";
import type { PhotoStore } from "../app/inspections/photo-store";
import { hashPassword } from "../app/support/auth/passwords";
import type { Db } from "../db/client";
import {
  customers,
  locations,
  openingHours,
  organisations,
  portalAccounts,
  staffUsers,
  unitReadings,
  units,
} from "../db/schema";
import { defaultOpeningHours } from "../domain/booking-time";
import { customerDisplayName } from "../domain/customer";
import { newId } from "../domain/ids";
import type { StaffRole } from "../domain/permissions";
import { seedDemoBookings } from "./seed-demo-bookings";
import { seedDemoEstimates } from "./seed-demo-estimates";
import { seedDemoInvoices } from "./seed-demo-invoices";
import { seedDemoWorkOrders } from "./seed-demo-work-orders";

export const demoPassword = "pitlane-demo";

export interface DemoLogin {
  audience: "shop" | "portal";
  role: string;
  email: string;
  password: string;
}

const staff: { role: StaffRole; name: string; email: string }[] = [
  { role: "admin", name: "Sabine Admin", email: "admin@werkstatt.test" },
  { role: "service_advisor", name: "Stefan Berater", email: "advisor@werkstatt.test" },
  { role: "technician", name: "Tim Techniker", email: "tech@werkstatt.test" },
  { role: "parts", name: "Petra Teile", email: "parts@werkstatt.test" },
  { role: "accounting", name: "Anja Buchhaltung", email: "accounting@werkstatt.test" },
];

export const demoLogins: DemoLogin[] = [
  ...staff.map((s) => ({ audience: "shop" as const, role: s.role, email: s.email, password: demoPassword })),
  { audience: "portal", role: "fleet customer", email: "fleet@stadtwerke.test", password: demoPassword },
];

export async function seedDemoIfEmpty(
  db: Db,
  ctx: NotifyContext,
  photos: PhotoStore,
): Promise<DemoLogin[] | null> {
  const [existing] = await db.select({ n: count() }).from(organisations);
  if (Number(existing?.n ?? 0) > 0) return null;
  const passwordHash = await hashPassword(demoPassword);
  const organisationId = newId("organisation");
  const locationId = newId("location");
  await db.transaction(async (tx) => {
    await tx.insert(organisations).values({ id: organisationId, name: "Müller Kfz-Service" });
    await tx.insert(locations).values({
      id: locationId,
      organisationId,
      name: "Müller Kfz-Service Berlin-Mitte",
      timeZone: "Europe/Berlin",
      currency: "EUR",
      locale: "de-DE",
      legalName: "Müller Kfz-Service GmbH",
      street: "Chausseestraße 42",
      postalCode: "10115",
      city: "Berlin",
      country: "DE",
      vatId: "DE123456789",
      registerCourt: "Amtsgericht Charlottenburg",
      registerNumber: "HRB 123456 B",
      managingDirectors: ["Thomas Müller"],
      iban: "DE89370400440532013000",
      bic: "COBADEFFXXX",
      phone: "+49 30 1234567",
      email: "service@werkstatt.test",
      labourRate: 8999,
    });
    await tx.insert(staffUsers).values(
      staff.map((s) => ({
        id: newId("staffUser"),
        organisationId,
        locationId,
        ...s,
        passwordHash,
        language: "de" as const,
      })),
    );
    const scope = { organisationId, locationId };
    await tx.insert(openingHours).values(defaultOpeningHours.map((h) => ({ ...h, ...scope })));
    const anna = { type: "private" as const, firstName: "Anna", lastName: "Schmidt" };
    const annaId = newId("customer");
    await tx.insert(customers).values({
      id: annaId,
      ...scope,
      ...anna,
      displayName: customerDisplayName(anna),
      email: "anna.schmidt@example.com",
      phone: "+49 170 5550101",
      street: "Bergmannstraße 5",
      postalCode: "10961",
      city: "Berlin",
      language: "de",
    });
    const fleet = {
      type: "business" as const,
      companyName: "Stadtwerke Logistik GmbH",
      firstName: "Frank",
      lastName: "Flotte",
    };
    const fleetId = newId("customer");
    await tx.insert(customers).values({
      id: fleetId,
      ...scope,
      ...fleet,
      displayName: customerDisplayName(fleet),
      email: "fuhrpark@stadtwerke.test",
      phone: "+49 30 9876543",
      street: "Holzmarktstraße 12",
      postalCode: "10179",
      city: "Berlin",
      vatId: "DE987654321",
      language: "en",
      requiresInvoiceAuthorisation: true,
      paymentTermsDays: 30,
      payOnAccount: true,
    });
    await tx.insert(portalAccounts).values({
      id: newId("portalAccount"),
      ...scope,
      customerId: fleetId,
      email: "fleet@stadtwerke.test",
      name: "Frank Flotte",
      passwordHash,
      language: "en",
    });
    const demoUnits = [
      {
        customerId: annaId,
        vin: "WVWZZZ1KZ6W000001",
        plate: "B-AS 1234",
        make: "Volkswagen",
        model: "Golf",
        year: 2019,
        fleetNumber: null,
        odometerKm: 68_450,
        engineHours: null,
      },
      {
        customerId: fleetId,
        vin: "WDB9066331S000002",
        plate: "B-SW 101",
        make: "Mercedes-Benz",
        model: "Sprinter 316 CDI",
        year: 2021,
        fleetNumber: "SW-101",
        odometerKm: 142_300,
        engineHours: 5_210,
      },
      {
        customerId: fleetId,
        vin: "WF0XXXTTGXKY00003",
        plate: "B-SW 102",
        make: "Ford",
        model: "Transit Custom",
        year: 2022,
        fleetNumber: "SW-102",
        odometerKm: 88_020,
        engineHours: 3_105,
      },
      {
        customerId: fleetId,
        vin: "WV1ZZZSYZM9000005",
        plate: "B-SW 103",
        make: "Volkswagen",
        model: "Crafter 35 TDI",
        year: 2021,
        fleetNumber: "SW-103",
        odometerKm: 97_400,
        engineHours: 4_020,
      },
      {
        customerId: fleetId,
        vin: "VF1MA000063000006",
        plate: "B-SW 104",
        make: "Renault",
        model: "Master dCi 150",
        year: 2020,
        fleetNumber: "SW-104",
        odometerKm: 131_900,
        engineHours: 5_880,
      },
      {
        customerId: fleetId,
        vin: "W0VMRY60XN8000007",
        plate: "B-SW 105",
        make: "Opel",
        model: "Movano Cargo",
        year: 2022,
        fleetNumber: "SW-105",
        odometerKm: 54_210,
        engineHours: 2_150,
      },
      {
        customerId: fleetId,
        vin: "VF7YD3MAU12000008",
        plate: "B-SW 106",
        make: "Citroën",
        model: "Jumper 35 L3H2",
        year: 2021,
        fleetNumber: "SW-106",
        odometerKm: 76_050,
        engineHours: 3_300,
      },
      {
        customerId: fleetId,
        vin: "ZFA25000002000009",
        plate: "B-SW 107",
        make: "Fiat",
        model: "Ducato Maxi",
        year: 2019,
        fleetNumber: "SW-107",
        odometerKm: 183_600,
        engineHours: 7_410,
      },
      {
        customerId: fleetId,
        vin: "WDB9076351P000010",
        plate: "B-SW 108",
        make: "Mercedes-Benz",
        model: "Vito 116 CDI",
        year: 2022,
        fleetNumber: "SW-108",
        odometerKm: 63_880,
        engineHours: 2_540,
      },
      {
        customerId: fleetId,
        vin: "WMA1SKZZ5NM000004",
        plate: "B-SW 201",
        make: "MAN",
        model: "TGE 3.180",
        year: 2023,
        fleetNumber: "SW-201",
        odometerKm: 41_775,
        engineHours: 1_620,
      },
    ];
    for (const u of demoUnits) {
      const unitId = newId("unit");
      await tx.insert(units).values({ id: unitId, ...scope, ...u });
      await tx.insert(unitReadings).values({
        id: newId("reading"),
        ...scope,
        unitId,
        odometerKm: u.odometerKm,
        engineHours: u.engineHours,
        readAt: new Date(),
        source: "shop",
        recordedByKind: "system",
        recordedById: "seed",
        recordedByName: "Demo data",
      });
    }
  });
  await seedDemoBookings(db, ctx);
  await seedDemoEstimates(db, ctx);
  const later = await seedDemoWorkOrders(db, ctx, photos);
  await seedDemoInvoices(db, ctx);
  await later?.authorise();
  return demoLogins;
}
