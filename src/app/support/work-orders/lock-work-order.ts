// Commands on a work order and its jobs. Each one reads the row under a lock, checks the move
// against the lifecycle tables, writes the change and its audit entry in one transaction, and tells
// the Service Board.
import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { currentBilling } from "../../../db/queries/billing";
import { findWorkOrder } from "../../../db/queries/work-orders";
import { workOrders } from "../../../db/schema";
import type { PortalActor, StaffActor } from "../../../domain/actor";
import { billingSchema } from "../../../domain/billing";
import { notFound, staleVersion } from "../../../domain/errors";
import { publishWorkOrder } from "../../work-orders/publish";

export async function lockOrder(tx: DbOrTx, actor: StaffActor | PortalActor, id: string) {
  const order = await findWorkOrder(tx, actor, id, actor.kind === "portal" ? actor.customerId : undefined);
  if (!order) throw notFound("Work order");
  const [row] = await tx.select().from(workOrders).where(eq(workOrders.id, id)).for("update");
  return { ...order, ...row! };
}

export async function bump(
  tx: DbOrTx,
  id: string,
  version: number | undefined,
  changes: Partial<typeof workOrders.$inferInsert>,
) {
  const [row] = await tx
    .update(workOrders)
    .set({ ...changes, version: sql`${workOrders.version} + 1`, updatedAt: new Date() })
    .where(and(eq(workOrders.id, id), version === undefined ? undefined : eq(workOrders.version, version)))
    .returning();
  if (!row) throw staleVersion("work order");
  await publishWorkOrder(tx, row);
  return row;
}

export async function handOver(tx: DbOrTx, id: string, now: Date) {
  const billing = billingSchema.parse(await currentBilling(tx, id, now));
  return { billing, invoicedAt: now };
}

/** Serialises commands on one unit's work order (opening it, adding jobs) across processes. */
export async function lockUnit(tx: DbOrTx, unitId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`unit:${unitId}`}))`);
}
