// `Idempotency-Key` for what a DMS pushes: the first answer under a key is stored in the transaction
// that made it, so a retry (the DMS timed out, the answer was lost) gets that same answer and no
// second invoice. The key's row is inserted first: a concurrent repeat waits on it and then reads the
// committed answer. A refused request (4xx) rolls back with its row, so the key stays free for the
// corrected request.
import { createHash } from "node:crypto";
import { and, eq, lt } from "drizzle-orm";
import type { Db, DbOrTx, Tx } from "../../../db/client";
import { idempotencyKeys } from "../../../db/schema";
import type { ShopActor } from "../../../domain/actor";
import { DomainError } from "../../../domain/errors";

export interface StoredAnswer<T> {
  status: number;
  body: T;
  /** The answer is a repeat of the first one under this key. */
  replayed: boolean;
}

export const idempotencyHeader = "Idempotency-Key";

/**
 * How long a key's first answer is kept. A DMS retries a lost answer within minutes or hours; a week
 * also covers an on-premises DMS that was down over a long weekend. After that the key is free, and a
 * repeat of the same push meets the externalId check instead (409 naming the invoice).
 */
export const idempotencyKeepDays = 7;

/** Forgets answers older than idempotencyKeepDays (the worker runs it hourly), so the table stays small. */
export async function purgeIdempotencyKeys(db: DbOrTx, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - idempotencyKeepDays * 86_400_000);
  const gone = await db
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.createdAt, before))
    .returning({ key: idempotencyKeys.key });
  return gone.length;
}

/** The same request is the same bytes; a JSON body is hashed in its canonical (parsed) form. */
export function requestHash(body: unknown): string {
  return createHash("sha256")
    .update(Buffer.isBuffer(body) ? body : JSON.stringify(body ?? null))
    .digest("hex");
}

export async function idempotent<T>(
  db: Db,
  actor: ShopActor,
  key: string | undefined,
  hash: string,
  run: (tx: Tx) => Promise<{ status: number; body: T }>,
): Promise<StoredAnswer<T>> {
  return db.transaction(async (tx) => {
    if (key === undefined) return { ...(await run(tx)), replayed: false };
    if (key.length < 1 || key.length > 255) {
      throw new DomainError("validation", "The Idempotency-Key is 1 to 255 characters.", [
        { field: idempotencyHeader, message: "Send a key of 1 to 255 characters (a UUID)." },
      ]);
    }
    const [claimed] = await tx
      .insert(idempotencyKeys)
      .values({
        organisationId: actor.organisationId,
        locationId: actor.locationId,
        apiKeyId: actor.kind === "api_key" ? actor.id : null,
        key,
        requestSha256: hash,
        // Replaced below with the answer, in this transaction: nobody ever reads this placeholder.
        responseStatus: 0,
        responseBody: {},
      })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (!claimed) {
      const [first] = await tx
        .select()
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.locationId, actor.locationId), eq(idempotencyKeys.key, key)));
      if (!first || first.requestSha256 !== hash) {
        throw new DomainError(
          "validation",
          "This Idempotency-Key was used for a different request. Use a new key for a new request.",
          [{ field: idempotencyHeader, message: "The key belongs to another request body." }],
        );
      }
      return { status: first.responseStatus, body: first.responseBody as T, replayed: true };
    }
    const answer = await run(tx);
    await tx
      .update(idempotencyKeys)
      .set({ responseStatus: answer.status, responseBody: answer.body as object })
      .where(and(eq(idempotencyKeys.locationId, actor.locationId), eq(idempotencyKeys.key, key)));
    return { ...answer, replayed: false };
  });
}
