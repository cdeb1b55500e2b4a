import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { creditedGrossOf, lockInvoice } from "../../db/queries/invoices";
import { invoices } from "../../db/schema";
import type { StaffActor } from "../../domain/actor";
import { DomainError, notFound } from "../../domain/errors";
import { newId } from "../../domain/ids";
import { checkCredit, type InvoiceLine, type InvoiceLineInput, priceLines } from "../../domain/invoice";
import { draftPosition } from "../../domain/invoice-position";
import { recordAudit } from "../support/audit";
import { recordClosedIfSo, recordIntegrationEvent } from "../support/integrations/record-integration-event";
import { issueIn } from "./issue-invoice";
import { recordPosition } from "./record-position";

/** A credit note against an issued invoice: all of it, or the given lines. Issued at once. */
export async function creditInvoice(
  db: Db,
  actor: StaffActor,
  invoiceId: string,
  input: { lines?: InvoiceLineInput[] | undefined; note?: string | null | undefined },
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    // Locked: two credit notes at once queue here, so neither credits what the other already has,
    // and the invoice's position is recorded with both.
    const invoice = await lockInvoice(tx, invoiceId, actor);
    if (!invoice) throw notFound("Invoice");
    if (invoice.kind !== "invoice" || invoice.status !== "issued") {
      throw new DomainError("conflict", "Only an issued invoice can be credited.");
    }
    const credited = await creditedGrossOf(tx, invoiceId);
    const priced = input.lines
      ? priceLines(input.lines)
      : { lines: invoice.lines as InvoiceLine[], totals: invoice.totals };
    checkCredit(invoice.totals.gross, credited, priced.totals.gross);
    const id = newId("invoice");
    await tx.insert(invoices).values({
      id,
      organisationId: actor.organisationId,
      locationId: actor.locationId,
      kind: "credit_note",
      source: "manual",
      customerId: invoice.customerId,
      unitId: invoice.unitId,
      creditedInvoiceId: invoiceId,
      currency: invoice.currency,
      lines: priced.lines,
      totals: priced.totals,
      serviceDate: invoice.serviceDate,
      note: input.note ?? null,
      poNumber: invoice.poNumber,
      ...draftPosition(priced.totals.gross, invoice.currency),
    });
    await recordAudit(tx, actor, {
      entityType: "invoice",
      entityId: invoiceId,
      action: "credit",
      note: input.note ?? null,
      data: { creditNoteId: id, gross: priced.totals.gross },
    });
    // Issued in the same transaction: a credit note never lingers as a draft.
    await issueIn(tx, actor, id, now);
    // Less is owed on the credited invoice from now on.
    await recordPosition(tx, invoiceId);
    const [creditNote] = await tx
      .select({ number: invoices.number })
      .from(invoices)
      .where(eq(invoices.id, id));
    await recordIntegrationEvent(tx, "invoice.credited", invoiceId, {
      creditNote: { id, number: creditNote?.number ?? null, amount: priced.totals.gross },
    });
    await recordClosedIfSo(tx, invoiceId);
    return id;
  });
}
