// Invoice cases in every state for the demo shop, made through the real commands: a draft from a
// work order, one sent and waiting, one paid online and waiting for pick-up, one handed over unpaid,
// one paid at the counter, one closed (paid, delivered, booked) and one overdue.
import { eq } from "drizzle-orm";
import type { NotifyContext } from "../app/bookings/notify-booking";
import { createInvoice } from "../app/invoices/create-invoice";
import { issueInvoice } from "../app/invoices/issue-invoice";
import { book } from "../app/payments/book-invoice";
import { deliver } from "../app/payments/deliver-invoice";
import { processProviderEvent } from "../app/payments/process-event";
import { recordCounterPayment } from "../app/payments/record-counter-payment";
import { sendInvoice } from "../app/payments/send-invoice";
import type { Db } from "../db/client";
import { locationToday } from "../db/queries/invoices";
import { invoices, paymentSessions, staffUsers } from "../db/schema";
import type { StaffActor } from "../domain/actor";
import { newId } from "../domain/ids";
import { addDays } from "../domain/invoice";
import { demoCast } from "./seed-demo-estimates";

export async function seedDemoInvoices(db: Db, ctx: NotifyContext) {
  const cast = await demoCast(db);
  const [cashierRow] = await db
    .select()
    .from(staffUsers)
    .where(eq(staffUsers.email, "accounting@werkstatt.test"));
  if (!cast || !cashierRow) return;
  const { base, advisor, unit } = cast;
  const cashier: StaffActor = {
    kind: "staff",
    id: cashierRow.id,
    name: cashierRow.name,
    ...base,
    role: cashierRow.role,
  };
  const today = await locationToday(db, base.locationId);

  const fleetVan = unit("B-SW 101");
  const golf = unit("B-AS 1234");
  const issued = async (
    u: { id: string; customerId: string },
    lines: {
      description: string;
      quantityMilli: number;
      unitPrice: number;
      taxRateBp: number;
      partNumber?: string;
    }[],
    daysAgo = 0,
  ) => {
    const id = await createInvoice(
      db,
      advisor,
      {
        customerId: u.customerId,
        unitId: u.id,
        lines,
        serviceDate: addDays(today, -daysAgo),
      },
      "manual",
    );
    await issueInvoice(db, advisor, id, new Date(Date.now() - daysAgo * 86_400_000));
    return id;
  };
  const oil = [
    { description: "Oil change incl. filter", quantityMilli: 800, unitPrice: 8999, taxRateBp: 1900 },
    {
      description: "Engine oil 5W-30, litre",
      partNumber: "OIL-5W30",
      quantityMilli: 6000,
      unitPrice: 1290,
      taxRateBp: 1900,
    },
  ];
  const tyres = [
    { description: "Tyre storage, one season", quantityMilli: 1000, unitPrice: 4900, taxRateBp: 1900 },
  ];

  // Overdue: issued five weeks ago with the fleet's 30 days to pay (first, so numbers follow the dates).
  await issued(fleetVan, tyres, 35);

  // Sent and waiting for payment (the customer has the link).
  const sent = await issued(fleetVan, oil);
  await sendInvoice(db, ctx, advisor, sent, { note: "Thank you for your order." });

  // Paid online, the van still waits for pick-up: a sandbox payment through the webhook processing.
  const paidOnline = await issued(golf, oil);
  await sendInvoice(db, ctx, advisor, paidOnline, {});
  const [invoice] = await db.select().from(invoices).where(eq(invoices.id, paidOnline));
  const sessionId = `sbx_cs_demo_${newId("paymentSession")}`;
  await db.insert(paymentSessions).values({
    id: newId("paymentSession"),
    ...base,
    invoiceId: paidOnline,
    provider: "sandbox",
    providerSessionId: sessionId,
    method: "card",
    amount: invoice!.totals.gross,
    currency: invoice!.currency,
    returnUrl: `${ctx.publicUrl}/pay/demo`,
    checkoutUrl: `${ctx.publicUrl}/sandbox/checkout/${sessionId}`,
  });
  await processProviderEvent(
    db,
    ctx,
    "sandbox",
    {
      kind: "payment_succeeded",
      eventId: `evt_demo_${sessionId}`,
      type: "checkout.succeeded",
      sessionId,
      reference: `pay_demo_${sessionId}`,
      amount: invoice!.totals.gross,
      currency: invoice!.currency,
      method: "card",
    },
    { demo: true },
  );

  // Handed over unpaid (the advisor confirmed it).
  const deliveredUnpaid = await issued(fleetVan, tyres);
  await deliver(db, cashier, deliveredUnpaid, { deliveredTo: "Frank Flotte", confirmUnpaid: true });

  // Paid at the counter with the card terminal.
  const counter = await issued(golf, tyres);
  const [counterRow] = await db.select().from(invoices).where(eq(invoices.id, counter));
  await recordCounterPayment(db, ctx, cashier, counter, {
    amount: counterRow!.totals.gross,
    method: "card_terminal",
    reference: "Beleg 0815",
  });

  // Closed: paid in cash, collected and booked.
  const closed = await issued(golf, oil);
  const [closedRow] = await db.select().from(invoices).where(eq(invoices.id, closed));
  await recordCounterPayment(db, ctx, cashier, closed, { amount: closedRow!.totals.gross, method: "cash" });
  await deliver(db, cashier, closed, { deliveredTo: "Anna Schmidt" });
  await book(db, cashier, closed);
}
