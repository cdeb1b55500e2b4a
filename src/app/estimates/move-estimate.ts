// The estimate's lifecycle moves: the shop submits (freezing version N), acknowledges a dispute and
// revises; the customer approves chosen labour lines, declines, or disputes lines with notes. Each
// customer decision is kept as a consent record with what they saw. Saving is `WHERE status = from`.
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { findEstimate, loadLines, loadVersions } from "../../db/queries/estimates";
import { customers, estimateDecisions, estimates, estimateVersions } from "../../db/schema";
import type { CustomerActor, StaffActor } from "../../domain/actor";
import { DomainError, notFound } from "../../domain/errors";
import {
  checkApproval,
  checkSubmittable,
  type EstimateEvent,
  type EstimateStatus,
  expandDispute,
  nextEstimateStatus,
} from "../../domain/estimate";
import { newId } from "../../domain/ids";
import type { NotifyContext } from "../bookings/notify-booking";
import { recordAudit } from "../support/audit";
import {
  type Snapshot,
  snapshotOf,
  snapshotSchema,
  totalsSchema,
} from "../support/estimates/estimate-snapshot";
import { type EstimateNotice, notifyEstimate } from "./notify-estimate";
import { recordWork } from "./record-work";

export type EstimateMove =
  | { event: "submit"; note?: string | null }
  | { event: "acknowledge" | "revise"; note?: string | null }
  | { event: "approve"; labourLineIds: string[]; versionNo: number }
  | { event: "decline"; reason?: string | null; versionNo: number }
  | { event: "dispute"; lines: { lineId: string; note: string }[]; versionNo: number };

export interface RequestFacts {
  ip?: string;
  userAgent?: string;
  /** Staff recording a decision the customer gave by phone: who at the customer decided. */
  onBehalfOf?: string;
  /** Runs inside the transaction before saving (a mailed link is spent here). */
  beforeSave?: (tx: Parameters<Parameters<Db["transaction"]>[0]>[0]) => Promise<void>;
}

/** What a labour line disputed only because of its part says, in the customer's language. */
const withPartNote = { en: "Disputed with its part", de: "Mit seinem Teil beanstandet" } as const;

const shopMoves: readonly EstimateEvent[] = ["submit", "acknowledge", "revise"];

