// A provider reported more refunded on a payment than the payment brought in. The ledger records the
// refund up to the payment (domain/invoice-case.ts refundToRecord); the rest is flagged here, in the
// transaction of the event: a review on the invoice (shown on its page until someone marks it
// reviewed) and a notice to the admins and accounting, each in their language. Whatever went wrong —
// the provider's error, a report mapped to the wrong payment — a person has to look at the
// provider's dashboard; Pitlane never counts money that cannot have left for this payment.
import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { invoices, paymentReviews } from "../../db/schema";
import type { Language } from "../../domain/customer";
import { newId } from "../../domain/ids";
import { formatMoney } from "../../domain/money";
import type { NotifyContext } from "../bookings/notify-booking";
import { notifyRoles } from "../support/notifications/notify-staff";
import { providerName } from "./provider-names";

export interface RefundExcess {
  payment: {
    organisationId: string;
    locationId: string;
    invoiceId: string;
    amount: number;
    currency: string;
    source: string;
    reference: string | null;
  };
  eventId: string;
  reportedTotal: number;
  excess: number;
}

export async function flagRefundExcess(tx: DbOrTx, ctx: NotifyContext, flag: RefundExcess) {
  const { payment } = flag;
  const [review] = await tx
    .insert(paymentReviews)
    .values({
      id: newId("paymentReview"),
      organisationId: payment.organisationId,
      locationId: payment.locationId,
      invoiceId: payment.invoiceId,
      kind: "refund-excess",
      amount: flag.excess,
      currency: payment.currency,
      source: payment.source,
      reference: payment.reference ?? "",
      reportedTotal: flag.reportedTotal,
      paymentAmount: payment.amount,
      eventId: flag.eventId,
    })
    // The same report again (another event id with the same total) is flagged once.
    .onConflictDoNothing()
    .returning({ id: paymentReviews.id });
  if (!review) return;
  const [invoice] = await tx
    .select({ number: invoices.number })
    .from(invoices)
    .where(eq(invoices.id, payment.invoiceId));
  const number = invoice?.number ?? payment.invoiceId;
  const money = (amount: number, language: Language) => formatMoney(amount, payment.currency, language);
  await notifyRoles(tx, ctx, payment, ["admin", "accounting"], (language) => ({
    kind: "refund-excess",
    link: `/invoices/${payment.invoiceId}`,
    ...(language === "de"
      ? {
          title: `${number}: Erstattung höher als die Zahlung`,
          body: `${providerName(payment.source, "de")} meldet insgesamt ${money(flag.reportedTotal, "de")} erstattet auf eine Zahlung von ${money(payment.amount, "de")}. Gezählt wird höchstens die Zahlung; ${money(flag.excess, "de")} darüber hinaus sind zur Prüfung markiert.`,
        }
      : {
          title: `${number}: refund larger than the payment`,
          body: `${providerName(payment.source, "en")} reports ${money(flag.reportedTotal, "en")} refunded in total on a payment of ${money(payment.amount, "en")}. At most the payment is counted; ${money(flag.excess, "en")} beyond it is flagged for review.`,
        }),
  }));
}
