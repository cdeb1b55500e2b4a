import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { findInvoice } from "../../db/queries/invoices";
import { invoices } from "../../db/schema";
import type { StaffActor } from "../../domain/actor";
import { DomainError, notFound, staleVersion } from "../../domain/errors";
import { priceLines } from "../../domain/invoice";
import { recordAudit } from "../support/audit";
import { announce } from "./announce-invoice";
import type { InvoiceDraftInput } from "./create-invoice";
import { recordPosition } from "./record-position";

export async function updateDraft(
  db: Db,
  actor: StaffActor,
  id: string,
  input: Partial<Omit<InvoiceDraftInput, "customerId">> & { version: number },
) {
  return db.transaction(async (tx) => {
    const invoice = await findInvoice(tx, actor, id);
    if (!invoice) throw notFound("Invoice");
    if (invoice.status !== "draft") {
      throw new DomainError("conflict", "An issued invoice never changes: correct it with a credit note.");
    }
    const { version, lines, ...rest } = input;
    const priced = lines ? priceLines(lines) : null;
    const [row] = await tx
      .update(invoices)
      .set({
        ...rest,
        ...(priced ? { lines: priced.lines, totals: priced.totals } : {}),
        version: sql`${invoices.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(invoices.id, id), eq(invoices.version, version)))
      .returning();
    if (!row) throw staleVersion("invoice");
    // New lines, a new gross: what is open on the draft changes with it.
    if (priced) await recordPosition(tx, id);
    await recordAudit(tx, actor, { entityType: "invoice", entityId: id, action: "update" });
    await announce(tx, row);
    return id;
  });
}
