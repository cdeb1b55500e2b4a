import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { portalAccounts, staffUsers } from "../../db/schema";
import { DomainError } from "../../domain/errors";
import { burnPasswordCheck, verifyPassword } from "./passwords";
import { createSession } from "./sessions";

export interface LoginInput {
  email: string;
  password: string;
  audience: "shop" | "portal";
  userAgent?: string;
}

const wrongCredentials = () =>
  new DomainError("unauthenticated", "Email or password is wrong.", [
    { field: "password", message: "Email or password is wrong." },
  ]);

/** Checks the password and opens a session; the same answer for an unknown email and a wrong password. */
export async function login(db: Db, input: LoginInput, ttlHours: number) {
  const email = input.email.trim().toLowerCase();
  const table = input.audience === "shop" ? staffUsers : portalAccounts;
  const [account] = await db
    .select({
      id: table.id,
      organisationId: table.organisationId,
      passwordHash: table.passwordHash,
      active: table.active,
    })
    .from(table)
    .where(eq(table.email, email));
  if (!account) {
    await burnPasswordCheck(input.password);
    throw wrongCredentials();
  }
  if (!(await verifyPassword(account.passwordHash, input.password)) || !account.active)
    throw wrongCredentials();
  const kind = input.audience === "shop" ? "staff" : "portal";
  return db.transaction(async (tx) => {
    await tx.update(table).set({ lastLoginAt: new Date() }).where(eq(table.id, account.id));
    return createSession(
      tx,
      { kind, id: account.id, organisationId: account.organisationId },
      ttlHours,
      input.userAgent,
    );
  });
}
