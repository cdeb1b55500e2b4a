// Work orders in every state for the demo shop, made through the real commands with time in the
// past: one being worked on (the technician is clocked on), one waiting for parts, one with the
// unit ready, one ready to submit, one awaiting the fleet customer's authorisation, one authorised
// with a PO number, one a private customer's invoiced directly, and a unit with Work Required.
import { and, eq } from "drizzle-orm";
import type { LinkActor, StaffActor } from "../app/actor";
import type { NotifyContext } from "../app/bookings/notify-booking";
import { moveEstimate } from "../app/estimates/move-estimate";
import { clockOff, clockOn } from "../app/work-orders/clock";
import {
  addJobPart,
  authorizeInvoice,
  finishJob,
  moveWorkOrder,
  setWaitingForParts,
} from "../app/work-orders/move-work-order";
import type { Db } from "./client";
import { loadLines } from "./queries/estimates";
import { jobs, staffUsers, workItems } from "./schema";
import { buildDemoEstimate, demoCast, demoJobs, type Line } from "./seed-demo-estimates";

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);

export async function seedDemoWorkOrders(db: Db, ctx: NotifyContext) {
  const cast = await demoCast(db);
  const [techRow] = await db.select().from(staffUsers).where(eq(staffUsers.email, "tech@werkstatt.test"));
  if (!cast || !techRow) return;
  const { base, advisor, fleet, unit } = cast;
  const tech: StaffActor = { kind: "staff", id: techRow.id, name: techRow.name, ...base, role: techRow.role };
  const facts = { userAgent: "Demo data" };

  /** An estimate for the unit, submitted and approved in full by its customer. */
  const approved = async (plate: string, job: Line[], customer: "fleet" | LinkActor = "fleet") => {
    const id = await buildDemoEstimate(db, advisor, unit(plate), job);
    await moveEstimate(db, ctx, advisor, id, { event: "submit" }, facts);
    const labour = (await loadLines(db, id)).filter((l) => l.kind === "labour").map((l) => l.id);
    await moveEstimate(
      db,
      ctx,
      customer === "fleet" ? fleet : customer,
      id,
      { event: "approve", versionNo: 1, labourLineIds: labour },
      facts,
    );
    return id;
  };
  const itemsOf = async (estimateId: string) =>
    (await db.select().from(workItems).where(eq(workItems.estimateId, estimateId))).map((w) => w.id);
  const jobsOf = async (workOrderId: string) =>
    (await db.select().from(jobs).where(eq(jobs.workOrderId, workOrderId))).map((j) => j.id);

  /** Clock on to every item in turn for `hours` each, ending `endedAgo` hours ago; returns the order. */
  const worked = async (estimateId: string, hours: number, endedAgo: number, finish: boolean) => {
    const items = await itemsOf(estimateId);
    let at = endedAgo + hours * items.length;
    let orderId = "";
    for (const workItemId of items) {
      const opened = await clockOn(db, tech, { workItemId }, hoursAgo(at));
      orderId = opened.workOrderId;
      at -= hours;
      await clockOff(db, tech, hoursAgo(at));
      if (finish) await finishJob(db, tech, opened.jobId, hoursAgo(at));
    }
    return orderId;
  };
  const move = (id: string, ...events: Parameters<typeof moveWorkOrder>[3][]) =>
    events.reduce<Promise<unknown>>(
      (previous, event) => previous.then(() => moveWorkOrder(db, advisor, id, event, {})),
      Promise.resolve(),
    );

  // Work Required: approved winter tyres on SW-201, nobody has started.
  await approved("B-SW 201", demoJobs.tyres!);

  // Waiting for parts: the service is half done, the oil filter is on order.
  const service = await approved("B-SW 103", demoJobs.service!);
  const waiting = await worked(service, 0.75, 20, false);
  await setWaitingForParts(db, advisor, waiting, true);

  // Unit ready: brakes done, with an extra part the parts department booked.
  const brakes = await approved("B-SW 104", demoJobs.brakes!);
  const ready = await worked(brakes, 1.2, 6, true);
  const [firstJob] = await jobsOf(ready);
  await addJobPart(db, advisor, firstJob!, {
    description: "Brake cleaner, 500 ml",
    partNumber: "BC-500",
    quantityMilli: 1000,
    unitPrice: 790,
    taxRateBp: 1900,
  });
  await move(ready, "unit_ready");

  // Ready to submit (the CompleteRO list).
  const tyres105 = await approved("B-SW 105", demoJobs.tyres!);
  await move(await worked(tyres105, 1.1, 26, true), "unit_ready", "ready_to_submit");

  // Awaiting the fleet customer's authorisation.
  const service106 = await approved("B-SW 106", demoJobs.service!);
  await move(await worked(service106, 1.9, 30, true), "unit_ready", "ready_to_submit", "submit");

  // Authorised by the fleet customer with their PO number: invoiced.
  const brakes107 = await approved("B-SW 107", demoJobs.brakes!);
  const authorised = await worked(brakes107, 1.4, 50, true);
  await move(authorised, "unit_ready", "ready_to_submit", "submit");
  await authorizeInvoice(db, fleet, authorised, {
    poNumber: "PO-2026-0815",
    ip: "127.0.0.1",
    userAgent: "Demo data",
  });

  // A private customer: no authorisation, the shop invoices directly.
  const anna: LinkActor = {
    kind: "link",
    id: null,
    name: "Anna Schmidt",
    ...base,
    customerId: unit("B-AS 1234").customerId,
  };
  const golf = await approved("B-AS 1234", demoJobs.tyres!, anna);
  await move(await worked(golf, 0.9, 28, true), "unit_ready", "ready_to_submit", "invoice");

  // In progress: the technician is on the brakes of SW-102 right now (approved after the dispute).
  const [sw102] = await db
    .select()
    .from(workItems)
    .where(and(eq(workItems.unitId, unit("B-SW 102").id), eq(workItems.status, "required")));
  if (sw102) await clockOn(db, tech, { workItemId: sw102.id }, hoursAgo(0.6));
}
