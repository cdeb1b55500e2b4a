// Pay now: a checkout at the location's provider for what is open on the invoice, in the method the
// customer chose. A second click for the same amount and method reuses the open checkout.
import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { loadLocation } from "../../db/queries/bookings";
import { customers, paymentSessions } from "../../db/schema";
import { DomainError } from "../../domain/errors";
import { newId } from "../../domain/ids";
import { type PaymentMethod, providerMethods } from "../../domain/invoice-case";
import type { ProviderMethod } from "../../integrations/payments/port";
import type { Providers } from "../../integrations/payments/providers";
import { resolvePayLink } from "../support/payments/pay-links";
import { paymentPositionOf } from "./position";

export async function startCheckout(
  db: Db,
  providers: Providers,
  publicUrl: string,
  token: string,
  method: PaymentMethod,
  /** The language the payment page shows (the customer may have switched it); else the customer's. */
  language?: "en" | "de",
): Promise<{ url: string }> {
  const link = await resolvePayLink(db, token);
  if (link.state !== "active")
    throw new DomainError("link-expired", "This payment link no longer works. Please contact the shop.");
  const invoice = link.invoice;
  const location = await loadLocation(db, invoice.locationId);
  if (!providerMethods.includes(method) || !location.paymentMethods.includes(method)) {
    throw new DomainError("validation", "Choose one of the payment methods offered.", [
      { field: "method", message: "Choose a payment method." },
    ]);
  }
  const position = await paymentPositionOf(db, invoice);
  if (position.open <= 0) throw new DomainError("conflict", "This invoice is already paid.");
  const provider = providers.byName(location.paymentProvider);
  if (!provider)
    throw new DomainError(
      "conflict",
      "Online payment is not set up at this shop yet. Please pay by bank transfer.",
    );

  const [customer] = await db.select().from(customers).where(eq(customers.id, invoice.customerId));
  const locale = language ?? customer?.language ?? "en";
  const [existing] = await db
    .select()
    .from(paymentSessions)
    .where(
      and(
        eq(paymentSessions.invoiceId, invoice.id),
        eq(paymentSessions.provider, provider.name),
        eq(paymentSessions.method, method),
        eq(paymentSessions.amount, position.open),
        eq(paymentSessions.status, "open"),
        // A provider's checkout speaks one language: the reader who switched gets one in theirs.
        eq(paymentSessions.language, locale),
      ),
    );
  // A second click (or a second tab) within the hour goes back to the same checkout.
  if (existing && Date.now() - existing.createdAt.getTime() < 3_600_000) return { url: existing.checkoutUrl };
  const id = newId("paymentSession");
  const returnUrl = `${publicUrl}/pay/${token}`;
  const checkout = await provider.createCheckout({
    invoiceId: invoice.id,
    invoiceNumber: invoice.number ?? invoice.id,
    amount: position.open,
    currency: invoice.currency,
    method: method as ProviderMethod,
    customerEmail: invoice.sentTo ?? customer?.email ?? null,
    locale,
    successUrl: `${returnUrl}?paid=1`,
    cancelUrl: returnUrl,
    // Our session id: the provider answers a retried request with the same checkout.
    idempotencyKey: id,
  });
  await db.insert(paymentSessions).values({
    id,
    organisationId: invoice.organisationId,
    locationId: invoice.locationId,
    invoiceId: invoice.id,
    provider: provider.name,
    providerSessionId: checkout.sessionId,
    method,
    amount: position.open,
    currency: invoice.currency,
    language: locale,
    returnUrl,
    checkoutUrl: checkout.url,
  });
  return { url: checkout.url };
}
