// Sending one reminder, inside the caller's transaction with the invoice locked: the charges are
// worked out on what is open at this moment (a partial payment re-bases them), added to the
// invoice's charges so its open amount — the pay link, the EPC QR, a bank transfer — is the
// reminder's total, and the letter is mailed in the customer's language with a fresh pay link.
import { and, eq, ne } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { loadLocation } from "../../db/queries/bookings";
import type { NoticeRow } from "../../db/queries/dunning";
import type { InvoiceRow } from "../../db/queries/invoices";
import { customers, dunningNotices, invoices } from "../../db/schema";
import type { Actor } from "../../domain/actor";
import { businessFlatFee, type Debtor, defaultInterest } from "../../domain/default-interest";
import type { DunningLevel, DunningSchedule } from "../../domain/dunning";
import { formatDay, formatMoney } from "../../domain/locale-format";
import type { NotifyContext } from "../bookings/notify-booking";
import { announce } from "../invoices/announce-invoice";
import { recordPosition } from "../invoices/record-position";
import { recordAudit } from "../support/audit";
import { issueCustomerLink } from "../support/links/customer-links";
import { revokeLinks } from "../support/payments/pay-links";
import { queueMail } from "../support/queue-mail";
import { queueSms } from "../support/queue-sms";
import { reminderPdf } from "./reminder-pdf";

const payLinkDays = 120;

export interface ReminderCharges {
  /** What is still open of the invoice itself: payments settle it before the charges. */
  principal: number;
  fee: number;
  interest: number;
  flatFee: number;
}

/** What is still open of the invoice itself: payments settle it before any charges. */
export function principalOpen(invoice: Pick<InvoiceRow, "totals" | "creditedAmount" | "receivedAmount">) {
  return Math.max(0, invoice.totals.gross - invoice.creditedAmount - Math.max(0, invoice.receivedAmount));
}

/**
 * The charges of a reminder at `level` on `today`. Interest runs on what is open of the invoice from
 * the day after its due date; what earlier reminders already charged is not charged again.
 */
export function chargesFor(
  invoice: Pick<InvoiceRow, "totals" | "creditedAmount" | "receivedAmount" | "dueDate">,
  earlier: Pick<NoticeRow, "interest" | "flatFee">[],
  schedule: DunningSchedule,
  level: DunningLevel,
  debtor: Debtor,
  today: string,
): ReminderCharges {
  const principal = Math.max(
    0,
    invoice.totals.gross - invoice.creditedAmount - Math.max(0, invoice.receivedAmount),
  );
  const fee = debtor === "business" ? level.feeBusiness : level.feePrivate;
  if (!schedule.interestEnabled || !invoice.dueDate) return { principal, fee, interest: 0, flatFee: 0 };
  const accrued = defaultInterest(principal, debtor, invoice.dueDate, today).total;
  const charged = earlier.reduce((s, n) => s + n.interest, 0);
  const flatCharged = earlier.some((n) => n.flatFee > 0);
  return {
    principal,
    fee,
    interest: Math.max(0, accrued - charged),
    flatFee: debtor === "business" && !flatCharged ? businessFlatFee : 0,
  };
}

/**
 * Sends a reminder recorded as `notice` (new, or waiting for review): charges the invoice, mails the
 * letter and marks it sent. The caller has locked the invoice and checked it is still owed.
 */
