// The printable estimate: one submitted version exactly as the customer was shown it (or the
// working copy, marked as a draft), in the customer's language. Shop, portal and link pages all
// download the same file.
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import type { EstimateView } from "../../db/queries/estimates";
import { loadLines, loadVersions } from "../../db/queries/estimates";
import { customers, locations, units } from "../../db/schema";
import type { Language } from "../../domain/customer";
import { notFound } from "../../domain/errors";
import { legalLines } from "../../domain/legal-details";
import { documentFormat, type PrintedDocument, renderPdf } from "../support/documents/pdf-document";
import {
  type Snapshot,
  snapshotOf,
  snapshotSchema,
  totalsSchema,
} from "../support/estimates/estimate-snapshot";

const words = {
  en: {
    estimate: "Estimate",
    draft: "draft, not yet sent",
    version: "Version",
    number: "Number",
    date: "Date",
    customer: "Customer no.",
    unit: "Vehicle",
    plate: "Plate",
    vin: "VIN",
    odometer: "Odometer",
    po: "PO number",
    description: "Description",
    quantity: "Qty/h",
    unitPrice: "Price",
    tax: "Tax",
    amount: "Net",
    flat: "flat price",
    hours: "h",
    part: "Part no.",
    net: "Net total",
    taxAt: (rate: string) => `VAT ${rate} on`,
    gross: "Total",
    vatId: "VAT ID",
    register: "Register court",
    directors: "Managing directors",
    note: "Note from the shop",
    valid:
      "This estimate is based on the inspection so far. Work beyond it is only carried out after your approval.",
    page: "Estimate",
  },
  de: {
    estimate: "Kostenvoranschlag",
    draft: "Entwurf, noch nicht versendet",
    version: "Version",
    number: "Nummer",
    date: "Datum",
    customer: "Kunden-Nr.",
    unit: "Fahrzeug",
    plate: "Kennzeichen",
    vin: "FIN",
    odometer: "Kilometerstand",
    po: "Bestellnummer",
    description: "Beschreibung",
    quantity: "Menge/Std.",
    unitPrice: "Preis",
    tax: "USt.",
    amount: "Netto",
    flat: "Pauschalpreis",
    hours: "Std.",
    part: "Teile-Nr.",
    net: "Summe netto",
    taxAt: (rate: string) => `USt. ${rate} auf`,
    gross: "Gesamtbetrag",
    vatId: "USt-IdNr.",
    register: "Registergericht",
    directors: "Geschäftsführer",
    note: "Anmerkung der Werkstatt",
    valid:
      "Dieser Kostenvoranschlag beruht auf der bisherigen Prüfung. Weitere Arbeiten führen wir nur nach Ihrer Freigabe aus.",
    page: "Kostenvoranschlag",
  },
} satisfies Record<Language, unknown>;

export interface EstimatePdf {
  filename: string;
  body: Buffer;
}

/** `versionNo` 0 prints the working copy (a draft, or a revision in progress) for the shop. */
export async function estimatePdf(
  db: DbOrTx,
  estimate: EstimateView,
  versionNo: number,
): Promise<EstimatePdf> {
  const [location] = await db.select().from(locations).where(eq(locations.id, estimate.locationId));
  const [customer] = await db
    .select()
    .from(customers)
    .where(and(eq(customers.id, estimate.customerId), eq(customers.organisationId, estimate.organisationId)));
  const [unit] = await db.select().from(units).where(eq(units.id, estimate.unitId));
  if (!location || !customer || !unit) throw notFound("Estimate");

  let snapshot: Snapshot;
  let totals: ReturnType<typeof snapshotOf>["totals"];
  let note: string | null = null;
  let date: Date;
  if (versionNo === 0) {
    const working = snapshotOf(await loadLines(db, estimate.id));
    snapshot = working.snapshot;
    totals = working.totals;
    date = estimate.updatedAt;
  } else {
    const version = (await loadVersions(db, estimate.id)).find((v) => v.versionNo === versionNo);
    if (!version) throw notFound("Estimate version");
    snapshot = snapshotSchema.parse(version.lines);
    totals = totalsSchema.parse(version.totals);
    note = version.note;
    date = version.createdAt;
  }

  const language: Language = customer.language;
  const w = words[language];
  const { locale, money, qty, rate } = documentFormat(language, estimate.currency);
  const day = (d: Date) =>
    new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: location.timeZone }).format(d);

  const rows: PrintedDocument["rows"] = [];
  for (const l of snapshot.labour) {
    const flat = l.pricing === "flat";
    rows.push({
      description: l.description,
      detail: flat ? `${w.flat} · ${qty(l.quantityMilli)} ${w.hours}` : undefined,
      quantity: flat ? "1" : `${qty(l.quantityMilli)} ${w.hours}`,
      unitPrice: money(l.unitPrice),
      tax: rate(l.taxRateBp),
      amount: money(l.net),
    });
    for (const p of l.parts) {
      rows.push({
        description: p.description,
        detail: p.partNumber ? `${w.part} ${p.partNumber}` : undefined,
        quantity: qty(p.quantityMilli),
        unitPrice: money(p.unitPrice),
        tax: rate(p.taxRateBp),
        amount: money(p.net),
        indent: true,
      });
    }
  }

  const facts: PrintedDocument["facts"] = [
    [w.number, estimate.number],
    [w.version, versionNo === 0 ? w.draft : String(versionNo)],
    [w.date, day(date)],
    [w.unit, `${unit.make} ${unit.model}${unit.year ? ` (${unit.year})` : ""}`],
  ];
  if (unit.plate) facts.push([w.plate, unit.plate]);
  if (unit.vin) facts.push([w.vin, unit.vin]);
  if (unit.odometerKm !== null) facts.push([w.odometer, `${qty(unit.odometerKm * 1000)} km`]);
  if (estimate.poNumber) facts.push([w.po, estimate.poNumber]);

  const body = await renderPdf({
    title: `${w.estimate} ${estimate.number}${versionNo === 0 ? ` (${w.draft})` : ""}`,
    seller: {
      name: location.legalName,
      lines: [
        `${location.street}, ${location.postalCode} ${location.city}`,
        [location.phone, location.email].filter(Boolean).join(" · "),
      ].filter((l) => l.length > 0),
    },
    sellerFacts: location.vatId ? [`${w.vatId} ${location.vatId}`] : [],
    buyer: {
      name: customer.displayName,
      lines: [
        customer.street ?? "",
        [customer.postalCode, customer.city].filter(Boolean).join(" "),
        customer.email ?? "",
      ].filter((l) => l.length > 0),
    },
    facts,
    headings: {
      description: w.description,
      quantity: w.quantity,
      unitPrice: w.unitPrice,
      tax: w.tax,
      amount: w.amount,
    },
    rows,
    totals: [
      [w.net, money(totals.net)],
      ...totals.byRate.map(
        (r) => [`${w.taxAt(rate(r.rateBp))} ${money(r.net)}`, money(r.tax)] as [string, string],
      ),
      [w.gross, money(totals.gross), true],
    ],
    notes: [...(note ? [`${w.note}: ${note}`] : []), w.valid],
    // A German GmbH's register and managing directors go on every business letter (§35a GmbHG).
    footer: [`${location.legalName} · ${w.page} ${estimate.number}`, legalLines(location, w).join(" · ")]
      .filter((line) => line.length > 0)
      .join("\n"),
  });
  const suffix = versionNo === 0 ? "draft" : `v${versionNo}`;
  return { filename: `${estimate.number}-${suffix}.pdf`, body };
}
