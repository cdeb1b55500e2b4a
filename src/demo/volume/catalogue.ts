// The work a dealership sells, priced by the app's own code. Every JSON document the seed writes
// (estimate version snapshots, work order billing, invoice lines and totals, extension offers) is
// computed here once per "basket" with snapshotOf, billingOf/billingLines, priceLines and
// recommendationAmount/offerTotals — the functions the commands use — and the SQL only copies it onto
// rows, putting the rows' ids in for the placeholders (`@L1`, `@P1.2`, `@R1`). So the money follows
// EN 16931 exactly as the app rounds it, and the shapes are exactly what the zod schemas read back.
import { snapshotOf } from "../../app/support/estimates/estimate-snapshot";
import type { EstimateLineRow } from "../../db/queries/estimates";
import { type Billing, billingOf } from "../../domain/billing";
import { offerTotals, type PartAvailability, recommendationAmount } from "../../domain/extension";
import { type InvoiceLineInput, priceLines } from "../../domain/invoice";
import type { Totals } from "../../domain/money";
import { billingLines } from "../../domain/work-order";
import { type SeededRandom, seededRandom } from "./random";

const vat = 1900;

interface PartSpec {
  description: string;
  partNumber: string;
  quantityMilli: number;
  unitPrice: number;
}

interface JobSpec {
  description: string;
  /** Hourly: hours in thousandths at the shop's labour rate; flat: the price. */
  pricing: "hourly" | "flat";
  hoursMilli: number;
  flatPrice?: number;
  parts: PartSpec[];
}

const part = (description: string, partNumber: string, quantityMilli: number, unitPrice: number) => ({
  description,
  partNumber,
  quantityMilli,
  unitPrice,
});