export async function moveEstimate(
  db: Db,
  ctx: NotifyContext,
  actor: StaffActor | CustomerActor,
  id: string,
  move: EstimateMove,
  facts: RequestFacts = {},
) {
  const shopMove = shopMoves.includes(move.event);
  const verbal =
    actor.kind === "staff" &&
    Boolean(facts.onBehalfOf) &&
    (move.event === "approve" || move.event === "decline");
  if (!verbal && shopMove !== (actor.kind === "staff")) {
    throw new DomainError(
      "forbidden",
      shopMove ? "Only the shop can do this." : "Only the customer decides on an estimate.",
    );
  }
  return db.transaction(async (tx) => {
    const estimate = await findEstimate(tx, actor, id, actor.kind === "staff" ? undefined : actor.customerId);
    // A customer sees nothing of an estimate before its first version.
    if (!estimate || (actor.kind !== "staff" && estimate.currentVersion === 0)) throw notFound("Estimate");
    const from = estimate.status;
    const to: EstimateStatus = nextEstimateStatus(from, move.event);
    let currentVersion = estimate.currentVersion;
    const data: Record<string, unknown> = {};
    let notice: EstimateNotice | undefined;
    let frozen: { versionNo: number; totals: { gross: number }; lines: Snapshot } | undefined;

    if (move.event === "submit") {
      const { snapshot, totals, labourLines } = snapshotOf(await loadLines(tx, id));
      checkSubmittable(labourLines);
      currentVersion += 1;
      await tx.insert(estimateVersions).values({
        id: newId("estimateVersion"),
        organisationId: estimate.organisationId,
        locationId: estimate.locationId,
        estimateId: id,
        versionNo: currentVersion,
        lines: snapshot,
        totals,
        note: move.note ?? null,
        submittedById: actor.id!,
        submittedByName: actor.name,
      });
      data.version = currentVersion;
      data.gross = totals.gross;
      frozen = { versionNo: currentVersion, totals, lines: snapshot };
      notice = { kind: "ready", note: move.note ?? null };
    }
    if (move.event === "approve" || move.event === "decline" || move.event === "dispute") {
      // A decision is about the version the customer looked at; if the shop moved on, they must reload.
      if (move.versionNo !== currentVersion) {
        throw new DomainError("conflict", "The estimate has a newer version. Reload it before deciding.", [
          { field: "versionNo", message: "Reload the estimate." },
        ]);
      }
      const versions = await loadVersions(tx, id);
      const version = versions.find((v) => v.versionNo === currentVersion)!;
      const snapshot = snapshotSchema.parse(version.lines);
      const lines = snapshot.labour;
      frozen = { versionNo: currentVersion, totals: totalsSchema.parse(version.totals), lines: snapshot };
      const describe = (ids: Iterable<string>) => {
        const wanted = new Set(ids);
        return lines.filter((l) => wanted.has(l.id)).map((l) => l.description);
      };
      const decision = {
        id: newId("decision"),
        organisationId: estimate.organisationId,
        locationId: estimate.locationId,
        estimateId: id,
        versionNo: currentVersion,
        decision: move.event,
        actorKind: actor.kind,
        actorId: actor.id,
        actorName: verbal ? `${facts.onBehalfOf} (by phone, recorded by ${actor.name})` : actor.name,
        onBehalf: verbal,
        totalsSeen: version.totals,
        ip: facts.ip ?? null,
        userAgent: facts.userAgent?.slice(0, 300) ?? null,
      };
      if (move.event === "approve") {
        checkApproval(lines, move.labourLineIds);
        const approved = new Set(move.labourLineIds);
        await tx.insert(estimateDecisions).values({
          ...decision,
          approvedLineIds: [...approved],
          declinedLineIds: lines.filter((l) => !approved.has(l.id)).map((l) => l.id),
        });
        await recordWork(tx, estimate, currentVersion, lines, approved);
        data.approved = [...approved];
        notice = verbal
          ? {
              kind: "on-behalf",
              decision: "approve",
              lines: describe(approved),
              recordedBy: actor.name,
              approvedBy: facts.onBehalfOf!,
            }
          : { kind: "decision", decision: "approve", lines: describe(approved), note: null };
      } else if (move.event === "decline") {
        await tx.insert(estimateDecisions).values({
          ...decision,
          declinedLineIds: lines.map((l) => l.id),
          reason: move.reason?.trim() || null,
        });
        await recordWork(tx, estimate, currentVersion, lines, new Set());
        const all = lines.map((l) => l.description);
        notice = verbal
          ? {
              kind: "on-behalf",
              decision: "decline",
              lines: all,
              recordedBy: actor.name,
              approvedBy: facts.onBehalfOf!,
            }
          : { kind: "decision", decision: "decline", lines: all, note: move.reason?.trim() || null };
      } else {
        // The note of a line disputed only with its part is written in the customer's language.
        const [customer] = await tx
          .select({ language: customers.language })
          .from(customers)
          .where(eq(customers.id, estimate.customerId));
        const disputed = expandDispute(lines, move.lines, withPartNote[customer?.language ?? "de"]);
        await tx.insert(estimateDecisions).values({ ...decision, disputedLines: disputed });
        data.disputed = disputed;
        const descriptions = new Map(
          lines.flatMap((l) => [
            [l.id, l.description] as const,
            ...l.parts.map((p) => [p.id, p.description] as const),
          ]),
        );
        notice = {
          kind: "decision",
          decision: "dispute",
          // The shop's mail says "with its part" in its own language (estimate-mails).
          lines: disputed.map((d) => ({
            description: descriptions.get(d.lineId) ?? d.lineId,
            note: d.note,
            ...(d.withPart ? { withPart: true as const } : {}),
          })),
          note: null,
        };
      }
    }

    await facts.beforeSave?.(tx);
    const saved = await tx
      .update(estimates)
      .set({ status: to, currentVersion, version: sql`${estimates.version} + 1`, updatedAt: new Date() })
      .where(and(eq(estimates.id, id), eq(estimates.status, from)))
      .returning({ id: estimates.id });
    if (saved.length === 0) {
      throw new DomainError("conflict", "Someone else moved this estimate a moment ago. Reload to see it.");
    }
    await recordAudit(tx, actor, {
      entityType: "estimate",
      entityId: id,
      action: move.event,
      fromStatus: from,
      toStatus: to,
      note: "note" in move ? (move.note ?? null) : "reason" in move ? (move.reason ?? null) : null,
      data,
    });
    const after = (await findEstimate(tx, actor, id))!;
    if (notice && frozen) await notifyEstimate(tx, ctx, after, frozen, notice);
    return after;
  });
}
