// The customer's receipt once an invoice is paid, in their language.
import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { loadLocation } from "../../db/queries/bookings";
import type { InvoiceRow } from "../../db/queries/invoices";
import { customers } from "../../db/schema";
import { formatMoney } from "../../domain/locale-format";
import type { NotifyContext } from "../bookings/notify-booking";
import { queueMail } from "../support/queue-mail";

export async function mailReceipt(tx: DbOrTx, ctx: NotifyContext, invoice: InvoiceRow, received: number) {
  const [customer] = await tx.select().from(customers).where(eq(customers.id, invoice.customerId));
  const to = invoice.sentTo ?? customer?.email;
  if (!customer || !to) return;
  const location = await loadLocation(tx, invoice.locationId);
  const de = customer.language === "de";
  const amount = formatMoney(received, invoice.currency, customer.language);
  await queueMail(tx, ctx.queue, {
    organisationId: invoice.organisationId,
    locationId: invoice.locationId,
    to,
    subject: de
      ? `Zahlungsbestätigung für Rechnung ${invoice.number}`
      : `Payment received for invoice ${invoice.number}`,
    text: de
      ? `Guten Tag ${customer.displayName},\n\nvielen Dank: Wir haben ${amount} für Rechnung ${invoice.number} erhalten. Die Rechnung ist bezahlt.\n\n${location.name}\n`
      : `Hello ${customer.displayName},\n\nthank you: we received ${amount} for invoice ${invoice.number}. The invoice is paid.\n\n${location.name}\n`,
  });
}
