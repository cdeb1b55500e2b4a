import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { portalAccounts, staffUsers } from "../../db/schema";
import type { Language } from "../../domain/customer";
import { DomainError } from "../../domain/errors";
import {
  accountKey,
  attemptKeys,
  clearAttempts,
  countAttempt,
  type ThrottlePolicy,
  trustDevice,
} from "../support/auth/login-throttle";
import { burnPasswordCheck, verifyPassword } from "../support/auth/passwords";
import { createSession } from "../support/auth/sessions";

export interface LoginInput {
  email: string;
  password: string;
  audience: "shop" | "portal";
  userAgent?: string;
  /** The language picked on the sign-in page: becomes the account's language. */
  language?: Language;
  /** The `pitlane_device` cookie: a browser that signed in to this account before. */
  deviceToken?: string;
}

export interface LoginOptions {
  ttlHours: number;
  throttle: ThrottlePolicy;
}

const wrongCredentials = () =>
  new DomainError("unauthenticated", "Email or password is wrong.", [
    { field: "password", message: "Email or password is wrong." },
  ]);

/**
 * Checks the password and opens a session; the same answer for an unknown email and a wrong password,
 * and the same per-account limit for both (counted before any account is looked up).
 */
export async function login(db: Db, input: LoginInput, options: LoginOptions) {
  const email = input.email.trim().toLowerCase();
  const keys = await attemptKeys(db, accountKey(input.audience, email), input.deviceToken);
  await countAttempt(db, keys.key, options.throttle);
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
    await tx
      .update(table)
      .set({ lastLoginAt: new Date(), ...(input.language ? { language: input.language } : {}) })
      .where(eq(table.id, account.id));
    // Only the key this attempt was counted on: the owner signing in on a trusted browser says
    // nothing about strangers guessing elsewhere, so their lock on the account stays.
    await clearAttempts(tx, keys.key);
    const deviceToken = await trustDevice(tx, keys);
    const session = await createSession(
      tx,
      { kind, id: account.id, organisationId: account.organisationId },
      options.ttlHours,
      input.userAgent,
    );
    return { ...session, deviceToken };
  });
}
