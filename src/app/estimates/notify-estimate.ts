// After an estimate move: mail the other side and nudge live screens, inside the move's transaction.
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { loadLocation } from "../../db/queries/bookings";
import type { EstimateView } from "../../db/queries/estimates";
import { customers, portalAccounts } from "../../db/schema";
import type { Language } from "../../domain/customer";
import type { NotifyContext } from "../bookings/notify-booking";
import {
  type DecisionLine,
  decisionForShopMail,
  estimateReadyMail,
  recordedOnBehalfMail,
} from "../support/estimates/estimate-mails";
import type { Snapshot } from "../support/estimates/estimate-snapshot";
import { issueCustomerLink } from "../support/links/customer-links";
import { publishLive } from "../support/live";
import { queueMail } from "../support/queue-mail";

export type EstimateNotice =
  | { kind: "ready"; note: string | null }
  | {
      kind: "decision";
      decision: "approve" | "decline" | "dispute";
      lines: DecisionLine[];
      note: string | null;
    }
  | {
      kind: "on-behalf";
      decision: "approve" | "decline";
      lines: string[];
      recordedBy: string;
      approvedBy: string;
    };

export async function notifyEstimate(
  tx: DbOrTx,
  ctx: NotifyContext,
  estimate: EstimateView,
  version: { versionNo: number; totals: { gross: number }; lines: Snapshot },
  notice: EstimateNotice,
) {
  const location = await loadLocation(tx, estimate.locationId);
  const [customer] = await tx.select().from(customers).where(eq(customers.id, estimate.customerId));
  const facts = {
    number: estimate.number,
    versionNo: version.versionNo,
    unitLabel: estimate.plate ? `${estimate.unitLabel} (${estimate.plate})` : estimate.unitLabel,
    customerName: estimate.customerName,
    shopName: location.name,
    gross: version.totals.gross,
    currency: estimate.currency,
    note: "note" in notice ? notice.note : null,
    url: "",
  };
  if (notice.kind === "decision") {
    if (location.email) {
      const language: Language = location.locale.startsWith("de") ? "de" : "en";
      await queueMail(tx, ctx.queue, {
        organisationId: estimate.organisationId,
        locationId: estimate.locationId,
        to: location.email,
        ...decisionForShopMail(language, {
          ...facts,
          url: `${ctx.publicUrl}/shop/estimates/${estimate.id}`,
          decision: notice.decision,
          lines: notice.lines,
        }),
      });
    }
  } else if (customer?.email) {
    const [account] = await tx
      .select({ id: portalAccounts.id })
      .from(portalAccounts)
      .where(and(eq(portalAccounts.customerId, customer.id), eq(portalAccounts.active, true)))
      .limit(1);
    // Fleet customers decide in the portal; everyone else through a link of their own.
    facts.url = account
      ? `${ctx.publicUrl}/portal/estimates/${estimate.id}`
      : `${ctx.publicUrl}/e/${await issueCustomerLink(
          tx,
          {
            organisationId: estimate.organisationId,
            locationId: estimate.locationId,
            customerId: customer.id,
            purpose: "estimate-response",
            subjectId: estimate.id,
          },
          ctx.linkTtlDays,
        )}`;
    const mail =
      notice.kind === "ready"
        ? estimateReadyMail(customer.language, facts)
        : recordedOnBehalfMail(customer.language, { ...facts, ...notice });
    await queueMail(tx, ctx.queue, {
      organisationId: estimate.organisationId,
      locationId: estimate.locationId,
      to: customer.email,
      ...mail,
    });
  }
  await publishLive(tx, {
    type: "estimate.changed",
    organisationId: estimate.organisationId,
    locationId: estimate.locationId,
    customerId: estimate.customerId,
    id: estimate.id,
    status: estimate.status,
  });
}
