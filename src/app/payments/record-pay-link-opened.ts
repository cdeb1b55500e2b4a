import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { customerLinks } from "../../db/schema";

/** The customer's first look at the payment page; later looks keep the first time. */
export async function recordPayLinkOpened(db: DbOrTx, tokenHash: string) {
  await db
    .update(customerLinks)
    .set({ openedAt: new Date() })
    .where(and(eq(customerLinks.tokenHash, tokenHash), isNull(customerLinks.openedAt)));
}
