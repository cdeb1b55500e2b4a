// Send invoice: the customer (or another address typed in) gets the invoice as a PDF with a link to
// the payment page. The link's token is random and stored hashed; sending again replaces the link,
// and the shop can cancel it (the page then says so).
import { eq } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client";
import { loadLocation } from "../../db/queries/bookings";
import { findInvoice, type InvoiceRow } from "../../db/queries/invoices";
import { customers, invoices } from "../../db/schema";
import type { ShopActor } from "../../domain/actor";
import { DomainError, notFound } from "../../domain/errors";
import { formatDay, formatMoney } from "../../domain/locale-format";
import type { NotifyContext } from "../bookings/notify-booking";
import { announce } from "../invoices/announce-invoice";
import { invoiceMailDocuments } from "../invoices/e-invoice";
import { invoicePdf } from "../invoices/invoice-pdf";
import { recordAudit } from "../support/audit";
import { recordIntegrationEvent } from "../support/integrations/record-integration-event";
import { issueCustomerLink } from "../support/links/customer-links";
import { revokeLinks } from "../support/payments/pay-links";
import { queueMail } from "../support/queue-mail";
import { queueSms } from "../support/queue-sms";

/** Payment links live as long as an invoice may reasonably stay open. */
const payLinkDays = 120;

/** The PDF, and the e-invoice the customer gets (ZUGFeRD in the PDF's place, or the XRechnung XML beside it). */
async function attachmentsOf(tx: DbOrTx, invoice: InvoiceRow, pdf: { filename: string; body: Buffer }) {
  const documents = await invoiceMailDocuments(tx, invoice, pdf);
  return documents.map((d) => ({
    filename: d.filename,
    contentType: d.contentType,
    contentBase64: d.body.toString("base64"),
  }));
}

export interface SendInvoiceInput {
  to?: string | null | undefined;
  /** The due date the invoice is mailed with (yyyy-mm-dd, not before the invoice date); kept as is when absent. */
  dueDate?: string | null | undefined;
  note?: string | null | undefined;
}

export async function sendInvoice(
  db: Db,
  ctx: NotifyContext,
  actor: ShopActor,
  invoiceId: string,
  input: SendInvoiceInput,
) {
  return db.transaction((tx) => sendIn(tx, ctx, actor, invoiceId, input));
}

/** Send invoice inside a command's transaction (a DMS push that asks for the mail at once). */
export async function sendIn(
  tx: DbOrTx,
  ctx: NotifyContext,
  actor: ShopActor,
  invoiceId: string,
  input: SendInvoiceInput,
) {
  const found = await findInvoice(tx, actor, invoiceId);
  if (!found) throw notFound("Invoice");
  if (found.status !== "issued") {
    throw new DomainError("conflict", "Issue the invoice before sending it.");
  }
  const [customer] = await tx.select().from(customers).where(eq(customers.id, found.customerId));
  const to = input.to?.trim() || customer?.email;
  if (!to) {
    throw new DomainError("validation", "The customer has no email address: type one in.", [
      { field: "to", message: "Enter the address to send the invoice to." },
    ]);
  }
  if (found.kind === "credit_note") {
    if (input.dueDate) {
      throw new DomainError("validation", "A credit note has no due date.", [
        { field: "dueDate", message: "A credit note has no due date." },
      ]);
    }
    return sendCreditNote(tx, ctx, actor, found, customer ?? null, to, input.note ?? null);
  }
  let invoice = found;
  if (input.dueDate && input.dueDate !== invoice.dueDate) {
    if (invoice.issueDate && input.dueDate < invoice.issueDate) {
      throw new DomainError("validation", "The due date cannot be before the invoice date.", [
        { field: "dueDate", message: "Choose a day on or after the invoice date." },
      ]);
    }
    // The terms the invoice is mailed with are its terms: the page, the list, the PDF and the
    // overdue status follow (the frozen-invoice trigger lets only this date move, never backwards).
    const [updated] = await tx
      .update(invoices)
      .set({ dueDate: input.dueDate, updatedAt: new Date() })
      .where(eq(invoices.id, invoiceId))
      .returning();
    invoice = updated!;
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
    attachments: await attachmentsOf(tx, invoice, pdf),
  });
  // Text-to-pay: the same link by text message, where the customer agreed to texts (queue-sms.ts).
  if (open > 0) {
    const owes = (lang: "en" | "de") => formatMoney(open, invoice.currency, lang);
    await queueSms(tx, ctx.queue, {
      customerId: invoice.customerId,
      text: {
        en: `${location.name}: invoice ${invoice.number}, ${owes("en")} to pay. Pay online: ${url}`,
        de: `${location.name}: Rechnung ${invoice.number}, zu zahlen ${owes("de")}. Online bezahlen: ${url}`,
      },
    });
  }
  await markSent(tx, actor, invoice, to, { dueDate: invoice.dueDate });
  return { to, url: url as string | null, mailId, dueDate: invoice.dueDate };
}

async function markSent(
  tx: DbOrTx,
  actor: ShopActor,
  invoice: typeof invoices.$inferSelect,
  to: string,
  data: Record<string, unknown>,
) {
  await tx
    .update(invoices)
    .set({
      sentAt: new Date(),
      sentTo: to, // An API key is no staff member: the audit event names it, the column stays empty.
      sentById: actor.kind === "staff" ? actor.id : null,
      updatedAt: new Date(),
    })
    .where(eq(invoices.id, invoice.id));
  await recordIntegrationEvent(tx, "invoice.sent", invoice.id, { sentTo: to });
  await recordAudit(tx, actor, {
    entityType: "invoice",
    entityId: invoice.id,
    action: "send",
    data: { to, ...data },
  });
  await announce(tx, invoice);
}

/**
 * Send a credit note: the customer gets its PDF and what it credits, in their language. It owes
 * nothing, so there is no payment link and no due date.
 */
async function sendCreditNote(
  tx: DbOrTx,
  ctx: NotifyContext,
  actor: ShopActor,
  note: typeof invoices.$inferSelect,
  customer: typeof customers.$inferSelect | null,
  to: string,
  message: string | null,
) {
  const credited = note.creditedInvoiceId ? await findInvoice(tx, actor, note.creditedInvoiceId) : null;
  const pdf = await invoicePdf(tx, note, { creditedNumber: credited?.number ?? null });
  const location = await loadLocation(tx, note.locationId);
  const language = customer?.language ?? "en";
  const de = language === "de";
  const amount = formatMoney(note.totals.gross, note.currency, language);
  const of = credited?.number
    ? de
      ? ` zu Rechnung ${credited.number}`
      : ` for invoice ${credited.number}`
    : "";
  const extra = message ? `\n${message}\n` : "";
  const mailId = await queueMail(tx, ctx.queue, {
    organisationId: note.organisationId,
    locationId: note.locationId,
    to,
    subject: de
      ? `Gutschrift ${note.number} von ${location.name}`
      : `Credit note ${note.number} from ${location.name}`,
    text: de
      ? `Guten Tag ${customer?.displayName ?? ""},\n\nanbei Gutschrift ${note.number}${of} über ${amount}.\n${extra}\n${location.name}\n`
      : `Hello ${customer?.displayName ?? ""},\n\nplease find attached credit note ${note.number}${of} for ${amount}.\n${extra}\n${location.name}\n`,
    attachments: await attachmentsOf(tx, note, pdf),
  });
  await markSent(tx, actor, note, to, {});
  return { to, url: null as string | null, mailId, dueDate: null as string | null };
}
