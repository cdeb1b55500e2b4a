// Sign-in attempts counted per account, on top of the login route's per-address limit: an attacker
// who rotates addresses still gets a handful of guesses per account, then one per lock, the lock
// doubling up to a cap. The count is a row in PostgreSQL, so every API process sees the same one,
// and an attempt costs one statement (a success one more, to reset).
//
// A lock must not become a way to shut the owner out: it lasts minutes, never longer than the cap,
// and a browser that signed in to the account before (the `pitlane_device` cookie) is counted on its
// own key, so the owner keeps signing in there while strangers are locked out of the account.
import { and, eq, gt, isNull, lt, or, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { loginDevices, loginThrottles } from "../../../db/schema";
import { DomainError } from "../../../domain/errors";
import { hashToken, newToken } from "./tokens";

export interface ThrottlePolicy {
  /** Attempts a key may make before its first lock. */
  freeAttempts: number;
  firstLockSeconds: number;
  maxLockSeconds: number;
  /** A streak of attempts is forgotten after this long without one. */
  forgetAfterSeconds: number;
}

const forgetAfterSeconds = 60 * 60;

/** Locks of 1, 2, 4, 8, then 15 minutes; a streak ends after an hour without an attempt. */
export const throttlePolicy = (freeAttempts: number): ThrottlePolicy => ({
  freeAttempts,
  firstLockSeconds: 60,
  maxLockSeconds: 15 * 60,
  forgetAfterSeconds,
});

/** How long a browser stays trusted for an account after its last successful sign-in there. */
const deviceTrustDays = 180;
export const deviceTrustSeconds = deviceTrustDays * 86_400;

/** The same for an unknown email as for a real one: the answer must not tell them apart. */
export const accountKey = (audience: string, email: string) => hashToken(`account:${audience}:${email}`);

export interface AttemptKeys {
  /** What this attempt is counted on: the account, or this browser's own key for the account. */
  key: string;
  account: string;
  /** The browser's device token, when it is one we issued (to keep on success). */
  device: string | null;
}

/** Decides what an attempt is counted on: a browser trusted for the account counts on its own. */
export async function attemptKeys(db: DbOrTx, account: string, deviceToken?: string): Promise<AttemptKeys> {
  if (!deviceToken || deviceToken.length > 100) return { key: account, account, device: null };
  const tokenHash = hashToken(deviceToken);
  const trusted = await db
    .select({ accountKey: loginDevices.accountKey })
    .from(loginDevices)
    .where(and(eq(loginDevices.tokenHash, tokenHash), gt(loginDevices.expiresAt, sql`now()`)));
  const device = trusted.length > 0 ? deviceToken : null;
  const key = trusted.some((d) => d.accountKey === account)
    ? hashToken(`device:${tokenHash}:${account}`)
    : account;
  return { key, account, device };
}

/**
 * Counts the attempt before the password is checked (so a burst of parallel guesses cannot all slip
 * in before the first failure is written), or refuses it while the key is locked. Attempts refused
 * during a lock are not counted: hammering cannot stretch a lock beyond the cap.
 */
export async function countAttempt(db: DbOrTx, key: string, policy: ThrottlePolicy): Promise<void> {
  const t = loginThrottles;
  const next = sql`case when ${t.lastAttemptAt} < now() - make_interval(secs => ${policy.forgetAfterSeconds}) then 1 else ${t.attempts} + 1 end`;
  // From the limit on, every attempt locks the key; each lock twice as long as the one before, up
  // to the cap (the exponent is bounded so a long siege cannot overflow it).
  const lockAfter = (attempts: SQL) =>
    sql`case when ${attempts} >= ${policy.freeAttempts} then now() + make_interval(secs => least(${policy.firstLockSeconds} * 2 ^ least(${attempts} - ${policy.freeAttempts}, 20), ${policy.maxLockSeconds})) end`;
  // One round trip: the CTE's upsert skips a locked row, and the outer select still sees the row as
  // it was (same snapshot), so it reads the lock's end for Retry-After.
  const result = await db.execute(sql`
    with attempt as (
      insert into ${t} (key, attempts, last_attempt_at, locked_until)
      values (${key}, 1, now(), ${lockAfter(sql`1`)})
      on conflict (key) do update set
        attempts = ${next},
        last_attempt_at = now(),
        locked_until = ${lockAfter(next)}
      where ${t.lockedUntil} is null or ${t.lockedUntil} <= now()
      returning 1
    )
    select exists (select 1 from attempt) as counted,
      (select ceil(extract(epoch from ${t.lockedUntil} - now()))::int from ${t} where ${t.key} = ${key}) as retry`);
  const [row] = (result as unknown as { rows: { counted: boolean; retry: number | null }[] }).rows;
  if (row?.counted) return;
  const seconds = Math.max(1, row?.retry ?? 1);
  const minutes = Math.ceil(seconds / 60);
  throw new DomainError(
    "rate-limited",
    `Too many failed sign-ins for this email address. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
    [],
    seconds,
  );
}

/** A successful sign-in resets the key it was counted on. */
export async function clearAttempts(db: DbOrTx, key: string): Promise<void> {
  await db.delete(loginThrottles).where(eq(loginThrottles.key, key));
}

/** Trusts this browser for the account (again); returns the device token for its cookie. */
export async function trustDevice(db: DbOrTx, keys: AttemptKeys): Promise<string> {
  const token = keys.device ?? newToken();
  const expiresAt = new Date(Date.now() + deviceTrustDays * 86_400_000);
  await db
    .insert(loginDevices)
    .values({ tokenHash: hashToken(token), accountKey: keys.account, expiresAt })
    .onConflictDoUpdate({ target: [loginDevices.tokenHash, loginDevices.accountKey], set: { expiresAt } });
  return token;
}

/** Hourly: streaks nobody continued and browsers not seen for months. */
export async function purgeLoginThrottles(db: DbOrTx): Promise<void> {
  const quietSince = new Date(Date.now() - forgetAfterSeconds * 1000);
  await db
    .delete(loginThrottles)
    .where(
      and(
        lt(loginThrottles.lastAttemptAt, quietSince),
        or(isNull(loginThrottles.lockedUntil), lt(loginThrottles.lockedUntil, new Date())),
      ),
    );
  await db.delete(loginDevices).where(lt(loginDevices.expiresAt, new Date()));
}
