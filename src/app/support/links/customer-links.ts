// Links mailed to customers without an account. 256 random bits, stored only as a hash; each link
// serves one purpose for one record, once, and expires.
import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { customerLinks, customers } from "../../../db/schema";
import type { LinkActor } from "../../../domain/actor";
import { DomainError } from "../../../domain/errors";
import { hashToken, newToken } from "../auth/tokens";

export type LinkPurpose = (typeof customerLinks.$inferSelect)["purpose"];

export async function issueCustomerLink(
  tx: DbOrTx,
  link: {
    organisationId: string;
    locationId: string;
    customerId: string;
    purpose: LinkPurpose;
    subjectId: string;
  },
  ttlDays: number,
): Promise<string> {
  const token = newToken();
  await tx.insert(customerLinks).values({
    ...link,
    tokenHash: hashToken(token),
    expiresAt: new Date(Date.now() + ttlDays * 86_400_000),
  });
  return token;
}

export interface ResolvedLink {
  actor: LinkActor;
  subjectId: string;
  tokenHash: string;
  used: boolean;
}

/** The link behind a token, or 404 (unknown, or for another purpose) / 410 (expired). */
export async function resolveCustomerLink(
  db: DbOrTx,
  token: string,
  purpose: LinkPurpose,
): Promise<ResolvedLink> {
  const [row] = await db
    .select({ link: customerLinks, customerName: customers.displayName })
    .from(customerLinks)
    .innerJoin(customers, eq(customers.id, customerLinks.customerId))
    .where(and(eq(customerLinks.tokenHash, hashToken(token)), eq(customerLinks.purpose, purpose)));
  if (!row) throw new DomainError("not-found", "This link is not valid. Use the newest email from the shop.");
  if (row.link.expiresAt.getTime() < Date.now()) {
    throw new DomainError("link-expired", "This link has expired. Please contact the shop.");
  }
  return {
    actor: {
      kind: "link",
      id: null,
      name: row.customerName,
      organisationId: row.link.organisationId,
      locationId: row.link.locationId,
      customerId: row.link.customerId,
    },
    subjectId: row.link.subjectId,
    tokenHash: row.link.tokenHash,
    used: row.link.usedAt !== null,
  };
}

/** An action through a link it already served is refused up front, with the reason. */
export function requireUnused(link: ResolvedLink): ResolvedLink {
  if (link.used) {
    throw new DomainError(
      "link-expired",
      "This link has already been used. The shop's next email brings a new one.",
    );
  }
  return link;
}

/** Marks the link used in the acting transaction; a second use (even a concurrent one) is refused. */
export async function spendCustomerLink(tx: DbOrTx, tokenHash: string): Promise<void> {
  const used = await tx
    .update(customerLinks)
    .set({ usedAt: new Date() })
    .where(and(eq(customerLinks.tokenHash, tokenHash), isNull(customerLinks.usedAt)))
    .returning({ tokenHash: customerLinks.tokenHash });
  if (used.length === 0) {
    throw new DomainError(
      "link-expired",
      "This link has already been used. The shop's next email brings a new one.",
    );
  }
}
