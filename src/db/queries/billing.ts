// A work order's billing read from its jobs (app/work-orders/ and the lists): the lines priced by
// the rules in domain/billing.ts and domain/work-order.ts, from the rows these queries load.

import { eq } from "drizzle-orm";
import { type Billing, billingOf, billingSchema } from "../../domain/billing";
import { type BillingMode, billingLines, clockedHoursMilli } from "../../domain/work-order";
import type { DbOrTx } from "../client";
import { workOrders } from "../schema";
import {
  billingPolicies,
  billingPolicyOf,
  type JobDetail,
  type ListedWorkOrder,
  loadJobs,
} from "./work-orders";

/** Billing from loaded jobs: labour hours as the location bills them (or flat) and the parts used. */
export function billingOfJobs(details: readonly JobDetail[], mode: BillingMode): Billing {
  return billingOf(
    billingLines(
      details.map((d) => ({
        description: d.job.description,
        pricing: d.job.pricing,
        estimatedHoursMilli: d.job.estimatedHoursMilli,
        clockedHoursMilli: d.clockedHoursMilli,
        unitPrice: d.job.unitPrice,
        taxRateBp: d.job.taxRateBp,
        parts: d.parts.map((p) => ({
          description: p.description,
          partNumber: p.partNumber,
          quantityMilli: p.quantityMilli,
          unitPrice: p.unitPrice,
          taxRateBp: p.taxRateBp,
        })),
      })),
      mode,
    ),
  );
}

/** The billable lines of a work order as they stand now (the clock still running counts up to now). */
export async function currentBilling(tx: DbOrTx, workOrderId: string, now = new Date()): Promise<Billing> {
  const [order] = await tx
    .select({ locationId: workOrders.locationId })
    .from(workOrders)
    .where(eq(workOrders.id, workOrderId));
  const { mode } = await billingPolicyOf(tx, order!.locationId);
  return billingOfJobs((await loadJobs(tx, [workOrderId], now)).get(workOrderId) ?? [], mode);
}

/**
 * The billing of many work orders in one go (lists, exports): frozen at invoicing, else from their
 * jobs, loaded with one set of queries rather than one per order.
 */
export async function billingsOf(
  tx: DbOrTx,
  orders: readonly { id: string; billing: unknown; locationId: string }[],
  now = new Date(),
): Promise<Map<string, Billing>> {
  const open = orders.filter((o) => !o.billing);
  const jobs = await loadJobs(
    tx,
    open.map((o) => o.id),
    now,
  );
  const policies = await billingPolicies(
    tx,
    open.map((o) => o.locationId),
  );
  return new Map(
    orders.map((o) => [
      o.id,
      o.billing
        ? billingSchema.parse(o.billing)
        : billingOfJobs(jobs.get(o.id) ?? [], policies.get(o.locationId)?.mode ?? "clocked"),
    ]),
  );
}

/**
 * A listed order's gross: frozen at invoicing, else priced now from the jobs its row carries, by the
 * same rules as the order's own page (billingOfJobs).
 */
export function grossOfListed(order: Pick<ListedWorkOrder, "frozenGross" | "openPricing">, now = new Date()) {
  if (order.frozenGross !== null || !order.openPricing) return order.frozenGross ?? 0;
  const { mode, jobs } = order.openPricing;
  const lines = billingLines(
    jobs.map((j) => ({
      ...j,
      clockedHoursMilli: clockedHoursMilli(
        j.spans.map(([started, ended]) => ({
          startedAt: new Date(started),
          endedAt: ended === null ? null : new Date(ended),
        })),
        now,
      ),
    })),
    mode,
  );
  return billingOf(lines).totals.gross;
}
