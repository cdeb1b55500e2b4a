// Create the invoice case from an uploaded document (issue #17), in one transaction: the customer if
// asked, the issued invoice (or credit note) under the document's own number with its lines and
// totals exactly as the document says (refused when Pitlane's rounding of the lines gives other
// amounts), the parties frozen as push-invoices.ts freezes them, its payment position, the original
// PDF as the invoice's document, the audit trail, the live nudge, and the upload marked `created`.
// From then on it is an invoice like any other: Send invoice, payment, handover.
import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { isUniqueViolation } from "../../db/errors";
import { loadLocation } from "../../db/queries/bookings";
import { findCustomer } from "../../db/queries/customers";
import { invoiceWithNumber, lockInvoiceUpload } from "../../db/queries/invoice-uploads";
import { buyerOf, creditedGrossOf, type InvoiceRow, sellerOf, vehicleFacts } from "../../db/queries/invoices";
import { customers, invoiceDocuments, invoices, invoiceUploads, units } from "../../db/schema";
import type { StaffActor } from "../../domain/actor";
import { DomainError, notFound } from "../../domain/errors";
import { newId } from "../../domain/ids";
import { addDays, checkCredit } from "../../domain/invoice";
import { ledgerStanding } from "../../domain/invoice-case";
import { projection } from "../../domain/invoice-position";
import { checkUploadedInvoice, proposedCustomer } from "../../domain/invoice-upload";
import { announce } from "../invoices/announce-invoice";
import { recordPosition } from "../invoices/record-position";
import { recordAudit } from "../support/audit";
import { checkedDocument } from "../support/invoices/invoice-documents";

export interface CreateFromUploadInput {
  /** The customer to invoice, instead of the one matched. */
  customerId?: string | null | undefined;
  /** Create the customer the document names (the proposal of the extraction). */
  createCustomer?: boolean | undefined;
  /** The invoice number, instead of the document's (BT-1). */
  number?: string | undefined;
}

const numberTaken = (number: string) =>
  new DomainError("conflict", `Invoice number ${number} is already taken at this location.`, [
    { field: "number", message: "Another invoice of this location has this number." },
  ]);

export async function createInvoiceFromUpload(
  db: Db,
  actor: StaffActor,
  uploadId: string,
  input: CreateFromUploadInput,
  now = new Date(),
) {
  try {
    return await db.transaction((tx) => createIn(tx, actor, uploadId, input, now));
  } catch (error) {
    // A concurrent invoice took the number between the check and the insert.
    if (isUniqueViolation(error)) {
      throw new DomainError("conflict", "The invoice case was created meanwhile, or its number taken.", [
        { field: "number", message: "Another invoice of this location has this number." },
      ]);
    }
    throw error;
  }
}

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

