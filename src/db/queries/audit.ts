import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { auditEvents } from "../schema";

/** A record's history as people see it (negotiation, dispute history): its audit events in order. */
export async function entityHistory(
  db: DbOrTx,
  organisationId: string,
  entityType: string,
  entityId: string,
) {
  return db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.organisationId, organisationId),
        eq(auditEvents.entityType, entityType),
        eq(auditEvents.entityId, entityId),
      ),
    )
    .orderBy(asc(auditEvents.seq));
}
