// An estimate with one labour line, submitted to its customer: what a test of what follows (the
// customer's mail, link or decision) starts from.
import type { Client } from "./client";

export interface SubmittedEstimate {
  id: string;
  number: string;
  lineId: string;
}

export async function submitEstimate(api: Client, unitId: string): Promise<SubmittedEstimate> {
  let e = (await api("POST", "/api/v1/estimates", { unitId })).json();
  e = (
    await api("POST", `/api/v1/estimates/${e.id}/lines`, {
      kind: "labour",
      description: "Oil service",
      quantityMilli: 1000,
      unitPrice: 12900,
      taxRateBp: 1900,
      version: e.version,
    })
  ).json();
  const lineId = e.draft.labour[0].id as string;
  const submitted = await api("POST", `/api/v1/estimates/${e.id}/submit`, {});
  if (submitted.statusCode !== 200) throw new Error(`submit failed: ${submitted.body}`);
  return { id: e.id, number: submitted.json().number, lineId };
}
