// Send invoice: the customer (or another address typed in) gets the invoice as a PDF with a link to
// the payment page. The link's token is random and stored hashed; sending again replaces the link,
// and the shop can cancel it (the page then says so).
import { and, eq, isNull } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client";
import { loadLocation } from "../../db/queries/bookings";
import { customerLinks, customers, invoices } from "../../db/schema";
import { DomainError, notFound } from "../../domain/errors";
import { formatDay, formatMoney } from "../../domain/locale-format";
import type { StaffActor } from "../actor";
import { recordAudit } from "../audit";
import { hashToken } from "../auth/tokens";
import type { NotifyContext } from "../bookings/notify-booking";
import { invoicePdf } from "../invoices/invoice-pdf";
import { findInvoice } from "../invoices/invoices";
import { issueCustomerLink } from "../links/customer-links";
import { publishLive } from "../live";
import { queueMail } from "../mail/queue-mail";

/** Payment links live as long as an invoice may reasonably stay open. */
const payLinkDays = 120;

async function revokeLinks(tx: DbOrTx, invoiceId: string) {
  return tx
    .update(customerLinks)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(customerLinks.subjectId, invoiceId),
        eq(customerLinks.purpose, "invoice-payment"),
        isNull(customerLinks.revokedAt),
      ),
    )
    .returning({ tokenHash: customerLinks.tokenHash });
}

export async function sendInvoice(
  db: Db,
  ctx: NotifyContext,
  actor: StaffActor,
  invoiceId: string,
  input: { to?: string | null | undefined; note?: string | null | undefined },
) {
  return db.transaction(async (tx) => {
    const invoice = await findInvoice(tx, actor, invoiceId);
    if (!invoice) throw notFound("Invoice");
    if (invoice.status !== "issued" || invoice.kind !== "invoice") {
      throw new DomainError("conflict", "Issue the invoice before sending it.");
    }
    const [customer] = await tx.select().from(customers).where(eq(customers.id, invoice.customerId));
    const to = input.to?.trim() || customer?.email;
    if (!to) {
      throw new DomainError("validation", "The customer has no email address: type one in.", [
        { field: "to", message: "Enter the address to send the invoice to." },
      ]);
    }
    await revokeLinks(tx, invoiceId);
    const token = await issueCustomerLink(
      tx,
      {
        organisationId: invoice.organisationId,
        locationId: invoice.locationId,
        customerId: invoice.customerId,
        purpose: "invoice-payment",
        subjectId: invoiceId,
      },
      payLinkDays,
    );
    const url = `${ctx.publicUrl}/pay/${token}`;
    const pdf = await invoicePdf(tx, invoice, { payUrl: url });
    const location = await loadLocation(tx, invoice.locationId);
    const language = customer?.language ?? "en";
    const de = language === "de";
    const amount = formatMoney(invoice.totals.gross, invoice.currency, language);
    const due = invoice.dueDate ? formatDay(invoice.dueDate, language) : "";
    const money = (minor: number) => formatMoney(minor, invoice.currency, language);
    // A resend after a part payment (or a credit note) asks for what is open, not the gross: the
    // stored position is current in this transaction.
    const open = invoice.openAmount;
    const owed =
      open === invoice.totals.gross
        ? de
          ? `über ${amount}, fällig am ${due}`
          : `for ${amount}, due on ${due}`
        : open > 0
          ? de
            ? `über ${amount}; davon sind noch ${money(open)} offen, fällig am ${due}`
            : `for ${amount}; ${money(open)} of it is still open, due on ${due}`
          : de
            ? `über ${amount}; sie ist vollständig bezahlt`
            : `for ${amount}; it is paid in full`;
    const mailId = await queueMail(tx, ctx.queue, {
      organisationId: invoice.organisationId,
      locationId: invoice.locationId,
      to,
      subject: de
        ? `Rechnung ${invoice.number} von ${location.name}`
        : `Invoice ${invoice.number} from ${location.name}`,
      text: de
        ? `Guten Tag ${customer?.displayName ?? ""},\n\nanbei Rechnung ${invoice.number} ${owed}.\n${input.note ? `\n${input.note}\n` : ""}\nSie können hier online bezahlen:\n${url}\n\n${location.name}\n`
        : `Hello ${customer?.displayName ?? ""},\n\nplease find attached invoice ${invoice.number} ${owed}.\n${input.note ? `\n${input.note}\n` : ""}\nYou can pay online here:\n${url}\n\n${location.name}\n`,
      attachments: [
        {
          filename: pdf.filename,
          contentType: "application/pdf",
          contentBase64: pdf.body.toString("base64"),
        },
      ],
    });
    await tx
      .update(invoices)
      .set({ sentAt: new Date(), sentTo: to, sentById: actor.id, updatedAt: new Date() })
      .where(eq(invoices.id, invoiceId));
    await recordAudit(tx, actor, {
      entityType: "invoice",
      entityId: invoiceId,
      action: "send",
      data: { to },
    });
    await publishLive(tx, {
      type: "invoice.changed",
      organisationId: invoice.organisationId,
      locationId: invoice.locationId,
      customerId: invoice.customerId,
      id: invoiceId,
      status: invoice.status,
    });
    return { to, url, mailId };
  });
}

export async function cancelPaymentLink(db: Db, actor: StaffActor, invoiceId: string) {
  return db.transaction(async (tx) => {
    const invoice = await findInvoice(tx, actor, invoiceId);
    if (!invoice) throw notFound("Invoice");
    const revoked = await revokeLinks(tx, invoiceId);
    if (revoked.length === 0) throw new DomainError("conflict", "There is no payment link to cancel.");
    await recordAudit(tx, actor, {
      entityType: "invoice",
      entityId: invoiceId,
      action: "cancel-payment-link",
    });
  });
}

export type PayLink =
  | { state: "active"; invoice: typeof invoices.$inferSelect; tokenHash: string }
  | { state: "cancelled" | "expired"; invoice: typeof invoices.$inferSelect };

/** The invoice behind a payment link, or why it no longer works; unknown tokens are 404. */
export async function resolvePayLink(db: DbOrTx, token: string): Promise<PayLink> {
  const [row] = await db
    .select({ link: customerLinks, invoice: invoices })
    .from(customerLinks)
    .innerJoin(invoices, eq(invoices.id, customerLinks.subjectId))
    .where(and(eq(customerLinks.tokenHash, hashToken(token)), eq(customerLinks.purpose, "invoice-payment")));
  if (!row) throw notFound("Payment link");
  if (row.link.revokedAt) return { state: "cancelled", invoice: row.invoice };
  if (row.link.expiresAt <= new Date()) return { state: "expired", invoice: row.invoice };
  return { state: "active", invoice: row.invoice, tokenHash: row.link.tokenHash };
}
