import { eq, max } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { jobParts, jobs, workItems } from "../../db/schema";
import { newId } from "../../domain/ids";

export interface NewJob {
  description: string;
  pricing: "hourly" | "flat";
  estimatedHoursMilli: number;
  unitPrice: number;
  taxRateBp: number;
  /** The Work Required item it fulfils, when it came from an estimate. */
  workItemId?: string | null;
  parts: {
    description: string;
    partNumber: string | null;
    quantityMilli: number;
    unitPrice: number;
    taxRateBp: number;
  }[];
}

/** Adds a job with its parts at the end of a work order; approved estimate lines and extensions both come here. */
export async function insertJob(
  tx: DbOrTx,
  order: { id: string; organisationId: string; locationId: string },
  job: NewJob,
): Promise<string> {
  const [last] = await tx
    .select({ n: max(jobs.position) })
    .from(jobs)
    .where(eq(jobs.workOrderId, order.id));
  const id = newId("job");
  const tenancy = { organisationId: order.organisationId, locationId: order.locationId };
  await tx.insert(jobs).values({
    id,
    ...tenancy,
    workOrderId: order.id,
    workItemId: job.workItemId ?? null,
    position: Number(last?.n ?? 0) + 1,
    description: job.description,
    pricing: job.pricing,
    estimatedHoursMilli: job.estimatedHoursMilli,
    unitPrice: job.unitPrice,
    taxRateBp: job.taxRateBp,
  });
  // The work item now has its job: the Service Board's Work Required reads this projection.
  if (job.workItemId) await tx.update(workItems).set({ jobId: id }).where(eq(workItems.id, job.workItemId));
  if (job.parts.length > 0) {
    await tx
      .insert(jobParts)
      .values(job.parts.map((p) => ({ id: newId("jobPart"), ...tenancy, jobId: id, ...p })));
  }
  return id;
}