/** A dealership's service menu (prices in cents, net). */
const jobs: JobSpec[] = [
  {
    description: "Inspektion nach Herstellervorgabe",
    pricing: "hourly",
    hoursMilli: 1800,
    parts: [
      part("Motoröl 5W-30, Liter", "OE-5W30-1L", 5500, 1490),
      part("Ölfilter", "03N115562B", 1000, 1850),
      part("Luftfilter", "5Q0129620D", 1000, 3290),
      part("Pollenfilter", "5Q0819653", 1000, 2990),
    ],
  },
  {
    description: "Ölwechsel inkl. Filter",
    pricing: "hourly",
    hoursMilli: 600,
    parts: [
      part("Motoröl 5W-30, Liter", "OE-5W30-1L", 5000, 1490),
      part("Ölfilter", "03N115562B", 1000, 1850),
      part("Dichtring Ölablassschraube", "N0138157", 1000, 190),
    ],
  },
  {
    description: "Bremsbeläge vorne erneuern",
    pricing: "hourly",
    hoursMilli: 1200,
    parts: [part("Bremsbelagsatz vorne", "5Q0698151K", 1000, 8990)],
  },
  {
    description: "Bremsscheiben und Bremsbeläge vorne erneuern",
    pricing: "hourly",
    hoursMilli: 1900,
    parts: [
      part("Bremsscheibe vorne", "5Q0615301G", 2000, 7450),
      part("Bremsbelagsatz vorne", "5Q0698151K", 1000, 8990),
    ],
  },
  {
    description: "Bremsflüssigkeit wechseln",
    pricing: "hourly",
    hoursMilli: 500,
    parts: [part("Bremsflüssigkeit DOT 4, Liter", "B000750M3", 1000, 1890)],
  },
  {
    description: "Hauptuntersuchung (HU) mit Abgasuntersuchung",
    pricing: "flat",
    hoursMilli: 800,
    flatPrice: 14_900,
    parts: [],
  },
  {
    description: "Räderwechsel inkl. Auswuchten",
    pricing: "flat",
    hoursMilli: 500,
    flatPrice: 5_900,
    parts: [],
  },
  {
    description: "Zahnriemen mit Wasserpumpe erneuern",
    pricing: "hourly",
    hoursMilli: 3600,
    parts: [
      part("Zahnriemensatz", "04L198119A", 1000, 18_900),
      part("Wasserpumpe", "04L121011L", 1000, 9_800),
      part("Kühlmittel G13, Liter", "G013A8JM1", 3000, 990),
    ],
  },
  {
    description: "Klimaservice",
    pricing: "flat",
    hoursMilli: 700,
    flatPrice: 11_900,
    parts: [part("Kältemittel R1234yf, kg", "R1234YF", 450, 19_000)],
  },
  {
    description: "Starterbatterie prüfen und erneuern",
    pricing: "hourly",
    hoursMilli: 400,
    parts: [part("Starterbatterie 70 Ah AGM", "000915105DH", 1000, 13_900)],
  },
  {
    description: "Stoßdämpfer hinten erneuern",
    pricing: "hourly",
    hoursMilli: 1600,
    parts: [part("Stoßdämpfer hinten", "5Q0513029HT", 2000, 7_990)],
  },
  {
    description: "Kupplung erneuern",
    pricing: "hourly",
    hoursMilli: 5500,
    parts: [
      part("Kupplungssatz", "0A5141015T", 1000, 34_900),
      part("Zentralausrücker", "0A5141671J", 1000, 8_900),
    ],
  },
  {
    description: "Scheibenwischer erneuern",
    pricing: "hourly",
    hoursMilli: 200,
    parts: [part("Wischblattsatz vorne", "5G1998002", 1000, 3_490)],
  },
  {
    description: "Fehlerspeicher auslesen und Diagnose",
    pricing: "flat",
    hoursMilli: 300,
    flatPrice: 3_900,
    parts: [],
  },
  {
    description: "Mittelschalldämpfer erneuern",
    pricing: "hourly",
    hoursMilli: 1100,
    parts: [
      part("Mittelschalldämpfer", "5Q0253209AB", 1000, 12_900),
      part("Montagesatz Abgasanlage", "MS-ABG-01", 1000, 1_990),
    ],
  },
  { description: "Achsvermessung", pricing: "flat", hoursMilli: 900, flatPrice: 8_900, parts: [] },
  {
    description: "Unterbodenwäsche und Hohlraumkonservierung",
    pricing: "hourly",
    hoursMilli: 1000,
    parts: [],
  },
  {
    description: "Glühkerzen erneuern",
    pricing: "hourly",
    hoursMilli: 1300,
    parts: [part("Glühkerze", "N10591607", 4000, 2_450)],
  },
  {
    description: "Zündkerzen erneuern",
    pricing: "hourly",
    hoursMilli: 800,
    parts: [part("Zündkerze", "04E905612C", 4000, 1_290)],
  },
  {
    description: "Radlager vorne links erneuern",
    pricing: "hourly",
    hoursMilli: 1500,
    parts: [part("Radlager vorne", "5Q0498621", 1000, 11_200)],
  },
  {
    description: "Wartung Nutzfahrzeug nach Serviceintervall",
    pricing: "hourly",
    hoursMilli: 2400,
    parts: [
      part("Motoröl 5W-30 LL, Liter", "OE-5W30LL-1L", 8000, 1_590),
      part("Ölfilter Nutzfahrzeug", "A6511800109", 1000, 2_450),
      part("Kraftstofffilter", "A6510901652", 1000, 4_890),
      part("AdBlue, Liter", "ADBLUE-10L", 10_000, 95),
    ],
  },
];

/** Placeholder ids the SQL replaces with each row's real ids. */
const labourPlaceholder = (k: number) => `@L${k}`;
const partPlaceholder = (k: number, j: number) => `@P${k}.${j}`;

export interface BasketLine {
  ph: string;
  kind: "labour" | "part";
  parentPh: string | null;
  position: number;
  description: string;
  partNumber: string | null;
  quantityMilli: number;
  unitPrice: number;
  pricing: "hourly" | "flat";
  taxRateBp: number;
}

export interface BasketLabour {
  k: number;
  ph: string;
  description: string;
  pricing: "hourly" | "flat";
  hoursMilli: number;
  unitPrice: number;
  taxRateBp: number;
  netWithParts: number;
  /** The technician's clocked time in thousandths of an hour (3.6 s each, so entries are exact). */
  clockedMilli: number;
  /** Where its time entry starts after the order opens, in milliseconds. */
  startOffsetMs: number;
}

export interface Basket {
  b: number;
  labourCount: number;
  lines: BasketLine[];
  labour: BasketLabour[];
  /** The version the customer decides on (and the working copy), with placeholder ids. */
  snapshot: string;
  totals: Totals;
  /** The first version of an estimate that was revised: the first labour line priced higher. */
  originalSnapshot: string;
  originalTotals: Totals;
  billing: Billing;
  /** Billing when the customer declined the last labour line (null with a single line). */
  partialBilling: Billing | null;
  /** Clocked time of all jobs and of all but the last, in milliseconds. */
  workMs: number;
  partialWorkMs: number;
}

