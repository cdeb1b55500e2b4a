// After a move: mail the other side and tell the live screens, all inside the move's transaction.
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import type { BookingView } from "../../db/queries/bookings";
import { customers, type locations, portalAccounts } from "../../db/schema";
import type { BookingEvent } from "../../domain/booking";
import { mailToCustomer, mailToShop } from "../support/bookings/booking-mails";
import { publishBookingChange } from "../support/bookings/publish-booking-change";
import type { JobQueue } from "../support/jobs";
import { issueCustomerLink } from "../support/links/customer-links";
import { queueMail } from "../support/queue-mail";

export interface NotifyContext {
  queue: JobQueue;
  publicUrl: string;
  linkTtlDays: number;
}

export async function notifyBookingMove(
  tx: DbOrTx,
  ctx: NotifyContext,
  booking: BookingView,
  location: typeof locations.$inferSelect,
  event: BookingEvent | "submit",
  note: string | null,
) {
  const [customer] = await tx.select().from(customers).where(eq(customers.id, booking.customerId));
  const shopSide = event === "decline" || event === "suggest" || event === "confirm";
  const facts = {
    bookingId: booking.id,
    shop: {
      name: location.name,
      address: `${location.street}, ${location.postalCode} ${location.city}`,
      zone: location.timeZone,
      phone: location.phone,
    },
    customerName: booking.customerName,
    unitLabel: booking.plate ? `${booking.unitLabel} (${booking.plate})` : booking.unitLabel,
    at: { date: booking.proposedDate, time: booking.proposedTime },
    note,
    answerUrl: "",
    shopUrl: `${ctx.publicUrl}/shop/bookings/${booking.id}`,
  };
  if (shopSide && customer?.email) {
    const [account] = await tx
      .select({ id: portalAccounts.id })
      .from(portalAccounts)
      .where(and(eq(portalAccounts.customerId, customer.id), eq(portalAccounts.active, true)))
      .limit(1);
    // Fleet customers answer in the portal; everyone else gets a link of their own.
    facts.answerUrl = account
      ? `${ctx.publicUrl}/portal/bookings/${booking.id}`
      : `${ctx.publicUrl}/b/${await issueCustomerLink(
          tx,
          {
            organisationId: booking.organisationId,
            locationId: booking.locationId,
            customerId: customer.id,
            purpose: "booking-response",
            subjectId: booking.id,
          },
          ctx.linkTtlDays,
        )}`;
    await queueMail(tx, ctx.queue, {
      organisationId: booking.organisationId,
      locationId: booking.locationId,
      to: customer.email,
      ...mailToCustomer(event, customer.language, facts),
    });
  }
  if (!shopSide && location.email) {
    await queueMail(tx, ctx.queue, {
      organisationId: booking.organisationId,
      locationId: booking.locationId,
      to: location.email,
      ...mailToShop(event, location.locale.startsWith("de") ? "de" : "en", facts),
    });
  }
  await publishBookingChange(tx, booking);
}
