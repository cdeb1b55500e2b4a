import type { Db } from "../../db/client";
import { isUniqueViolation } from "../../db/errors";
import { staffUsers } from "../../db/schema";
import type { StaffActor } from "../../domain/actor";
import type { Language } from "../../domain/customer";
import { DomainError } from "../../domain/errors";
import { newId } from "../../domain/ids";
import type { StaffRole } from "../../domain/permissions";
import { recordAudit } from "../support/audit";
import { hashPassword } from "../support/auth/passwords";

export interface CreateStaffUserInput {
  name: string;
  email: string;
  role: StaffRole;
  password: string;
  language: Language;
}

/** An admin adds a colleague to their location; the admin hands over the first password. */
export async function createStaffUser(db: Db, actor: StaffActor, input: CreateStaffUserInput) {
  const passwordHash = await hashPassword(input.password);
  const id = newId("staffUser");
  try {
    return await db.transaction(async (tx) => {
      const [user] = await tx
        .insert(staffUsers)
        .values({
          id,
          organisationId: actor.organisationId,
          locationId: actor.locationId,
          name: input.name,
          email: input.email,
          role: input.role,
          language: input.language,
          passwordHash,
        })
        .returning();
      await recordAudit(tx, actor, {
        entityType: "staff_user",
        entityId: id,
        action: "create",
        data: { role: input.role, email: input.email },
      });
      return user!;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new DomainError("duplicate-email", "A staff user with this email already exists.", [
        { field: "email", message: "A staff user with this email already exists." },
      ]);
    }
    throw error;
  }
}
