// A customer's records along the whole lifecycle (booking, estimate, work order, inspection with a
// photo, recommendation and order extension, invoice), made the way the shop and the customer make
// them, for the tests that walk every route with real ids (isolation, fuzz).
import { randomBytes } from "node:crypto";
import sharp from "sharp";
import { hashPassword } from "../../src/app/support/auth/passwords";
import {
  customers,
  notifications,
  orderExtensions,
  portalAccounts,
  recommendationParts,
  recommendations,
  units,
} from "../../src/db/schema";
import { newId } from "../../src/domain/ids";
import type { TestApp } from "./app";
import { type Client, client, signIn } from "./client";
import { password, type Shop, upcoming } from "./fixtures";
import { uploadPhoto } from "./upload";

export interface Records {
  bookingId: string;
  estimateId: string;
  estimateLineId: string;
  workItemId: string;
  workOrderId: string;
  jobId: string;
  workOrderNumber: string;
  inspectionItemId: string;
  photoId: string;
  templateId: string;
  notificationId: string;
  recommendationId: string;
  recommendationPartId: string;
  extensionId: string;
  invoiceId: string;
}

/** The records by the path segment a route names them with (`/work-orders/:id` → the work order). */
export function recordsBySegment(records: Records): Record<string, string> {
  return {
    "booking-requests": records.bookingId,
    estimates: records.estimateId,
    "estimate-lines": records.estimateLineId,
    "work-orders": records.workOrderId,
    "work-items": records.workItemId,
    jobs: records.jobId,
    "inspection-items": records.inspectionItemId,
    "inspection-photos": records.photoId,
    "inspection-templates": records.templateId,
    notifications: records.notificationId,
    recommendations: records.recommendationId,
    "recommendation-parts": records.recommendationPartId,
    extensions: records.extensionId,
    invoices: records.invoiceId,
  };
}

export interface CustomerRef {
  customerId: string;
  unitId: string;
}

/**
 * Creates the records of one customer's unit in `shop`. The estimate is approved by the customer
 * in the portal when `approve` is a portal client, else recorded by the shop as decided by phone.
 */
