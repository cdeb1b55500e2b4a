// A DMS pushes invoices it already issued: each keeps the DMS's number and its own PDF and is issued
// (frozen) on arrival, its customer and unit referenced by Pitlane id or upserted by the DMS's own
// `externalId`. One push and a batch of up to 1,000 are the same command: every item is checked in
// memory first, and the good ones are written with set-based statements (one multi-row INSERT … ON
// CONFLICT … RETURNING per table), so a batch of 500 costs a dozen round trips, not a dozen per
// invoice. Each item is accepted or refused on its own; one bad invoice never rejects the others.
import { and, eq, inArray, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { loadLocation } from "../../db/queries/bookings";
import { buyerOf, sellerOf, vehicleFacts } from "../../db/queries/invoices";
import { auditEvents, customers, invoiceDocuments, invoices, units } from "../../db/schema";
import type { ShopActor } from "../../domain/actor";
import { hasScope } from "../../domain/api-scopes";
import type { CustomerType, Language } from "../../domain/customer";
import { checkPushedInvoice, type PushedTotals } from "../../domain/dms-invoice";
import { DomainError, type FieldError } from "../../domain/errors";
import { newId } from "../../domain/ids";
import { addDays, type InvoiceLine, type InvoiceLineInput } from "../../domain/invoice";
import { ledgerStanding } from "../../domain/invoice-case";
import { projection } from "../../domain/invoice-position";
import type { Totals } from "../../domain/money";
import { validateVin } from "../../domain/vin";
import type { NotifyContext } from "../bookings/notify-booking";
import { sendIn } from "../payments/send-invoice";
import { liveChannel } from "../support/live";

export const sendModes = ["immediately", "on_send"] as const;
export type SendMode = (typeof sendModes)[number];

export interface PushedCustomer {
  externalId: string;
  name: string;
  type: CustomerType;
  firstName?: string | null | undefined;
  lastName?: string | null | undefined;
  email?: string | null | undefined;
  phone?: string | null | undefined;
  language: Language;
  vatId?: string | null | undefined;
  street?: string | null | undefined;
  postalCode?: string | null | undefined;
  city?: string | null | undefined;
  country?: string | null | undefined;
}

export interface PushedUnit {
  externalId: string;
  make: string;
  model: string;
  plate?: string | null | undefined;
  vin?: string | null | undefined;
}

export interface PushedInvoiceInput {
  externalId: string;
  number: string;
  issueDate: string;
  serviceDate?: string | null | undefined;
  dueDate?: string | null | undefined;
  currency: string;
  customer: { id: string } | PushedCustomer;
  unit?: { id: string } | PushedUnit | null | undefined;
  lines: (InvoiceLineInput & { kind?: string | null | undefined })[];
  totals: PushedTotals;
  poNumber?: string | null | undefined;
  note?: string | null | undefined;
  /** The DMS's PDF, already checked (app/support/invoices/invoice-documents.ts `checkedDocument`). */
  document?: { content: Buffer; mediaType: string; fileName: string; sha256: string; size: number } | null;
  send?: SendMode | null | undefined;
}

/** What the DMS gets back for an invoice it pushed. */
export interface PushedInvoice {
  id: string;
  externalId: string;
  number: string;
  status: "issued";
  source: "api";
  customerId: string;
  unitId: string | null;
  currency: string;
  gross: number;
  openAmount: number;
  paymentStatus: string;
  dueDate: string | null;
  /** Whether the DMS's own PDF is the invoice's document. */
  document: boolean;
  send: SendMode;
  /** The payment request was mailed (send: immediately), to this address. */
  sentTo: string | null;
  paymentLink: { state: "active"; sentAt: string } | null;
}

export type PushResult =
  | { index: number; externalId: string; status: "created"; invoice: PushedInvoice }
  | { index: number; externalId: string; status: "duplicate"; invoiceId: string; problem: DomainError }
  | { index: number; externalId: string; status: "refused"; problem: DomainError };

const refusal = (fields: FieldError[], message = "The invoice cannot be taken as it is.") =>
  new DomainError("validation", message, fields);

export const duplicateInvoice = (externalId: string, invoiceId: string) =>
  new DomainError(
    "conflict",
    `An invoice with externalId ${externalId} was already pushed.`,
    [{ field: "externalId", message: "This invoice is already in Pitlane." }],
    undefined,
    { invoiceId },
  );

interface Pending {
  index: number;
  input: PushedInvoiceInput;
  lines: InvoiceLine[];
  totals: Totals;
  send: SendMode;
  vin: string | null;
  customerId?: string;
  unitId?: string | null;
}

type CustomerRow = typeof customers.$inferSelect;
type UnitRow = typeof units.$inferSelect;

export async function pushInvoicesIn(
  tx: DbOrTx,
  ctx: NotifyContext,
  actor: ShopActor,
  items: readonly PushedInvoiceInput[],
  now = new Date(),
): Promise<PushResult[]> {
  const scope = { organisationId: actor.organisationId, locationId: actor.locationId };
  const location = await loadLocation(tx, actor.locationId);
  const results: PushResult[] = new Array(items.length);
  const refuse = (p: Pending | { index: number; input: PushedInvoiceInput }, problem: DomainError) => {
    results[p.index] = { index: p.index, externalId: p.input.externalId, status: "refused", problem };
  };

  // 1. What each item says on its own: currency, tax rates, totals, dates, VIN.
  let pending: Pending[] = [];
  items.forEach((input, index) => {
    const checked = checkPushedInvoice(input, location);
    const fields: FieldError[] = checked.ok ? [] : [...checked.fields];
    if (input.dueDate && input.dueDate < input.issueDate) {
      fields.push({ field: "dueDate", message: "The due date cannot be before the invoice date." });
    }
    let vin: string | null = null;
    if (input.unit && !("id" in input.unit) && input.unit.vin) {
      const result = validateVin(input.unit.vin, null);
      if (result.ok) vin = result.vin;
      else fields.push({ field: "unit.vin", message: result.message });
    }
    if (fields.length > 0 || !checked.ok) {
      refuse({ index, input }, refusal(fields));
      return;
    }
    // Creating or changing the shop's customer and vehicle records is a right of its own: a key
    // without customers:write pushes invoices only for customers and units Pitlane already has.
    const upserts = !("id" in input.customer) || (input.unit != null && !("id" in input.unit));
    if (upserts && actor.kind === "api_key" && !hasScope(actor.scopes, "customers:write")) {
      refuse(
        { index, input },
        new DomainError(
          "forbidden",
          "This API key lacks the scope customers:write: with it a push creates or updates customers and vehicles by your ids; without it, name them by their Pitlane id.",
          [
            {
              field: "id" in input.customer ? "unit" : "customer",
              message: "Needs the scope customers:write.",
            },
          ],
        ),
      );
      return;
    }
    pending.push({
      index,
      input,
      lines: checked.lines,
      totals: checked.totals,
      send: input.send ?? location.dmsSendMode,
      vin,
    });
  });

  // 2. Against each other: one externalId, one number, one VIN per unit in a batch.
  const seen = { externalId: new Set<string>(), number: new Set<string>() };
  pending = pending.filter((p) => {
    if (seen.externalId.has(p.input.externalId)) {
      refuse(p, refusal([{ field: "externalId", message: "This externalId is twice in the batch." }]));
      return false;
    }
    if (seen.number.has(p.input.number)) {
      refuse(p, refusal([{ field: "number", message: "This invoice number is twice in the batch." }]));
      return false;
    }
    seen.externalId.add(p.input.externalId);
    seen.number.add(p.input.number);
    return true;
  });
  if (pending.length === 0) return results;

  // 3. Against what the location has: invoices already pushed (a duplicate) or numbers taken.
  const existing = await tx
    .select({ id: invoices.id, externalId: invoices.externalId, number: invoices.number })
    .from(invoices)
    .where(
      and(
        eq(invoices.locationId, scope.locationId),
        or(
          inArray(
            invoices.externalId,
            pending.map((p) => p.input.externalId),
          ),
          inArray(
            invoices.number,
            pending.map((p) => p.input.number),
          ),
        ),
      ),
    );
  const byExternalId = new Map(existing.filter((e) => e.externalId).map((e) => [e.externalId!, e.id]));
  const takenNumbers = new Set(existing.map((e) => e.number));
  pending = pending.filter((p) => {
    const duplicateOf = byExternalId.get(p.input.externalId);
    if (duplicateOf) {
      results[p.index] = {
        index: p.index,
        externalId: p.input.externalId,
        status: "duplicate",
        invoiceId: duplicateOf,
        problem: duplicateInvoice(p.input.externalId, duplicateOf),
      };
      return false;
    }
    if (takenNumbers.has(p.input.number)) {
      refuse(
        p,
        new DomainError("conflict", `Invoice number ${p.input.number} is already taken at this location.`, [
          { field: "number", message: "Another invoice of this location has this number." },
        ]),
      );
      return false;
    }
    return true;
  });

  // 4. Customers referenced by Pitlane id: this location's, or the item is refused (never used silently).
  const customerIds = [
    ...new Set(pending.flatMap((p) => ("id" in p.input.customer ? [p.input.customer.id] : []))),
  ];
  const knownCustomers = new Map<string, CustomerRow>();
  if (customerIds.length > 0) {
    const rows = await tx
      .select()
      .from(customers)
      .where(
        and(
          eq(customers.organisationId, scope.organisationId),
          eq(customers.locationId, scope.locationId),
          inArray(customers.id, customerIds),
        ),
      );
    for (const row of rows) knownCustomers.set(row.id, row);
  }
  pending = pending.filter((p) => {
    if (!("id" in p.input.customer)) return true;
    if (knownCustomers.has(p.input.customer.id)) return true;
    refuse(p, refusal([{ field: "customer.id", message: "This location has no customer with this id." }]));
    return false;
  });

  // 5. Units referenced by Pitlane id: this location's and the customer's.
  const unitIds = [
    ...new Set(pending.flatMap((p) => (p.input.unit && "id" in p.input.unit ? [p.input.unit.id] : []))),
  ];
  const knownUnits = new Map<string, UnitRow>();
  if (unitIds.length > 0) {
    const rows = await tx
      .select()
      .from(units)
      .where(
        and(
          eq(units.organisationId, scope.organisationId),
          eq(units.locationId, scope.locationId),
          inArray(units.id, unitIds),
        ),
      );
    for (const row of rows) knownUnits.set(row.id, row);
  }
  // VINs of upserted units: another unit of the organisation with the VIN (not the same DMS unit) is refused.
  const vins = [...new Set(pending.flatMap((p) => (p.vin ? [p.vin] : [])))];
  const vinOwners = new Map<string, { locationId: string; externalId: string | null }>();
  if (vins.length > 0) {
    const rows = await tx
      .select({ vin: units.vin, locationId: units.locationId, externalId: units.externalId })
      .from(units)
      .where(and(eq(units.organisationId, scope.organisationId), inArray(units.vin, vins)));
    for (const row of rows) vinOwners.set(row.vin!, row);
  }
  const vinClaims = new Map<string, string>();
  pending = pending.filter((p) => {
    const unit = p.input.unit;
    if (!unit) return true;
    if ("id" in unit) {
      const row = knownUnits.get(unit.id);
      const customerId = "id" in p.input.customer ? p.input.customer.id : null;
      // A unit of a customer upserted by externalId is checked once that customer's id is known.
      if (row && (customerId === null || row.customerId === customerId)) return true;
      refuse(
        p,
        refusal([{ field: "unit.id", message: "Choose one of the customer's units of this location." }]),
      );
      return false;
    }
    if (!p.vin) return true;
    const owner = vinOwners.get(p.vin);
    const claimedBy = vinClaims.get(p.vin);
    if (
      (owner && !(owner.locationId === scope.locationId && owner.externalId === unit.externalId)) ||
      (claimedBy !== undefined && claimedBy !== unit.externalId)
    ) {
      refuse(
        p,
        new DomainError("duplicate-vin", "A unit with this VIN already exists.", [
          { field: "unit.vin", message: "Another unit has this VIN: reference it by its id." },
        ]),
      );
      return false;
    }
    vinClaims.set(p.vin, unit.externalId);
    return true;
  });
  if (pending.length === 0) return results;

  // 6. What can still refuse an item is decided before anything is written, so a refused item leaves
  // no trace (no customer or unit created or changed for it). A customer named by externalId is read
  // as it is now, and the item is checked against the data the upsert will write: the last item naming
  // the customer wins (a batch is in the DMS's order). Refusing an item can change which one is last,
  // so the checks run again until nothing more is refused.
  const namedCustomers = [
    ...new Set(pending.flatMap((p) => ("id" in p.input.customer ? [] : [p.input.customer.externalId]))),
  ];
  const customerIdByExternalId = new Map<string, string>();
  if (namedCustomers.length > 0) {
    const rows = await tx
      .select({ id: customers.id, externalId: customers.externalId })
      .from(customers)
      .where(
        and(
          eq(customers.organisationId, scope.organisationId),
          eq(customers.locationId, scope.locationId),
          inArray(customers.externalId, namedCustomers),
        ),
      );
    for (const row of rows) customerIdByExternalId.set(row.externalId!, row.id);
  }
  const lastNamed = () => {
    const upserts = new Map<string, PushedCustomer>();
    for (const p of pending)
      if (!("id" in p.input.customer)) upserts.set(p.input.customer.externalId, p.input.customer);
    return upserts;
  };
  for (let refusedSome = true; refusedSome; ) {
    const upserts = lastNamed();
    const before = pending.length;
    pending = pending.filter((p) => {
      const named = p.input.customer;
      const customer =
        "id" in named
          ? { id: named.id, email: knownCustomers.get(named.id)!.email }
          : {
              id: customerIdByExternalId.get(named.externalId) ?? null,
              email: upserts.get(named.externalId)!.email ?? null,
            };
      const unit = p.input.unit;
      // A unit referenced by id must be the customer's; a customer not in Pitlane yet has none.
      if (unit && "id" in unit && knownUnits.get(unit.id)!.customerId !== customer.id) {
        refuse(
          p,
          refusal([{ field: "unit.id", message: "Choose one of the customer's units of this location." }]),
        );
        return false;
      }
      // Mailed at once needs somewhere to mail it.
      if (p.send === "immediately" && !customer.email) {
        refuse(
          p,
          refusal([
            {
              field: "customer.email",
              message: "The customer has no email address to send the payment request to.",
            },
          ]),
        );
        return false;
      }
      return true;
    });
    refusedSome = pending.length !== before;
  }
  if (pending.length === 0) return results;

  // 7. The writes, in a savepoint. An invoice that loses a race on its externalId or number to a
  // concurrent push (the insert's DO NOTHING) is told so, and what was written for the batch is rolled
  // back and written again without it: the customer or unit upserted for the loser alone would
  // otherwise stay behind (or keep the loser's data).
  let written: Written;
  for (;;) {
    try {
      written = await tx.transaction((sp) =>
        writeItems(sp, actor, location, pending, { customers: knownCustomers, units: knownUnits }, now),
      );
      break;
    } catch (error) {
      if (!(error instanceof LostRace)) throw error;
      for (const { p, winner } of error.lost) {
        if (winner) {
          results[p.index] = {
            index: p.index,
            externalId: p.input.externalId,
            status: "duplicate",
            invoiceId: winner,
            problem: duplicateInvoice(p.input.externalId, winner),
          };
        } else {
          refuse(
            p,
            new DomainError(
              "conflict",
              `Invoice number ${p.input.number} is already taken at this location.`,
              [{ field: "number", message: "Another invoice of this location has this number." }],
            ),
          );
        }
      }
      const lost = new Set(error.lost.map((l) => l.p));
      pending = pending.filter((p) => !lost.has(p));
      // Each round drops at least one item, so this ends.
      if (pending.length === 0) return results;
    }
  }
  const { created } = written;

  // 8. Send immediately: through Send invoice (pay link, the DMS's PDF attached), in this transaction.
  for (const { p, row } of created) {
    let sent: { to: string; sentAt: string } | null = null;
    if (p.send === "immediately") {
      const result = await sendIn(tx, ctx, actor, row.id, {});
      sent = { to: result.to, sentAt: new Date().toISOString() };
    }
    results[p.index] = {
      index: p.index,
      externalId: row.externalId,
      status: "created",
      invoice: {
        id: row.id,
        externalId: row.externalId,
        number: row.number,
        status: "issued",
        source: "api",
        customerId: row.customerId,
        unitId: row.unitId,
        currency: row.currency,
        gross: row.totals.gross,
        openAmount: row.openAmount,
        paymentStatus: row.paymentStatus,
        dueDate: row.dueDate,
        document: Boolean(p.input.document),
        send: p.send,
        sentTo: sent?.to ?? null,
        paymentLink: sent ? { state: "active", sentAt: sent.sentAt } : null,
      },
    };
  }
  return results;
}

type Location = Awaited<ReturnType<typeof loadLocation>>;
type Written = Awaited<ReturnType<typeof writeItems>>;

/** Thrown out of the savepoint when invoices lost a race: `winner` is the invoice with its externalId, if any. */
class LostRace extends Error {
  constructor(readonly lost: { p: Pending; winner: string | null }[]) {
    super("pushed invoices lost a race");
  }
}

/** Writes the checked items: customers, units, invoices, their PDFs, the audit trail, the live nudge. */
async function writeItems(
  tx: DbOrTx,
  actor: ShopActor,
  location: Location,
  pending: Pending[],
  known: { customers: Map<string, CustomerRow>; units: Map<string, UnitRow> },
  now: Date,
) {
  const knownCustomers = known.customers;
  const knownUnits = known.units;
  const scope = { organisationId: actor.organisationId, locationId: actor.locationId };
  // Upsert the customers named by externalId: the DMS's data is the current one. The last item
  // naming a customer wins (a batch is in the DMS's order).
  const customerUpserts = new Map<string, PushedCustomer>();
  for (const p of pending)
    if (!("id" in p.input.customer)) customerUpserts.set(p.input.customer.externalId, p.input.customer);
  const audits: (typeof auditEvents.$inferInsert)[] = [];
  const audit = (
    entityType: string,
    entityId: string,
    action: string,
    data: Record<string, unknown>,
    toStatus?: string,
  ) =>
    audits.push({
      id: newId("audit"),
      organisationId: actor.organisationId,
      locationId: actor.locationId,
      actorKind: actor.kind,
      actorId: actor.id,
      actorName: actor.name,
      entityType,
      entityId,
      action,
      toStatus: toStatus ?? null,
      data,
    });
  const customersByExternalId = new Map<string, CustomerRow>();
  if (customerUpserts.size > 0) {
    const values = [...customerUpserts.values()].map((c) => ({
      id: newId("customer"),
      ...scope,
      externalId: c.externalId,
      type: c.type,
      displayName: c.name,
      firstName: c.firstName ?? null,
      lastName: c.lastName ?? null,
      companyName: c.type === "business" ? c.name : null,
      email: c.email ?? null,
      phone: c.phone ?? null,
      street: c.street ?? null,
      postalCode: c.postalCode ?? null,
      city: c.city ?? null,
      country: c.country ?? location.country,
      vatId: c.vatId ?? null,
      language: c.language,
    }));
    const excluded = (column: string) => sql.raw(`excluded.${column}`);
    const rows = await tx
      .insert(customers)
      .values(values)
      .onConflictDoUpdate({
        target: [customers.locationId, customers.externalId],
        targetWhere: sql`${customers.externalId} is not null`,
        set: {
          type: excluded("type"),
          displayName: excluded("display_name"),
          firstName: excluded("first_name"),
          lastName: excluded("last_name"),
          companyName: excluded("company_name"),
          email: excluded("email"),
          phone: excluded("phone"),
          street: excluded("street"),
          postalCode: excluded("postal_code"),
          city: excluded("city"),
          country: excluded("country"),
          vatId: excluded("vat_id"),
          language: excluded("language"),
          version: sql`${customers.version} + 1`,
          updatedAt: now,
        },
      })
      .returning();
    for (const row of rows) {
      customersByExternalId.set(row.externalId!, row);
      // A fresh row has the id made here; an updated one keeps its own.
      const created = values.some((v) => v.id === row.id);
      audit("customer", row.id, created ? "create" : "update", { externalId: row.externalId, via: "dms" });
    }
  }
  const customerOf = (p: Pending) =>
    "id" in p.input.customer
      ? knownCustomers.get(p.input.customer.id)!
      : customersByExternalId.get(p.input.customer.externalId)!;
  for (const p of pending) p.customerId = customerOf(p).id;
  // Upsert the units named by externalId, for the invoice's customer (a vehicle changes hands).
  const unitUpserts = new Map<string, { unit: PushedUnit; customerId: string; vin: string | null }>();
  for (const p of pending) {
    if (p.input.unit && !("id" in p.input.unit)) {
      unitUpserts.set(p.input.unit.externalId, { unit: p.input.unit, customerId: p.customerId!, vin: p.vin });
    }
  }
  const unitsByExternalId = new Map<string, UnitRow>();
  if (unitUpserts.size > 0) {
    const values = [...unitUpserts.values()].map(({ unit, customerId, vin }) => ({
      id: newId("unit"),
      ...scope,
      externalId: unit.externalId,
      customerId,
      make: unit.make,
      model: unit.model,
      plate: unit.plate ?? null,
      vin,
    }));
    const excluded = (column: string) => sql.raw(`excluded.${column}`);
    const rows = await tx
      .insert(units)
      .values(values)
      .onConflictDoUpdate({
        target: [units.locationId, units.externalId],
        targetWhere: sql`${units.externalId} is not null`,
        set: {
          customerId: excluded("customer_id"),
          make: excluded("make"),
          model: excluded("model"),
          plate: excluded("plate"),
          vin: excluded("vin"),
          version: sql`${units.version} + 1`,
          updatedAt: now,
        },
      })
      .returning();
    for (const row of rows) {
      unitsByExternalId.set(row.externalId!, row);
      const created = values.some((v) => v.id === row.id);
      audit("unit", row.id, created ? "create" : "update", { externalId: row.externalId, via: "dms" });
    }
  }
  const unitOf = (p: Pending): UnitRow | null => {
    const unit = p.input.unit;
    if (!unit) return null;
    return "id" in unit ? knownUnits.get(unit.id)! : unitsByExternalId.get(unit.externalId)!;
  };

  // The invoices, issued and frozen as they arrive, with their position (nothing paid yet).
  const seller = sellerOf(location);

  const rows = pending.map((p) => {
    const customer = customerOf(p);
    const unit = unitOf(p);
    p.unitId = unit?.id ?? null;
    const input = p.input;
    return {
      id: newId("invoice"),
      ...scope,
      kind: "invoice" as const,
      status: "issued" as const,
      source: "api" as const,
      externalId: input.externalId,
      number: input.number,
      customerId: customer.id,
      unitId: unit?.id ?? null,
      currency: input.currency,
      lines: p.lines,
      totals: p.totals,
      serviceDate: input.serviceDate ?? input.issueDate,
      issueDate: input.issueDate,
      dueDate: input.dueDate ?? addDays(input.issueDate, customer.paymentTermsDays),
      note: input.note ?? null,
      poNumber: input.poNumber ?? null,
      parties: {
        seller,
        buyer: buyerOf(customer),
        vehicle: unit ? vehicleFacts(unit, null) : null,
      },
      issuedAt: now,
      issuedById: actor.kind === "staff" ? actor.id : null,
      ...projection(
        ledgerStanding({ issued: true, gross: p.totals.gross, currency: input.currency, credited: 0 }, []),
        0,
      ),
    };
  });
  // A concurrent push of the same externalId or number loses here (DO NOTHING) and is told below.
  const inserted = await tx
    .insert(invoices)
    .values(rows)
    .onConflictDoNothing()
    .returning({ id: invoices.id, externalId: invoices.externalId });
  const insertedIds = new Set(inserted.map((r) => r.id));
  const lost = rows.filter((r) => !insertedIds.has(r.id));
  if (lost.length > 0) {
    const winners = await tx
      .select({ id: invoices.id, externalId: invoices.externalId })
      .from(invoices)
      .where(
        and(
          eq(invoices.locationId, scope.locationId),
          inArray(
            invoices.externalId,
            lost.map((r) => r.externalId),
          ),
        ),
      );
    const winnerOf = new Map(winners.map((w) => [w.externalId!, w.id]));
    throw new LostRace(
      lost.map((row) => ({
        p: pending.find((x) => x.input.externalId === row.externalId)!,
        winner: winnerOf.get(row.externalId) ?? null,
      })),
    );
  }
  const created = pending.map((p, i) => ({ p, row: rows[i]! })).filter(({ row }) => insertedIds.has(row.id));

  const documents = created.flatMap(({ p, row }) =>
    p.input.document ? [{ invoiceId: row.id, ...scope, ...p.input.document }] : [],
  );
  if (documents.length > 0) await tx.insert(invoiceDocuments).values(documents);
  for (const { row } of created) {
    audit(
      "invoice",
      row.id,
      "issue",
      { number: row.number, externalId: row.externalId, via: "dms" },
      "issued",
    );
  }
  if (audits.length > 0) await tx.insert(auditEvents).values(audits);
  // The live dashboards hear of every new invoice in one statement.
  if (created.length > 0) {
    const events = created.map(({ row }) =>
      JSON.stringify({
        type: "invoice.changed",
        organisationId: row.organisationId,
        locationId: row.locationId,
        customerId: row.customerId,
        id: row.id,
        status: row.status,
      }),
    );
    await tx.execute(
      sql`select pg_notify(${liveChannel}, e) from jsonb_array_elements_text(${JSON.stringify(events)}::jsonb) e`,
    );
  }

  return { created };
}
