import type { DbOrTx } from "../../db/client";
import type { workOrders } from "../../db/schema";
import { publishLive } from "../support/live";

/** Tells the Service Board, the order's page and the customer's portal that the order changed. */
export async function publishWorkOrder(tx: DbOrTx, order: typeof workOrders.$inferSelect) {
  await publishLive(tx, {
    type: "work-order.changed",
    organisationId: order.organisationId,
    locationId: order.locationId,
    customerId: order.customerId,
    id: order.id,
    status: order.status,
  });
}