export async function createRecords(
  t: TestApp,
  shop: Shop,
  staff: Client,
  { customerId, unitId }: CustomerRef,
  approve: Client | { decidedBy: string },
): Promise<Records> {
  const db = t.database.db;
  const scope = { organisationId: shop.organisationId, locationId: shop.locationId };
  const must = async <T = { id: string }>(
    res: Promise<{ statusCode: number; body: string; json(): unknown }>,
    what: string,
  ) => {
    const r = await res;
    if (r.statusCode >= 300) throw new Error(`records: ${what} → ${r.statusCode} ${r.body}`);
    return r.json() as T;
  };

  const bookingId = (
    await must(
      staff("POST", "/api/v1/booking-requests", { unitId, date: upcoming(3), time: "09:00" }),
      "booking",
    )
  ).id as string;

  const estimate = await must<{ id: string; version: number }>(
    staff("POST", "/api/v1/estimates", { unitId }),
    "estimate",
  );
  const line = {
    kind: "labour",
    description: "Oil service",
    quantityMilli: 1000,
    unitPrice: 9900,
    taxRateBp: 1900,
  };
  const withLine = await must<{ draft: { labour: { id: string }[] } }>(
    staff("POST", `/api/v1/estimates/${estimate.id}/lines`, { ...line, version: estimate.version }),
    "estimate line",
  );
  const estimateLineId = withLine.draft.labour[0]!.id;
  await must(staff("POST", `/api/v1/estimates/${estimate.id}/submit`, {}), "submit");
  if (typeof approve === "function") {
    await must(
      approve("POST", `/api/v1/portal/estimates/${estimate.id}/approve`, {
        versionNo: 1,
        labourLineIds: [estimateLineId],
      }),
      "portal approval",
    );
  } else {
    await must(
      staff("POST", `/api/v1/estimates/${estimate.id}/record-decision`, {
        decision: "approve",
        versionNo: 1,
        labourLineIds: [estimateLineId],
        decidedBy: approve.decidedBy,
      }),
      "recorded approval",
    );
  }

  // The technician's first Clock On opens the work order.
  const item = (
    await must<{ items: { id: string }[] }>(staff("GET", `/api/v1/units/${unitId}/work-items`), "work items")
  ).items[0]!;
  const technicianSession = await signIn(t.app, shop.staff.technician.email);
  const technician = client(t.app, technicianSession);
  const order = await must<{ id: string; number: string; jobs: { id: string }[] }>(
    technician("POST", `/api/v1/work-items/${item.id}/clock-on`, { switch: true }),
    "clock on",
  );

  const inspection = await must<{ inspection: { areas: { items: { id: string }[] }[] } }>(
    staff("POST", `/api/v1/work-orders/${order.id}/inspection`, {}),
    "inspection",
  );
  const inspectionItemId = inspection.inspection.areas[0]!.items[0]!.id;
  const photo = await sharp({ create: { width: 8, height: 6, channels: 3, background: "#555" } })
    .jpeg()
    .toBuffer();
  const uploaded = await must<{
    inspection: { areas: { items: { id: string; photos: { id: string }[] }[] }[] };
  }>(uploadPhoto(t.app, technicianSession, inspectionItemId, photo), "photo");
  const photoId = uploaded.inspection.areas.flatMap((a) => a.items).find((i) => i.id === inspectionItemId)!
    .photos[0]!.id;
  const notificationId = newId("notification");
  await db.insert(notifications).values({
    id: notificationId,
    ...scope,
    recipientId: shop.staff.admin.id,
    kind: "test",
    title: "For the admin",
  });
  const templateId = (
    await must<{ items: { id: string }[] }>(staff("GET", "/api/v1/inspection-templates"), "templates")
  ).items[0]!.id;

  const recommendationId = newId("recommendation");
  await db.insert(recommendations).values({
    id: recommendationId,
    ...scope,
    workOrderId: order.id,
    description: "Wipers",
    urgency: "attention",
  });
  const recommendationPartId = newId("recommendationPart");
  await db.insert(recommendationParts).values({
    id: recommendationPartId,
    ...scope,
    recommendationId,
    description: "Blade",
    quantityMilli: 1000,
    unitPrice: 100,
    taxRateBp: 1900,
  });
  const extensionId = newId("extension");
  await db.insert(orderExtensions).values({
    id: extensionId,
    ...scope,
    workOrderId: order.id,
    customerId,
    offer: {
      workOrderNumber: order.number,
      unitLabel: "Van",
      plate: null,
      currency: "EUR",
      items: [],
      totals: { net: 0, tax: 0, gross: 0, byRate: [] },
    },
    sentById: shop.staff.service_advisor.id,
    sentByName: "Advisor",
  });

  const invoiceId = (
    await must(
      staff("POST", "/api/v1/invoices", {
        customerId,
        unitId,
        lines: [{ description: "Brake fluid", quantityMilli: 1000, unitPrice: 100, taxRateBp: 1900 }],
        serviceDate: "2026-11-20",
      }),
      "invoice",
    )
  ).id;

  return {
    bookingId,
    estimateId: estimate.id,
    estimateLineId,
    workItemId: item.id,
    workOrderId: order.id,
    jobId: order.jobs[0]!.id,
    workOrderNumber: order.number,
    inspectionItemId,
    photoId,
    templateId,
    notificationId,
    recommendationId,
    recommendationPartId,
    extensionId,
    invoiceId,
  };
}

/** A second business customer of the shop with a unit and a portal account of its own. */
export async function addFleetCustomer(t: TestApp, shop: Shop, name: string) {
  const db = t.database.db;
  const scope = { organisationId: shop.organisationId, locationId: shop.locationId };
  const tag = randomBytes(4).toString("hex");
  const customerId = newId("customer");
  await db.insert(customers).values({
    id: customerId,
    ...scope,
    type: "business",
    companyName: `${name} ${tag}`,
    displayName: `${name} ${tag}`,
    language: "en",
  });
  const unitId = newId("unit");
  await db.insert(units).values({
    id: unitId,
    ...scope,
    customerId,
    make: "Mercedes-Benz",
    model: "Sprinter",
    plate: `B-OT ${tag.slice(0, 4)}`,
    fleetNumber: `O-${tag}`,
    odometerKm: 80_000,
  });
  const portalId = newId("portalAccount");
  const email = `other.${tag}@customer.test`;
  await db.insert(portalAccounts).values({
    id: portalId,
    ...scope,
    customerId,
    email,
    name: `${name} manager`,
    passwordHash: await hashPassword(password),
    language: "en",
  });
  return { customerId, unitId, portal: { id: portalId, email, customerId } };
}
