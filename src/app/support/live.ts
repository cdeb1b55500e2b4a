// Live updates: a change publishes a small event with pg_notify inside its transaction, so it is
// delivered only if the change commits. Every server process LISTENs and fans events out to its
// browsers (server-sent events); the event says what changed, the browser refetches it.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";

export const liveChannel = "pitlane_live";

export interface LiveEvent {
  type:
    | "booking-request.changed"
    | "estimate.changed"
    | "work-order.changed"
    | "notification.created"
    | "invoice.changed"
    // An integration event was recorded: wakes the pull feed's long polls (not sent to browsers).
    | "integration-event.recorded";
  organisationId: string;
  locationId: string;
  customerId: string;
  id: string;
  status: string;
}

export async function publishLive(tx: DbOrTx, event: LiveEvent): Promise<void> {
  await tx.execute(sql`select pg_notify(${liveChannel}, ${JSON.stringify(event)})`);
}
