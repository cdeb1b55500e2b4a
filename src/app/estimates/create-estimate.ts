import { DateTime } from "luxon";
import type { DbOrTx } from "../../db/client";
import { loadLocation } from "../../db/queries/bookings";
import { estimates } from "../../db/schema";
import type { Actor } from "../../domain/actor";
import { newId } from "../../domain/ids";
import { recordAudit } from "../support/audit";
import { nextNumber } from "../support/numbers";

export interface NewEstimate {
  customerId: string;
  unitId: string;
  bookingRequestId?: string | null;
}

/** Opens a draft estimate with its number, in the caller's transaction. */
export async function createDraftEstimate(
  tx: DbOrTx,
  actor: Actor & { locationId: string },
  input: NewEstimate,
) {
  const location = await loadLocation(tx, actor.locationId);
  const year = DateTime.now().setZone(location.timeZone).year;
  const id = newId("estimate");
  const [estimate] = await tx
    .insert(estimates)
    .values({
      id,
      organisationId: actor.organisationId,
      locationId: actor.locationId,
      number: await nextNumber(tx, actor.locationId, "EST", year),
      customerId: input.customerId,
      unitId: input.unitId,
      bookingRequestId: input.bookingRequestId ?? null,
      currency: location.currency,
    })
    .returning();
  await recordAudit(tx, actor, {
    entityType: "estimate",
    entityId: id,
    action: "create",
    toStatus: "draft",
    data: { number: estimate!.number, bookingRequestId: input.bookingRequestId ?? null },
  });
  return estimate!;
}
