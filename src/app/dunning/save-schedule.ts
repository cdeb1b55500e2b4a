// Saving a location's dunning schedule (issue #15): checked by the domain (levels that go backwards
// are refused), versioned like other settings so two people editing it do not overwrite each other.
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { loadSchedule } from "../../db/queries/dunning";
import { dunningSchedules } from "../../db/schema";
import type { StaffActor } from "../../domain/actor";
import { checkSchedule, type DunningSchedule } from "../../domain/dunning";
import { staleVersion } from "../../domain/errors";
import { recordAudit } from "../support/audit";

export async function saveSchedule(db: Db, actor: StaffActor, input: DunningSchedule & { version: number }) {
  const { version, ...schedule } = input;
  checkSchedule(schedule);
  return db.transaction(async (tx) => {
    // One row per location: the first save inserts it, later ones need the version they read.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`dunning:${actor.locationId}`}))`);
    const current = await loadSchedule(tx, actor.locationId);
    if (current.version !== version) throw staleVersion("dunning schedule");
    await tx
      .insert(dunningSchedules)
      .values({ organisationId: actor.organisationId, locationId: actor.locationId, ...schedule, version: 1 })
      .onConflictDoUpdate({
        target: dunningSchedules.locationId,
        set: { ...schedule, version: sql`${dunningSchedules.version} + 1`, updatedAt: new Date() },
      });
    await recordAudit(tx, actor, {
      entityType: "location",
      entityId: actor.locationId,
      action: "dunning-schedule",
      data: { enabled: schedule.enabled, levels: schedule.levels.length },
    });
    return loadSchedule(tx, actor.locationId);
  });
}
