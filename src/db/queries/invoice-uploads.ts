// Reads of uploaded invoice documents (issue #17): the list newest first (a range of
// invoice_uploads_list_idx), one upload, and what the reading job matches a document against — the
// location's customers by VAT id, email, or postal code and name, its units by VIN or plate, and
// invoices and other uploads with the document's number — each through an index of its own.
import { and, asc, desc, eq, ne, type SQL, sql } from "drizzle-orm";
import type { Scope } from "../../domain/actor";
import type { DbOrTx } from "../client";
import { customers, invoices, invoiceUploads, units } from "../schema";
import { cappedCount } from "./paging";

/** What the list and the detail show: everything but the file's bytes. */
const uploadColumns = {
  id: invoiceUploads.id,
  organisationId: invoiceUploads.organisationId,
  locationId: invoiceUploads.locationId,
  status: invoiceUploads.status,
  sourceKind: invoiceUploads.sourceKind,
  fileName: invoiceUploads.fileName,
  mediaType: invoiceUploads.mediaType,
  sha256: invoiceUploads.sha256,
  size: invoiceUploads.size,
  extraction: invoiceUploads.extraction,
  documentNumber: invoiceUploads.documentNumber,
  customerId: invoiceUploads.customerId,
  reason: invoiceUploads.reason,
  message: invoiceUploads.message,
  createdById: invoiceUploads.createdById,
  invoiceId: invoiceUploads.invoiceId,
  readAt: invoiceUploads.readAt,
  createdAt: invoiceUploads.createdAt,
};

export type InvoiceUploadView = Awaited<ReturnType<typeof findInvoiceUpload>> & {};

const inScope = (scope: Scope) =>
  and(
    eq(invoiceUploads.organisationId, scope.organisationId),
    eq(invoiceUploads.locationId, scope.locationId),
  );

/** The uploads, newest first; the list shows no extraction, only what a row needs. */
export async function listInvoiceUploads(db: DbOrTx, scope: Scope, page: { limit: number; offset: number }) {
  const where = inScope(scope);
  const ids = db
    .select({ id: invoiceUploads.id, createdAt: invoiceUploads.createdAt })
    .from(invoiceUploads)
    .where(where)
    .orderBy(desc(invoiceUploads.createdAt), desc(invoiceUploads.id))
    .limit(page.limit)
    .offset(page.offset)
    .as("page");
  const [items, counted] = await Promise.all([
    db
      .select({
        id: invoiceUploads.id,
        status: invoiceUploads.status,
        sourceKind: invoiceUploads.sourceKind,
        fileName: invoiceUploads.fileName,
        mediaType: invoiceUploads.mediaType,
        size: invoiceUploads.size,
        documentNumber: invoiceUploads.documentNumber,
        customerId: invoiceUploads.customerId,
        reason: invoiceUploads.reason,
        message: invoiceUploads.message,
        invoiceId: invoiceUploads.invoiceId,
        createdAt: invoiceUploads.createdAt,
        gross: sql<
          number | null
        >`(${invoiceUploads.extraction} -> 'eInvoice' -> 'totals' ->> 'taxInclusive')::bigint`,
        currency: sql<string | null>`${invoiceUploads.extraction} -> 'eInvoice' ->> 'currency'`,
        buyerName: sql<string | null>`${invoiceUploads.extraction} -> 'eInvoice' -> 'buyer' ->> 'name'`,
      })
      .from(ids)
      .innerJoin(invoiceUploads, eq(invoiceUploads.id, ids.id))
      .orderBy(desc(ids.createdAt), desc(ids.id)),
    cappedCount(db, db.select({ id: invoiceUploads.id }).from(invoiceUploads).where(where)),
  ]);
  return {
    items: items.map((i) => ({ ...i, gross: i.gross === null ? null : Number(i.gross) })),
    ...counted,
  };
}

export async function findInvoiceUpload(db: DbOrTx, scope: Scope, id: string) {
  const [row] = await db
    .select(uploadColumns)
    .from(invoiceUploads)
    .where(and(eq(invoiceUploads.id, id), inScope(scope)));
  return row;
}

/** The uploaded file itself, for the review page's view of the document. */
export async function findInvoiceUploadDocument(db: DbOrTx, scope: Scope, id: string) {
  const [row] = await db
    .select({
      fileName: invoiceUploads.fileName,
      mediaType: invoiceUploads.mediaType,
      sourceKind: invoiceUploads.sourceKind,
      content: invoiceUploads.content,
    })
    .from(invoiceUploads)
    .where(and(eq(invoiceUploads.id, id), inScope(scope)));
  return row;
}