function lineRows(specs: readonly JobSpec[], labourRate: number, firstHours = 1): BasketLine[] {
  const rows: BasketLine[] = [];
  let position = 0;
  specs.forEach((job, i) => {
    const k = i + 1;
    const hoursMilli = i === 0 ? Math.round((job.hoursMilli * firstHours) / 100) * 100 : job.hoursMilli;
    const flat =
      job.flatPrice !== undefined && i === 0
        ? Math.round((job.flatPrice * firstHours) / 100) * 100
        : job.flatPrice;
    rows.push({
      ph: labourPlaceholder(k),
      kind: "labour",
      parentPh: null,
      position: ++position,
      description: job.description,
      partNumber: null,
      quantityMilli: hoursMilli,
      unitPrice: job.pricing === "flat" ? flat! : labourRate,
      pricing: job.pricing,
      taxRateBp: vat,
    });
    job.parts.forEach((p, j) => {
      rows.push({
        ph: partPlaceholder(k, j + 1),
        kind: "part",
        parentPh: labourPlaceholder(k),
        position: ++position,
        description: p.description,
        partNumber: p.partNumber,
        quantityMilli: p.quantityMilli,
        unitPrice: p.unitPrice,
        pricing: "hourly",
        taxRateBp: vat,
      });
    });
  });
  return rows;
}

/** The rows as snapshotOf reads them from estimate_lines (only the line fields matter to it). */
function asEstimateRows(lines: readonly BasketLine[]): EstimateLineRow[] {
  const at = new Date(0);
  return lines.map((l) => ({
    id: l.ph,
    organisationId: "",
    locationId: "",
    estimateId: "",
    kind: l.kind,
    labourLineId: l.parentPh,
    position: l.position,
    description: l.description,
    partNumber: l.partNumber,
    quantityMilli: l.quantityMilli,
    unitPrice: l.unitPrice,
    pricing: l.pricing,
    taxRateBp: l.taxRateBp,
    createdAt: at,
  }));
}

function billingFor(lines: readonly BasketLine[], labour: readonly BasketLabour[]): Billing {
  return billingOf(
    billingLines(
      labour.map((l) => ({
        description: l.description,
        pricing: l.pricing,
        estimatedHoursMilli: l.hoursMilli,
        clockedHoursMilli: l.clockedMilli,
        unitPrice: l.unitPrice,
        taxRateBp: l.taxRateBp,
        parts: lines
          .filter((p) => p.parentPh === l.ph)
          .map((p) => ({
            description: p.description,
            partNumber: p.partNumber,
            quantityMilli: p.quantityMilli,
            unitPrice: p.unitPrice,
            taxRateBp: p.taxRateBp,
          })),
      })),
      // The volume shop bills clocked hours (the locations' default).
      "clocked",
    ),
  );
}

function basket(b: number, specs: readonly JobSpec[], labourRate: number, random: SeededRandom): Basket {
  const lines = lineRows(specs, labourRate);
  const current = snapshotOf(asEstimateRows(lines));
  const original = snapshotOf(asEstimateRows(lineRows(specs, labourRate, 1.3)));
  let offset = 0;
  const labour = current.snapshot.labour.map((l, i): BasketLabour => {
    // Technicians take 70–140 % of the estimated time.
    const clockedMilli = Math.max(100, Math.round(l.quantityMilli * (0.7 + random.next() * 0.7)));
    const entry = {
      k: i + 1,
      ph: l.id,
      description: l.description,
      pricing: l.pricing,
      hoursMilli: l.quantityMilli,
      unitPrice: l.unitPrice,
      taxRateBp: l.taxRateBp,
      netWithParts: l.netWithParts,
      clockedMilli,
      startOffsetMs: offset,
    };
    // Ten minutes between jobs.
    offset += clockedMilli * 3600 + 600_000;
    return entry;
  });
  const last = labour.at(-1)!;
  return {
    b,
    labourCount: labour.length,
    lines,
    labour,
    snapshot: JSON.stringify(current.snapshot),
    totals: current.totals,
    originalSnapshot: JSON.stringify(original.snapshot),
    originalTotals: original.totals,
    billing: billingFor(lines, labour),
    partialBilling: labour.length > 1 ? billingFor(lines, labour.slice(0, -1)) : null,
    workMs: offset - 600_000,
    partialWorkMs: last.startOffsetMs - 600_000,
  };
}