export async function sendReminder(
  tx: DbOrTx,
  ctx: NotifyContext,
  actor: Actor,
  invoice: InvoiceRow,
  notice: NoticeRow,
  schedule: DunningSchedule,
  today: string,
  now: Date,
): Promise<NoticeRow> {
  const level = schedule.levels[notice.level - 1]!;
  const [customer] = await tx.select().from(customers).where(eq(customers.id, invoice.customerId));
  const debtor: Debtor = customer?.type === "business" ? "business" : "private";
  const earlier = await tx
    .select({ interest: dunningNotices.interest, flatFee: dunningNotices.flatFee })
    .from(dunningNotices)
    .where(
      and(
        eq(dunningNotices.invoiceId, invoice.id),
        eq(dunningNotices.status, "sent"),
        ne(dunningNotices.id, notice.id),
      ),
    );
  const charges = chargesFor(invoice, earlier, schedule, level, debtor, today);
  const added = charges.fee + charges.interest + charges.flatFee;
  await tx
    .update(invoices)
    .set({
      dunningCharges: invoice.dunningCharges + added,
      dunningLevel: Math.max(invoice.dunningLevel, notice.level),
      lastRemindedAt: now,
      updatedAt: new Date(),
    })
    .where(eq(invoices.id, invoice.id));
  const charged = await recordPosition(tx, invoice.id);
  const total = charged.openAmount;

  const token = await (async () => {
    await revokeLinks(tx, invoice.id);
    return issueCustomerLink(
      tx,
      {
        organisationId: invoice.organisationId,
        locationId: invoice.locationId,
        customerId: invoice.customerId,
        purpose: "invoice-payment",
        subjectId: invoice.id,
      },
      payLinkDays,
    );
  })();
  const payUrl = `${ctx.publicUrl}/pay/${token}`;
  const [sent] = await tx
    .update(dunningNotices)
    .set({
      status: "sent",
      dueOn: today,
      principal: charges.principal,
      fee: charges.fee,
      interest: charges.interest,
      flatFee: charges.flatFee,
      charges: total - charges.principal,
      total,
      sentAt: now,
      sentTo: customer?.email ?? null,
      ...(actor.kind === "staff" ? { decidedById: actor.id, decidedAt: now } : {}),
    })
    .where(eq(dunningNotices.id, notice.id))
    .returning();
  const location = await loadLocation(tx, invoice.locationId);
  let mailId: string | null = null;
  if (customer?.email) {
    const pdf = await reminderPdf(tx, charged, sent!, level, { payUrl, debtor });
    const language = pdf.language;
    const de = language === "de";
    const amount = formatMoney(total, invoice.currency, language);
    const since = invoice.dueDate ? formatDay(invoice.dueDate, language) : "";
    mailId = await queueMail(tx, ctx.queue, {
      organisationId: invoice.organisationId,
      locationId: invoice.locationId,
      to: customer.email,
      subject: `${level.title[language]}: ${de ? "Rechnung" : "invoice"} ${invoice.number} – ${location.name}`,
      text: de
        ? `Guten Tag ${customer.displayName},\n\n${level.text.de}\n\nRechnung ${invoice.number}, fällig seit ${since}: zu zahlen sind jetzt ${amount}. Die Aufstellung finden Sie im Anhang.\n\nSie können hier online bezahlen:\n${payUrl}\n\n${location.name}\n`
        : `Hello ${customer.displayName},\n\n${level.text.en}\n\nInvoice ${invoice.number}, due since ${since}: ${amount} is now to pay. The statement is attached.\n\nYou can pay online here:\n${payUrl}\n\n${location.name}\n`,
      attachments: [
        {
          filename: pdf.filename,
          contentType: "application/pdf",
          contentBase64: pdf.body.toString("base64"),
        },
      ],
    });
    await tx.update(dunningNotices).set({ mailMessageId: mailId }).where(eq(dunningNotices.id, notice.id));
  }
  const owes = (lang: "en" | "de") => formatMoney(total, invoice.currency, lang);
  await queueSms(tx, ctx.queue, {
    customerId: invoice.customerId,
    text: {
      en: `${location.name}: ${level.title.en}, invoice ${invoice.number}: ${owes("en")} to pay. Pay online: ${payUrl}`,
      de: `${location.name}: ${level.title.de}, Rechnung ${invoice.number}: zu zahlen ${owes("de")}. Online bezahlen: ${payUrl}`,
    },
  });
  await recordAudit(tx, actor, {
    locationId: invoice.locationId,
    entityType: "invoice",
    entityId: invoice.id,
    action: "dunning-reminder",
    data: {
      level: notice.level,
      total,
      fee: charges.fee,
      interest: charges.interest,
      flatFee: charges.flatFee,
    },
  });
  await announce(tx, charged);
  return { ...sent!, mailMessageId: mailId };
}