async function createIn(
  tx: Tx,
  actor: StaffActor,
  uploadId: string,
  input: CreateFromUploadInput,
  now: Date,
) {
  const upload = await lockInvoiceUpload(tx, uploadId, actor);
  if (!upload) throw notFound("Invoice upload");
  if (upload.status === "created") {
    throw new DomainError(
      "conflict",
      "An invoice case was already created from this document.",
      [{ field: "id", message: "Open the invoice instead." }],
      undefined,
      { invoiceId: upload.invoiceId },
    );
  }
  if (upload.status !== "ready" || !upload.extraction) {
    throw new DomainError(
      "conflict",
      upload.status === "reading"
        ? "The document is still being read."
        : "The document could not be read, so no invoice case can be created from it.",
    );
  }
  const { eInvoice: read, matches } = upload.extraction;
  const number = (input.number ?? read.number).trim();
  if (!number) {
    throw new DomainError("validation", "The invoice needs a number.", [
      { field: "number", message: "Enter the invoice's number." },
    ]);
  }
  const location = await loadLocation(tx, actor.locationId);
  const checked = checkUploadedInvoice(read, location, number);
  if (!checked.ok) {
    throw new DomainError(
      "validation",
      "The document cannot become an invoice case as it is.",
      checked.fields,
    );
  }
  if (await invoiceWithNumber(tx, actor, number)) throw numberTaken(number);

  // The customer: named, created as the document says, or the one matched.
  const scope = { organisationId: actor.organisationId, locationId: actor.locationId };
  let customer: typeof customers.$inferSelect | undefined;
  if (input.customerId) {
    customer = await findCustomer(tx, actor, input.customerId);
    if (!customer) {
      throw new DomainError("validation", "Choose a customer of this location.", [
        { field: "customerId", message: "This location has no customer with this id." },
      ]);
    }
  } else if (input.createCustomer) {
    const proposal = matches.createCustomer ?? proposedCustomer(read.buyer);
    const [row] = await tx
      .insert(customers)
      .values({
        id: newId("customer"),
        ...scope,
        type: "business",
        displayName: proposal.name.slice(0, 200),
        companyName: proposal.name.slice(0, 200),
        email: proposal.email,
        street: proposal.street,
        postalCode: proposal.postalCode,
        city: proposal.city,
        country: proposal.country ?? location.country,
        vatId: proposal.vatId,
        language: location.locale.toLowerCase().startsWith("de") ? "de" : "en",
      })
      .returning();
    customer = row!;
    await recordAudit(tx, actor, {
      entityType: "customer",
      entityId: customer.id,
      action: "create",
      data: { via: "invoice_upload", uploadId },
    });
  } else if (matches.customerId) {
    customer = await findCustomer(tx, actor, matches.customerId);
  }
  if (!customer) {
    throw new DomainError("validation", "No customer of this location matches the document's buyer.", [
      { field: "customerId", message: "Choose the customer, or create the one the document names." },
    ]);
  }

  // The vehicle matched by VIN or plate, if it is this customer's.
  let unit: typeof units.$inferSelect | undefined;
  if (matches.unitId) {
    [unit] = await tx
      .select()
      .from(units)
      .where(and(eq(units.id, matches.unitId), eq(units.locationId, actor.locationId)));
    if (unit?.customerId !== customer.id) unit = undefined;
  }

  // A credit note credits the invoice it names (BT-25) when that is this customer's invoice here.
  let creditedInvoiceId: string | null = null;
  if (checked.kind === "credit_note") {
    const preceding = read.precedingInvoices[0]?.number;
    const credited = preceding ? await invoiceWithNumber(tx, actor, preceding) : undefined;
    if (credited && credited.customerId === customer.id) {
      const [target] = await tx.select().from(invoices).where(eq(invoices.id, credited.id)).for("update");
      if (target?.kind === "invoice" && target.status === "issued") {
        checkCredit(target.totals.gross, await creditedGrossOf(tx, target.id), checked.totals.gross);
        creditedInvoiceId = target.id;
      }
    }
  }

  const id = newId("invoice");
  const issueDate = read.issueDate;
  const [row] = await tx
    .insert(invoices)
    .values({
      id,
      ...scope,
      kind: checked.kind,
      status: "issued",
      source: "upload",
      number,
      customerId: customer.id,
      unitId: unit?.id ?? null,
      creditedInvoiceId,
      currency: read.currency,
      lines: checked.lines,
      totals: checked.totals,
      serviceDate: read.deliveryDate ?? read.periodEnd ?? issueDate,
      issueDate,
      dueDate:
        checked.kind === "invoice" ? (read.dueDate ?? addDays(issueDate, customer.paymentTermsDays)) : null,
      poNumber: read.orderReference,
      parties: {
        seller: sellerOf(location),
        buyer: { ...buyerOf(customer), buyerReference: read.buyerReference ?? customer.buyerReference },
        vehicle: unit ? vehicleFacts(unit, null) : null,
      },
      issuedAt: now,
      issuedById: actor.id,
      ...projection(
        ledgerStanding(
          { issued: true, gross: checked.totals.gross, currency: read.currency, credited: 0 },
          [],
        ),
        0,
      ),
    })
    .returning();
  const invoice = row as InvoiceRow;
  // The PDF the customer holds is the invoice's document; an XML upload gets Pitlane's rendering.
  if (upload.sourceKind === "pdf_e_invoice") {
    const document = checkedDocument({ content: upload.content, fileName: upload.fileName }, "file");
    await tx.insert(invoiceDocuments).values({ invoiceId: id, ...scope, ...document });
  }
  if (creditedInvoiceId) await recordPosition(tx, creditedInvoiceId);
  await recordAudit(tx, actor, {
    entityType: "invoice",
    entityId: id,
    action: "issue",
    toStatus: "issued",
    data: { number, via: "upload", uploadId, sellerMismatch: matches.sellerMismatch },
  });
  const marked = await tx
    .update(invoiceUploads)
    .set({ status: "created", invoiceId: id, customerId: customer.id, updatedAt: now })
    .where(and(eq(invoiceUploads.id, uploadId), eq(invoiceUploads.status, "ready")))
    .returning({ id: invoiceUploads.id });
  if (marked.length === 0) throw new DomainError("conflict", "The upload changed meanwhile.");
  await recordAudit(tx, actor, {
    entityType: "invoice_upload",
    entityId: uploadId,
    action: "create_invoice",
    fromStatus: "ready",
    toStatus: "created",
    data: { invoiceId: id, number },
  });
  await announce(tx, invoice);
  return invoice;
}
