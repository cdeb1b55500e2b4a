// Append-only audit log, written in the same transaction as the change it describes.
import type { DbOrTx } from "../../db/client";
import { auditEvents } from "../../db/schema";
import type { Actor } from "../../domain/actor";
import { newId } from "../../domain/ids";

export interface AuditEntry {
  entityType: string;
  entityId: string;
  action: string;
  fromStatus?: string | null;
  toStatus?: string | null;
  note?: string | null;
  data?: Record<string, unknown>;
  locationId?: string | null;
}

export async function recordAudit(tx: DbOrTx, actor: Actor, entry: AuditEntry): Promise<void> {
  await tx.insert(auditEvents).values({
    id: newId("audit"),
    organisationId: actor.organisationId,
    locationId: entry.locationId ?? actor.locationId,
    actorKind: actor.kind,
    actorId: actor.id,
    actorName: actor.name,
    entityType: entry.entityType,
    entityId: entry.entityId,
    action: entry.action,
    fromStatus: entry.fromStatus ?? null,
    toStatus: entry.toStatus ?? null,
    note: entry.note ?? null,
    data: entry.data ?? null,
  });
}