export function workBaskets(seed: string, labourRate: number, count = 120): Basket[] {
  const random = seededRandom(seed, "baskets");
  return Array.from({ length: count }, (_, b) => {
    // Half the visits are one job, a third two, the rest three.
    const roll = random.next();
    const size = roll < 0.5 ? 1 : roll < 0.85 ? 2 : 3;
    const chosen: JobSpec[] = [];
    while (chosen.length < size) {
      const job = jobs[random.int(jobs.length)]!;
      if (!chosen.includes(job)) chosen.push(job);
    }
    return basket(b, chosen, labourRate, random);
  });
}

/** Invoices without a work order: what the counter sells. */
export interface CounterSale {
  m: number;
  /** Whether it is about a vehicle (HU, tyre storage) or just sold over the counter. */
  withUnit: boolean;
  fleetOnly: boolean;
  lines: ReturnType<typeof priceLines>["lines"];
  totals: Totals;
}

const counterSales: { withUnit: boolean; fleetOnly?: boolean; lines: InvoiceLineInput[] }[] = [
  {
    withUnit: true,
    lines: [
      {
        description: "Reifeneinlagerung, eine Saison",
        quantityMilli: 1000,
        unitPrice: 4_900,
        taxRateBp: vat,
      },
      { description: "Reifenwäsche", quantityMilli: 4000, unitPrice: 350, taxRateBp: vat },
    ],
  },
  {
    withUnit: true,
    lines: [
      {
        description: "Hauptuntersuchung (HU) mit Abgasuntersuchung",
        quantityMilli: 1000,
        unitPrice: 14_900,
        taxRateBp: vat,
      },
    ],
  },
  {
    withUnit: false,
    lines: [
      {
        description: "Wischblattsatz vorne",
        partNumber: "5G1998002",
        quantityMilli: 1000,
        unitPrice: 3_490,
        taxRateBp: vat,
      },
      {
        description: "Scheibenfrostschutz, 3 Liter",
        partNumber: "G052164M2",
        quantityMilli: 1000,
        unitPrice: 1_290,
        taxRateBp: vat,
      },
    ],
  },
  {
    withUnit: false,
    lines: [
      {
        description: "Motoröl 5W-30, Liter",
        partNumber: "OE-5W30-1L",
        quantityMilli: 2000,
        unitPrice: 1_490,
        taxRateBp: vat,
      },
    ],
  },
  {
    withUnit: false,
    lines: [
      {
        description: "Fußmattensatz Velours",
        partNumber: "5G1061270",
        quantityMilli: 1000,
        unitPrice: 7_900,
        taxRateBp: vat,
      },
    ],
  },
  {
    withUnit: true,
    lines: [
      {
        description: "Fahrzeugaufbereitung innen und außen",
        quantityMilli: 1000,
        unitPrice: 18_900,
        taxRateBp: vat,
      },
    ],
  },
  {
    withUnit: true,
    lines: [{ description: "Ersatzwagen, pro Tag", quantityMilli: 2000, unitPrice: 3_900, taxRateBp: vat }],
  },
  {
    withUnit: false,
    fleetOnly: true,
    lines: [
      {
        description: "Flottenservice-Pauschale, monatlich",
        quantityMilli: 1000,
        unitPrice: 45_000,
        taxRateBp: vat,
      },
      { description: "Hol- und Bringservice", quantityMilli: 6000, unitPrice: 2_500, taxRateBp: vat },
    ],
  },
];

export function counterSaleCatalogue(): CounterSale[] {
  return counterSales.map((s, m) => ({
    m,
    withUnit: s.withUnit,
    fleetOnly: s.fleetOnly ?? false,
    ...priceLines(s.lines),
  }));
}

/** Goodwill credit notes ("Kulanz") in a few sizes; the SQL takes the largest under half the invoice. */
export function goodwillCatalogue() {
  return [2_000, 5_000, 10_000, 20_000].map((net, g) => ({
    g,
    ...priceLines([
      {
        description: "Kulanz: Nachlass auf die Rechnung",
        quantityMilli: 1000,
        unitPrice: net,
        taxRateBp: vat,
      },
    ]),
  }));
}

