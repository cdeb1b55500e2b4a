// Bench part "e-invoice" (issue #16): how long one e-invoice takes to produce, per format, from a
// 20-line invoice: the first call (the generator builds its validator) and 30 warm calls each. The
// invoice mail and the downloads produce one on the request, so a warm p95 under 500 ms is the budget.
import type { Invoice } from "@e-invoice-eu/core";
import { eInvoiceGenerator } from "../src/app/invoices/e-invoice-generator";
import { renderPdf } from "../src/app/support/documents/pdf-document";
import { type EInvoiceSource, eInvoiceDocument } from "../src/domain/e-invoice/build";
import { priceLines } from "../src/domain/invoice";

const budgetP95Ms = 500;
const runs = 30;

function invoice(): EInvoiceSource {
  const lines = Array.from({ length: 20 }, (_, i) => ({
    description: i % 2 ? `Teil ${i}` : `Arbeit ${i}`,
    partNumber: i % 2 ? `P-${i}` : null,
    quantityMilli: 500 + i * 250,
    unitPrice: 1990 + i * 731,
    taxRateBp: i % 7 === 3 ? 700 : 1900,
    ...(i % 2 ? {} : { unitCode: "HUR" }),
  }));
  const priced = priceLines(lines);
  return {
    kind: "invoice",
    number: "INV-2026-000123",
    issueDate: "2026-12-07",
    dueDate: "2026-12-21",
    serviceDate: "2026-12-04",
    currency: "EUR",
    poNumber: "PO-1",
    note: null,
    credited: null,
    ...priced,
    seller: {
      legalName: "Autohaus Beispiel GmbH",
      street: "Werkstattweg 3",
      postalCode: "10115",
      city: "Berlin",
      country: "DE",
      vatId: "DE123456789",
      taxNumber: null,
      iban: "DE89370400440532013000",
      bic: "COBADEFFXXX",
      email: "service@autohaus.test",
      phone: "+49 30 1234567",
      eInvoiceAddress: null,
    },
    buyer: {
      name: "Stadtwerke Musterstadt",
      street: "Rathausplatz 1",
      postalCode: "20095",
      city: "Hamburg",
      country: "DE",
      vatId: null,
      email: "rechnung@stadtwerke.test",
      eInvoiceAddress: null,
      buyerReference: "04011000-12345-34",
      language: "de",
    },
    vehicle: { make: "VW", model: "Crafter", year: 2021, plate: "HH-SW 123", vin: null, odometerKm: 81_250 },
    paymentReference: "RF18INV2026000123",
  };
}

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const round = (n: number) => Math.round(n * 10) / 10;
const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

export async function eInvoiceTimings() {
  const source = invoice();
  const document = eInvoiceDocument(source) as unknown as Invoice;
  const pdf = await renderPdf({
    title: "Rechnung INV-2026-000123",
    seller: { name: source.seller.legalName, lines: [] },
    sellerFacts: [],
    buyer: { name: source.buyer.name, lines: [] },
    facts: [],
    headings: { description: "", quantity: "", unitPrice: "", tax: "", amount: "" },
    rows: source.lines.map((l) => ({
      description: l.description,
      quantity: "",
      unitPrice: "",
      tax: "",
      amount: "",
    })),
    totals: [],
    notes: [],
    footer: "",
    codes: [],
  });
  const formats = ["XRECHNUNG-CII", "XRECHNUNG-UBL", "Factur-X-EN16931"] as const;
  const generate = (format: string) =>
    eInvoiceGenerator().generate(document, {
      format,
      lang: "de",
      ...(format.startsWith("Factur-X")
        ? { pdf: { buffer: pdf, filename: "a.pdf", mimetype: "application/pdf" } }
        : {}),
    });
  const coldStart = process.hrtime.bigint();
  await generate("XRECHNUNG-CII");
  const firstCallMs = round(ms(coldStart));
  const perFormat = [];
  for (const format of formats) {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = process.hrtime.bigint();
      await generate(format);
      times.push(ms(start));
    }
    times.sort((a, b) => a - b);
    const p95 = round(quantile(times, 0.95));
    perFormat.push({
      format,
      runs,
      p50Ms: round(quantile(times, 0.5)),
      p95Ms: p95,
      maxMs: round(times[times.length - 1]!),
      budget: p95 < budgetP95Ms ? "met" : "missed",
    });
  }
  return { lines: source.lines.length, firstCallMs, budgetP95Ms, formats: perFormat };
}
