import type { DbOrTx } from "../../db/client";
import type { InvoiceRow } from "../../db/queries/invoices";
import { publishLive } from "../support/live";

/** Tells the live dashboards (and the customer's portal) the invoice changed. */
export async function announce(tx: DbOrTx, invoice: InvoiceRow) {
  await publishLive(tx, {
    type: "invoice.changed",
    organisationId: invoice.organisationId,
    locationId: invoice.locationId,
    customerId: invoice.customerId,
    id: invoice.id,
    status: invoice.status,
  });
}
