import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { sessions, staffUsers } from "../../db/schema";
import type { StaffActor } from "../../domain/actor";
import { DomainError, notFound } from "../../domain/errors";
import type { StaffRole } from "../../domain/permissions";
import { recordAudit } from "../support/audit";

export interface UpdateStaffUserInput {
  name?: string;
  role?: StaffRole;
  active?: boolean;
}

/** Changes a colleague's name, role or access. Deactivating ends their sessions at once. */
export async function updateStaffUser(db: Db, actor: StaffActor, id: string, input: UpdateStaffUserInput) {
  // An admin who demotes or locks out themselves could leave a shop with no admin at all.
  if (id === actor.id && (input.active === false || (input.role && input.role !== "admin"))) {
    throw new DomainError("validation", "You cannot deactivate yourself or remove your own admin role.", [
      { field: input.active === false ? "active" : "role", message: "Ask another admin to do this." },
    ]);
  }
  return db.transaction(async (tx) => {
    const where = and(
      eq(staffUsers.id, id),
      eq(staffUsers.organisationId, actor.organisationId),
      eq(staffUsers.locationId, actor.locationId),
    );
    const [before] = await tx.select().from(staffUsers).where(where);
    if (!before) throw notFound("Staff user");
    const [user] = await tx
      .update(staffUsers)
      .set({ ...input, updatedAt: new Date() })
      .where(where)
      .returning();
    if (input.active === false) {
      await tx.delete(sessions).where(and(eq(sessions.subjectKind, "staff"), eq(sessions.subjectId, id)));
    }
    await recordAudit(tx, actor, {
      entityType: "staff_user",
      entityId: id,
      action: "update",
      data: { before: { name: before.name, role: before.role, active: before.active }, after: input },
    });
    return user!;
  });
}
