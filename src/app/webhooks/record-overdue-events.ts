// invoice.overdue: "overdue" is not stored (it depends on today), so a periodic job looks for issued
// invoices whose due date has passed in the location's own calendar with money still open, and
// records the event once per invoice (a unique index keeps it once even if two runs overlap).
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { recordIntegrationEvent } from "../support/integrations/record-integration-event";

const batch = 200;

/** Records invoice.overdue for every invoice that became overdue and has none yet; how many. */
export async function recordOverdueEvents(db: Db): Promise<number> {
  let recorded = 0;
  let after = "";
  for (;;) {
    const result = await db.execute(sql`
      select i.id from invoices i join locations l on l.id = i.location_id
       where i.kind = 'invoice' and i.status = 'issued' and i.open_amount > 0
         and i.due_date is not null
         and i.due_date::date < (now() at time zone l.time_zone)::date
         and i.id > ${after}
         and not exists (select 1 from integration_events e
                          where e.invoice_id = i.id and e.type = 'invoice.overdue')
       order by i.id limit ${batch}`);
    const ids = (result as unknown as { rows: { id: string }[] }).rows.map((r) => r.id);
    if (ids.length === 0) return recorded;
    for (const id of ids) {
      try {
        await db.transaction((tx) => recordIntegrationEvent(tx, "invoice.overdue", id));
        recorded++;
      } catch (error) {
        // Another run recorded it a moment ago: the unique index refused the second.
        if ((error as { code?: string }).code !== "23505") throw error;
      }
    }
    after = ids[ids.length - 1]!;
  }
}
