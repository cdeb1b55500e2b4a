// Estimates in every state for the demo shop, made through the real commands: a draft, one waiting
// for the customer, one in dispute, one revised after a dispute (two versions) and approved in part,
// and one declined.
import { eq } from "drizzle-orm";
import type { NotifyContext } from "../app/bookings/notify-booking";
import { addEstimateLine } from "../app/estimates/add-estimate-line";
import { createDraftEstimate } from "../app/estimates/create-estimate";
import { type EstimateMove, moveEstimate } from "../app/estimates/move-estimate";
import { updateEstimateLine } from "../app/estimates/update-estimate-line";
import type { Db } from "../db/client";
import { findEstimate, loadLines } from "../db/queries/estimates";
import { portalAccounts, staffUsers, units } from "../db/schema";
import type { LinkActor, PortalActor, StaffActor } from "../domain/actor";

export type Line = {
  description: string;
  hours?: number;
  price: number;
  flat?: boolean;
  parts?: { description: string; partNumber: string; qty: number; price: number }[];
};

export const demoJobs: Record<string, Line[]> = {
  brakes: [
    {
      description: "Replace front brake pads and discs",
      hours: 1.5,
      price: 8999,
      parts: [
        { description: "Brake pads, front axle", partNumber: "BP-0986494", qty: 1, price: 4550 },
        { description: "Brake discs, front axle", partNumber: "BD-0986479", qty: 2, price: 6200 },
      ],
    },
    {
      description: "Replace wiper blades",
      hours: 0.25,
      price: 8999,
      parts: [{ description: "Wiper blade set", partNumber: "WB-3397007", qty: 1, price: 2599 }],
    },
  ],
  service: [
    {
      description: "Annual service per manufacturer schedule",
      hours: 2,
      price: 8999,
      parts: [
        { description: "Engine oil 5W-30, litre", partNumber: "OIL-5W30", qty: 7, price: 1290 },
        { description: "Oil filter", partNumber: "OF-115", qty: 1, price: 1450 },
      ],
    },
  ],
  // A fixed-price job: the customer pays the flat price whatever the clock says.
  tyres: [{ description: "Change to winter tyres incl. balancing", hours: 1, price: 7900, flat: true }],
};

/** The demo shop's advisor and fleet portal account, as the actors the commands take. */
export async function demoCast(db: Db) {
  const [advisorRow] = await db
    .select()
    .from(staffUsers)
    .where(eq(staffUsers.email, "advisor@werkstatt.test"));
  const [fleetRow] = await db
    .select()
    .from(portalAccounts)
    .where(eq(portalAccounts.email, "fleet@stadtwerke.test"));
  if (!advisorRow || !fleetRow) return null;
  const base = { organisationId: advisorRow.organisationId, locationId: advisorRow.locationId };
  const advisor: StaffActor = {
    kind: "staff",
    id: advisorRow.id,
    name: advisorRow.name,
    ...base,
    role: advisorRow.role,
  };
  const fleet: PortalActor = {
    kind: "portal",
    id: fleetRow.id,
    name: fleetRow.name,
    ...base,
    customerId: fleetRow.customerId,
  };
  const unitRows = await db.select().from(units).where(eq(units.organisationId, base.organisationId));
  const unit = (plate: string) => unitRows.find((u) => u.plate === plate)!;
  return { base, advisor, fleet, unit };
}

/** A draft estimate for a unit with the given labour lines and parts, made with the real commands. */
export async function buildDemoEstimate(
  db: Db,
  advisor: StaffActor,
  u: { id: string; customerId: string },
  job: Line[],
) {
  const e = await db.transaction((tx) =>
    createDraftEstimate(tx, advisor, { customerId: u.customerId, unitId: u.id }),
  );
  for (const l of job) {
    const version = (await findEstimate(db, advisor, e.id))!.version;
    const labourId = await addEstimateLine(db, advisor, e.id, {
      kind: "labour",
      description: l.description,
      quantityMilli: Math.round((l.hours ?? 1) * 1000),
      unitPrice: l.price,
      pricing: l.flat ? "flat" : "hourly",
      taxRateBp: 1900,
      version,
    });
    for (const p of l.parts ?? []) {
      await addEstimateLine(db, advisor, e.id, {
        kind: "part",
        labourLineId: labourId,
        description: p.description,
        partNumber: p.partNumber,
        quantityMilli: p.qty * 1000,
        unitPrice: p.price,
        taxRateBp: 1900,
        version: (await findEstimate(db, advisor, e.id))!.version,
      });
    }
  }
  return e.id;
}

export async function seedDemoEstimates(db: Db, ctx: NotifyContext) {
  const cast = await demoCast(db);
  if (!cast) return;
  const { base, advisor, fleet, unit } = cast;
  const build = (plate: string, job: Line[]) => buildDemoEstimate(db, advisor, unit(plate), job);
  const move = (actor: StaffActor | PortalActor | LinkActor, id: string, m: EstimateMove) =>
    moveEstimate(db, ctx, actor, id, m, { userAgent: "Demo data" });
  const lineIds = async (id: string) =>
    (await loadLines(db, id)).map((l) => ({ id: l.id, kind: l.kind, description: l.description }));

  // Draft: still being priced.
  await build("B-SW 201", demoJobs.tyres!);
  // Waiting for the customer.
  const waiting = await build("B-SW 102", demoJobs.service!);
  await move(advisor, waiting, { event: "submit", note: "Includes the oil change." });
  // In dispute: the customer questions the brake discs.
  const disputed = await build("B-SW 101", demoJobs.brakes!);
  await move(advisor, disputed, { event: "submit" });
  const discs = (await lineIds(disputed)).find((l) => l.description.startsWith("Brake discs"))!;
  await move(fleet, disputed, {
    event: "dispute",
    versionNo: 1,
    lines: [{ lineId: discs.id, note: "The discs were replaced last spring." }],
  });
  // Revised after a dispute (two versions), then approved in part.
  const revised = await build("B-SW 102", demoJobs.brakes!);
  await move(advisor, revised, { event: "submit" });
  const revisedLines = await lineIds(revised);
  const revisedDiscs = revisedLines.find((l) => l.description.startsWith("Brake discs"))!;
  await move(fleet, revised, {
    event: "dispute",
    versionNo: 1,
    lines: [{ lineId: revisedDiscs.id, note: "Please check the price of the discs." }],
  });
  await move(advisor, revised, { event: "acknowledge", note: "Agreed, we use discs from our own stock." });
  await updateEstimateLine(db, advisor, revisedDiscs.id, {
    unitPrice: 3100,
    version: (await findEstimate(db, advisor, revised))!.version,
  });
  await move(advisor, revised, { event: "submit", note: "Discs at half price." });
  const brakesLabour = revisedLines.find(
    (l) => l.kind === "labour" && l.description.startsWith("Replace front brake"),
  )!;
  await move(fleet, revised, { event: "approve", versionNo: 2, labourLineIds: [brakesLabour.id] });
  // Declined.
  const declined = await build("B-AS 1234", demoJobs.service!);
  await move(advisor, declined, { event: "submit" });
  // Mrs Schmidt has no portal account: she answered through the link in her email.
  const anna: LinkActor = {
    kind: "link",
    id: null,
    name: "Anna Schmidt",
    ...base,
    customerId: unit("B-AS 1234").customerId,
  };
  await move(anna, declined, {
    event: "decline",
    versionNo: 1,
    reason: "I will have it serviced next month.",
  });
}