/** The upload with its bytes, locked until the transaction ends (the job and Create take it so). */
export async function lockInvoiceUpload(db: DbOrTx, id: string, scope?: Scope) {
  const [row] = await db
    .select()
    .from(invoiceUploads)
    .where(scope ? and(eq(invoiceUploads.id, id), inScope(scope)) : eq(invoiceUploads.id, id))
    .for("update");
  return row;
}

export interface BuyerFacts {
  vatId: string | null;
  email: string | null;
  name: string;
  postalCode: string | null;
}

/**
 * The location's customer the document's buyer is: by VAT id, then email, then postal code and
 * name (case-insensitive); the oldest when several match.
 */
export async function matchCustomer(
  db: DbOrTx,
  scope: Scope,
  buyer: BuyerFacts,
): Promise<{ id: string; by: "vat_id" | "email" | "name_postal_code" } | null> {
  const first = async (condition: SQL) => {
    const [row] = await db
      .select({ id: customers.id })
      .from(customers)
      .where(
        and(
          eq(customers.organisationId, scope.organisationId),
          eq(customers.locationId, scope.locationId),
          condition,
        ),
      )
      .orderBy(asc(customers.createdAt), asc(customers.id))
      .limit(1);
    return row?.id ?? null;
  };
  const vatId = buyer.vatId?.replace(/\s/g, "").toUpperCase();
  if (vatId) {
    const id = await first(
      sql`${customers.vatId} is not null and upper(replace(${customers.vatId}, ' ', '')) = ${vatId}`,
    );
    if (id) return { id, by: "vat_id" };
  }
  const email = buyer.email?.trim().toLowerCase();
  if (email) {
    const id = await first(sql`${customers.email} is not null and lower(${customers.email}) = ${email}`);
    if (id) return { id, by: "email" };
  }
  const postalCode = buyer.postalCode?.trim();
  if (postalCode && buyer.name.trim()) {
    const id = await first(
      sql`${customers.postalCode} is not null and ${customers.postalCode} = ${postalCode} and lower(${customers.displayName}) = ${buyer.name.trim().toLowerCase()}`,
    );
    if (id) return { id, by: "name_postal_code" };
  }
  return null;
}

/** The location's unit with the VIN (unique in the organisation), else one with the plate. */
export async function matchUnit(
  db: DbOrTx,
  scope: Scope,
  hints: { vin: string | null; plate: string | null },
  customerId: string | null,
): Promise<string | null> {
  const scoped = and(eq(units.organisationId, scope.organisationId), eq(units.locationId, scope.locationId));
  if (hints.vin) {
    const [row] = await db
      .select({ id: units.id })
      .from(units)
      .where(and(scoped, eq(units.vin, hints.vin)))
      .limit(1);
    if (row) return row.id;
  }
  if (hints.plate) {
    // The customer's units first (an index range), else the location's by plate (units_list_idx).
    const plate = hints.plate.replace(/[^\p{L}\p{N}]/gu, "").toUpperCase();
    const [row] = await db
      .select({ id: units.id })
      .from(units)
      .where(
        and(
          scoped,
          customerId ? eq(units.customerId, customerId) : undefined,
          sql`${units.plate} is not null and upper(regexp_replace(${units.plate}, '[^[:alnum:]]', '', 'g')) = ${plate}`,
        ),
      )
      .limit(1);
    if (row) return row.id;
  }
  return null;
}

/** The location's invoice with this number (numbers are unique per location). */
export async function invoiceWithNumber(db: DbOrTx, scope: Scope, number: string) {
  const [row] = await db
    .select({ id: invoices.id, customerId: invoices.customerId })
    .from(invoices)
    .where(
      and(
        eq(invoices.organisationId, scope.organisationId),
        eq(invoices.locationId, scope.locationId),
        eq(invoices.number, number),
      ),
    );
  return row;
}

/** Other uploads of the location with the document's number for the same customer (or both without one). */
export async function uploadsOfDocument(
  db: DbOrTx,
  scope: Scope,
  doc: { uploadId: string; number: string; customerId: string | null },
) {
  const rows = await db
    .select({ id: invoiceUploads.id })
    .from(invoiceUploads)
    .where(
      and(
        inScope(scope),
        eq(invoiceUploads.documentNumber, doc.number),
        ne(invoiceUploads.id, doc.uploadId),
        sql`${invoiceUploads.customerId} is not distinct from ${doc.customerId}`,
      ),
    )
    .orderBy(asc(invoiceUploads.createdAt), asc(invoiceUploads.id))
    .limit(20);
  return rows.map((r) => r.id);
}
