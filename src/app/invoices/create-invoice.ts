import type { Db } from "../../db/client";
import { loadLocation } from "../../db/queries/bookings";
import { findCustomer } from "../../db/queries/customers";
import { findUnit } from "../../db/queries/units";
import { invoices } from "../../db/schema";
import type { StaffActor } from "../../domain/actor";
import { DomainError } from "../../domain/errors";
import { newId } from "../../domain/ids";
import { type InvoiceLineInput, priceLines } from "../../domain/invoice";
import { draftPosition } from "../../domain/invoice-position";
import { recordAudit } from "../support/audit";
import { announce } from "./announce-invoice";

export interface InvoiceDraftInput {
  customerId: string;
  unitId?: string | null | undefined;
  lines: InvoiceLineInput[];
  serviceDate?: string | null | undefined;
  dueDate?: string | null | undefined;
  note?: string | null | undefined;
  poNumber?: string | null | undefined;
}

export async function createInvoice(
  db: Db,
  actor: StaffActor,
  input: InvoiceDraftInput,
  source: "manual" | "api",
) {
  return db.transaction(async (tx) => {
    const customer = await findCustomer(tx, actor, input.customerId);
    if (!customer) {
      throw new DomainError("validation", "Choose a customer of this location.", [
        { field: "customerId", message: "Choose a customer." },
      ]);
    }
    if (input.unitId) {
      const unit = await findUnit(tx, actor, input.unitId);
      if (!unit || unit.customerId !== customer.id) {
        throw new DomainError("validation", "Choose one of the customer's units.", [
          { field: "unitId", message: "Choose one of the customer's units." },
        ]);
      }
    }
    const location = await loadLocation(tx, actor.locationId);
    const priced = priceLines(input.lines);
    const id = newId("invoice");
    const [row] = await tx
      .insert(invoices)
      .values({
        id,
        organisationId: actor.organisationId,
        locationId: actor.locationId,
        source,
        customerId: customer.id,
        unitId: input.unitId ?? null,
        currency: location.currency,
        lines: priced.lines,
        totals: priced.totals,
        serviceDate: input.serviceDate ?? null,
        dueDate: input.dueDate ?? null,
        note: input.note ?? null,
        poNumber: input.poNumber ?? null,
        ...draftPosition(priced.totals.gross, location.currency),
      })
      .returning();
    await recordAudit(tx, actor, {
      entityType: "invoice",
      entityId: id,
      action: "create",
      toStatus: "draft",
    });
    await announce(tx, row!);
    return id;
  });
}
