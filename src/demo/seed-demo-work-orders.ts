// Work orders in every state for the demo shop, made through the real commands with time in the
// past: one being worked on (the technician is clocked on), one waiting for parts, one with the
// unit ready, one ready to submit, one awaiting the fleet customer's authorisation, one authorised
// with a PO number, one a private customer's invoiced directly, and a unit with Work Required.
import { and, eq } from "drizzle-orm";
import sharp from "sharp";
import type { NotifyContext } from "../app/bookings/notify-booking";
import { moveEstimate } from "../app/estimates/move-estimate";
import { addRecommendationPart } from "../app/extensions/add-recommendation-part";
import { sendExtension } from "../app/extensions/send-order-extension";
import { updateRecommendation } from "../app/extensions/update-recommendation";
import { addPhoto } from "../app/inspections/add-inspection-photo";
import { completeInspection } from "../app/inspections/complete-inspection";
import type { PhotoStore } from "../app/inspections/photo-store";
import { rateItem } from "../app/inspections/rate-inspection-item";
import { startInspection } from "../app/inspections/start-inspection";
import { addJobPart } from "../app/work-orders/add-job-part";
import { authorizeInvoice } from "../app/work-orders/authorize-invoice";
import { clockOff } from "../app/work-orders/clock-off";
import { clockOn } from "../app/work-orders/clock-on";
import { finishJob } from "../app/work-orders/finish-job";
import { moveWorkOrder, type StaffWorkOrderMove } from "../app/work-orders/move-work-order";
import { setWaitingForParts } from "../app/work-orders/set-waiting-for-parts";
import type { Db } from "../db/client";
import { loadLines } from "../db/queries/estimates";
import { loadRecommendations } from "../db/queries/extensions";
import { loadInspection } from "../db/queries/inspections";
import { jobs, staffUsers, workItems } from "../db/schema";
import type { LinkActor, StaffActor } from "../domain/actor";
import { buildDemoEstimate, demoCast, demoJobs, type Line } from "./seed-demo-estimates";

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);

/** A stand-in for a tablet photo: a brake disc with worn pads, or a tyre, drawn as shapes. */
async function demoPhoto(kind: "brake" | "tyre"): Promise<Buffer> {
  const svg =
    kind === "brake"
      ? `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="900"><rect width="1200" height="900" fill="#3b3f45"/><circle cx="600" cy="450" r="330" fill="#8d9299"/><circle cx="600" cy="450" r="120" fill="#55595f"/><rect x="860" y="300" width="70" height="300" rx="12" fill="#b3402f"/><rect x="930" y="300" width="14" height="300" fill="#2a2a2a"/></svg>`
      : `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="900"><rect width="1200" height="900" fill="#6b7078"/><circle cx="600" cy="450" r="380" fill="#1f1f1f"/><circle cx="600" cy="450" r="220" fill="#a7acb3"/>${Array.from({ length: 12 }, (_, i) => `<rect x="590" y="80" width="20" height="60" fill="#444" transform="rotate(${i * 30} 600 450)"/>`).join("")}</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer();
}

export async function seedDemoWorkOrders(db: Db, ctx: NotifyContext, photos: PhotoStore) {
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
      const opened = await clockOn(db, tech, { workItemId }, { switchJob: true, now: hoursAgo(at) });
      orderId = opened.workOrderId;
      at -= hours;
      await clockOff(db, tech, hoursAgo(at));
      if (finish) await finishJob(db, tech, opened.jobId, hoursAgo(at));
    }
    return orderId;
  };
  const move = (id: string, ...events: StaffWorkOrderMove[]) =>
    events.reduce<Promise<unknown>>(
      (previous, event) => previous.then(() => moveWorkOrder(db, ctx, advisor, id, event, {})),
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
  // Authorising issues the invoice, which takes the next number: the caller runs this after the
  // back-dated demo invoices, so numbers still follow issue dates.
  const authorise = () =>
    authorizeInvoice(db, fleet, authorised, {
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

  /** The inspection of an order: the brakes urgent and the rear tyres worn, with photos; the rest ok. */
  const inspect = async (workOrderId: string) => {
    await startInspection(db, tech, workOrderId);
    const loaded = (await loadInspection(db, base, workOrderId))!;
    for (const item of loaded.items) {
      const finding =
        item.label === "Front pads and discs"
          ? { rating: "urgent" as const, note: "Pads down to 2 mm, disc scored.", partsNeeded: true }
          : item.label === "Tread depth rear"
            ? { rating: "attention" as const, note: "3 mm left; replace before winter." }
            : { rating: "ok" as const };
      await rateItem(db, tech, item.id, { ...finding, version: item.version });
      if (finding.rating !== "ok") {
        await addPhoto(
          db,
          photos,
          tech,
          item.id,
          await demoPhoto(finding.rating === "urgent" ? "brake" : "tyre"),
        );
      }
    }
    await completeInspection(db, ctx, tech, workOrderId);
    return loadRecommendations(db, workOrderId);
  };

  // Waiting for the customer: the inspection of SW-108 found more work; the extension is out.
  const service108 = await approved("B-SW 108", demoJobs.service!);
  const [item108] = await itemsOf(service108);
  const opened108 = await clockOn(db, tech, { workItemId: item108! }, { switchJob: true, now: hoursAgo(3) });
  const [pads, tyres] = await inspect(opened108.workOrderId);
  await clockOff(db, tech, hoursAgo(2));
  await addRecommendationPart(db, advisor, pads!.id, {
    description: "Brake pads, front axle",
    partNumber: "BP-0986494",
    quantityMilli: 1000,
    unitPrice: 4550,
    taxRateBp: 1900,
    availability: "in_stock",
  });
  await addRecommendationPart(db, advisor, tyres!.id, {
    description: "Tyre 225/65 R16C",
    partNumber: "TY-2256516",
    quantityMilli: 2000,
    unitPrice: 11_900,
    taxRateBp: 1900,
    availability: "next_day",
  });
  await updateRecommendation(db, advisor, pads!.id, {
    description: "Replace front brake pads",
    hoursMilli: 1200,
    unitPrice: 8999,
    version: pads!.version,
  });
  await updateRecommendation(db, advisor, tyres!.id, {
    description: "Replace both rear tyres",
    pricing: "flat",
    unitPrice: 4000,
    version: tyres!.version,
  });
  await sendExtension(db, ctx, advisor, opened108.workOrderId, {
    note: "The pads are urgent; the tyres can wait a week.",
  });

  // In progress: the technician is on the brakes of SW-102 right now (approved after the dispute);
  // the inspection is done and its findings wait for the advisor to price them.
  const [sw102] = await db
    .select()
    .from(workItems)
    .where(and(eq(workItems.unitId, unit("B-SW 102").id), eq(workItems.status, "required")));
  if (sw102) {
    const running = await clockOn(
      db,
      tech,
      { workItemId: sw102.id },
      { switchJob: true, now: hoursAgo(0.6) },
    );
    await inspect(running.workOrderId);
  }
  return { authorise };
}