/** What an inspection finds and the shop offers as an order extension. */
const findings: {
  description: string;
  urgency: "attention" | "urgent";
  note: string;
  hoursMilli: number;
  parts: (PartSpec & { availability: PartAvailability })[];
}[] = [
  {
    description: "Bremsbeläge hinten erneuern",
    urgency: "urgent",
    note: "Belagstärke hinten unter 3 mm.",
    hoursMilli: 1100,
    parts: [{ ...part("Bremsbelagsatz hinten", "5Q0698451P", 1000, 7_490), availability: "in_stock" }],
  },
  {
    description: "Spurstangenkopf links erneuern",
    urgency: "urgent",
    note: "Spiel am Spurstangenkopf, Manschette gerissen.",
    hoursMilli: 1000,
    parts: [{ ...part("Spurstangenkopf links", "5Q0423811", 1000, 5_890), availability: "next_day" }],
  },
  {
    description: "Keilrippenriemen erneuern",
    urgency: "attention",
    note: "Riemen rissig.",
    hoursMilli: 600,
    parts: [{ ...part("Keilrippenriemen", "04L903137", 1000, 3_990), availability: "in_stock" }],
  },
  {
    description: "Koppelstangen vorne erneuern",
    urgency: "attention",
    note: "Klappergeräusch vorne, Koppelstangen ausgeschlagen.",
    hoursMilli: 900,
    parts: [{ ...part("Koppelstange vorne", "5Q0411315A", 2000, 3_250), availability: "on_order" }],
  },
];

export interface Offer {
  o: number;
  /** The offer's items as offerSchema reads them, with `@R<k>` for the recommendation ids. */
  items: string;
  totals: Totals;
  recommendations: {
    ph: string;
    description: string;
    urgency: "attention" | "urgent";
    note: string;
    hoursMilli: number;
    unitPrice: number;
    taxRateBp: number;
    net: number;
    gross: number;
    parts: (PartSpec & { taxRateBp: number; availability: PartAvailability })[];
  }[];
}

export function offerCatalogue(labourRate: number): Offer[] {
  const combos = [[0], [1, 2], [3], [0, 2], [1]];
  return combos.map((combo, o) => {
    const recs = combo.map((f, i) => {
      const finding = findings[f]!;
      const priced = {
        id: `@R${i + 1}`,
        description: finding.description,
        pricing: "hourly" as const,
        hoursMilli: finding.hoursMilli,
        unitPrice: labourRate,
        taxRateBp: vat,
        parts: finding.parts.map((p) => ({ ...p, taxRateBp: vat })),
      };
      return { ...priced, ...recommendationAmount(priced), finding };
    });
    const items = recs.map((r) => ({
      id: r.id,
      description: r.description,
      urgency: r.finding.urgency,
      note: r.finding.note,
      pricing: r.pricing,
      hoursMilli: r.hoursMilli,
      unitPrice: r.unitPrice,
      taxRateBp: r.taxRateBp,
      parts: r.parts.map((p) => ({
        description: p.description,
        partNumber: p.partNumber,
        quantityMilli: p.quantityMilli,
        unitPrice: p.unitPrice,
        taxRateBp: p.taxRateBp,
        availability: p.availability,
      })),
      photoIds: [],
      net: r.net,
      gross: r.gross,
    }));
    return {
      o,
      items: JSON.stringify(items),
      totals: offerTotals(recs),
      recommendations: recs.map((r) => ({
        ph: r.id,
        description: r.description,
        urgency: r.finding.urgency,
        note: r.finding.note,
        hoursMilli: r.hoursMilli,
        unitPrice: r.unitPrice,
        taxRateBp: r.taxRateBp,
        net: r.net,
        gross: r.gross,
        parts: r.parts,
      })),
    };
  });
}

/** Every placeholder a basket or offer may contain, for the SQL that fills them in. */
export function placeholders(baskets: readonly Basket[]) {
  const labour = new Set<string>();
  const parts = new Set<string>();
  for (const b of baskets) for (const l of b.lines) (l.kind === "labour" ? labour : parts).add(l.ph);
  return { labour: [...labour].sort(), parts: [...parts].sort() };
}
