import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { invoices, staffUsers } from "../../../db/schema";
import type { NotifyContext } from "../../bookings/notify-booking";
import { paymentPositionOf } from "../../payments/position";
import { mailReceipt } from "../../payments/receipt";
import { publishLive } from "../live";
import { notifyUsers } from "../notifications/notify-staff";

export async function announce(tx: DbOrTx, invoiceId: string) {
  const [invoice] = await tx.select().from(invoices).where(eq(invoices.id, invoiceId));
  if (!invoice) return;
  await publishLive(tx, {
    type: "invoice.changed",
    organisationId: invoice.organisationId,
    locationId: invoice.locationId,
    customerId: invoice.customerId,
    id: invoice.id,
    status: invoice.status,
  });
}

/** Once the invoice is paid: the employee who sent it hears, the customer gets a receipt. */
export async function afterPayment(tx: DbOrTx, ctx: NotifyContext, invoiceId: string) {
  await announce(tx, invoiceId);
  const [invoice] = await tx.select().from(invoices).where(eq(invoices.id, invoiceId));
  if (!invoice) return;
  const position = await paymentPositionOf(tx, invoice);
  if (position.status !== "paid") return;
  if (invoice.sentById) {
    const [sender] = await tx.select().from(staffUsers).where(eq(staffUsers.id, invoice.sentById));
    if (sender) {
      await notifyUsers(tx, ctx, invoice, [sender], {
        kind: "invoice-paid",
        params: { number: invoice.number ?? "", overpaid: position.overpaid },
        link: `/invoices/${invoice.id}`,
      });
    }
  }
  await mailReceipt(tx, ctx, invoice, position.received);
}
