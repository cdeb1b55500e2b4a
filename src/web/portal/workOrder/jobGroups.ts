import type { PortalBillingLine, PortalWorkOrder, PortalWorkOrderJob } from "../portalWorkOrderApi";

/** "1,5 Std. × 100,00 € · MwSt. 19 %": lines break between the details, not inside one. */
export function joinDetails(details: (string | null)[]): string {
  return details
    .filter((detail): detail is string => Boolean(detail))
    .map((detail) => detail.replace(/ /g, "\u00a0"))
    .join(" · ");
}

export interface JobGroup {
  key: string;
  job: PortalWorkOrderJob | undefined;
  labour: PortalBillingLine | undefined;
  parts: PortalBillingLine[];
}

/**
 * The billing lines come job by job: the job's labour, then its parts. Paired with the jobs (for
 * status, pricing and clocked hours) when they line up, which they do unless the data is odd.
 */
export function groupJobs(order: PortalWorkOrder): JobGroup[] {
  const groups: JobGroup[] = [];
  for (const line of order.billing.lines) {
    const last = groups.at(-1);
    if (line.kind === "labour" || !last) {
      groups.push({
        key: String(groups.length),
        job: undefined,
        labour: line.kind === "labour" ? line : undefined,
        parts: line.kind === "part" ? [line] : [],
      });
    } else {
      last.parts.push(line);
    }
  }
  const paired =
    groups.length === order.jobs.length &&
    groups.every((group, index) => group.labour?.description === order.jobs[index]?.description);
  if (paired) {
    return groups.map((group, index) => {
      const job = order.jobs[index];
      return { ...group, key: job?.id ?? group.key, job };
    });
  }
  if (groups.length > 0) return groups;
  // No billing lines at all: show the jobs as they are.
  return order.jobs.map((job) => ({ key: job.id, job, labour: undefined, parts: [] }));
}
