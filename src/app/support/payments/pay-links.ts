// An invoice's payment links: revoked when a new one is sent or the shop cancels it, and looked up by
// their token for the payment page.
import { and, eq, gt, isNull } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { customerLinks, invoices } from "../../../db/schema";
import { notFound } from "../../../domain/errors";
import { hashToken } from "../auth/tokens";

export async function revokeLinks(
  tx: DbOrTx,
  invoiceId: string,
  revokedById: string | null = null,
  liveOnly = false,
) {
  return tx
    .update(customerLinks)
    .set({ revokedAt: new Date(), revokedById })
    .where(
      and(
        eq(customerLinks.subjectId, invoiceId),
        eq(customerLinks.purpose, "invoice-payment"),
        isNull(customerLinks.revokedAt),
        liveOnly ? gt(customerLinks.expiresAt, new Date()) : undefined,
      ),
    )
    .returning({ tokenHash: customerLinks.tokenHash });
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
