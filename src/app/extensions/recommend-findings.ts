import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { customers, inspectionItems, recommendations, workOrders } from "../../db/schema";
import type { StaffActor } from "../../domain/actor";
import { newId } from "../../domain/ids";
import { defaultText, findings } from "../../domain/inspection";

/** Yellow and red items of a completed inspection become open recommendations (once each). */
export async function recommendFindings(
  tx: DbOrTx,
  actor: StaffActor,
  workOrderId: string,
  inspectionId: string,
) {
  const items = await tx.select().from(inspectionItems).where(eq(inspectionItems.inspectionId, inspectionId));
  const found = findings(items);
  if (found.length === 0) return;
  // A recommendation is words for the customer: a default checklist item reads in their language.
  const [customer] = await tx
    .select({ language: customers.language })
    .from(workOrders)
    .innerJoin(customers, eq(customers.id, workOrders.customerId))
    .where(eq(workOrders.id, workOrderId));
  const language = customer?.language ?? "en";
  await tx
    .insert(recommendations)
    .values(
      found.map((i) => ({
        id: newId("recommendation"),
        organisationId: actor.organisationId,
        locationId: actor.locationId,
        workOrderId,
        inspectionItemId: i.id,
        description: defaultText(i.label, language),
        urgency: i.rating as "attention" | "urgent",
        note: i.note,
      })),
    )
    .onConflictDoNothing();
}
