// Which open invoice a credit on the shop's account pays (issue #15), in the order a bookkeeper
// trusts: the RF creditor reference printed on the invoice and in its EPC QR code (checked by its
// check digits, so a typo never pays the wrong invoice), then the invoice number written in the
// transfer's text, then — only if exactly one invoice fits — the exact open amount from a payer whose
// name is the customer's. A credit that fits an invoice but brings more than is open is not booked: a
// person decides (refund, or another invoice too).
import { isValidCreditorReference } from "../payment-reference";
import type { StatementEntry } from "./statement";

export interface OpenInvoice {
  id: string;
  number: string;
  openAmount: number;
  currency: string;
  customerName: string;
}

export type MatchRule = "reference" | "number" | "amount_and_name";
export type Unmatched = "no_match" | "more_than_open" | "currency" | "ambiguous";

export type Match =
  | { matched: true; invoiceId: string; rule: MatchRule }
  | { matched: false; reason: Unmatched; invoiceId: string | null };

/** Letters and digits only, upper case: how RF references and invoice numbers are compared. */
export const compact = (s: string) => s.toUpperCase().replace(/[^0-9A-Z]/g, "");

const legalForms = /\b(gmbh|co|kg|ag|ohg|ug|gbr|mbh|e\s?k|ltd|inc|llc|haftungsbeschrankt)\b/g;
function nameWords(name: string): string[] {
  return name
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/ß/g, "ss")
    .replace(legalForms, " ")
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 1);
}

/** The payer is the customer: every word of the shorter name (legal forms aside) is in the other. */
export function sameParty(payer: string | null, customer: string): boolean {
  if (!payer) return false;
  const a = nameWords(payer);
  const b = nameWords(customer);
  if (a.length === 0 || b.length === 0) return false;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.every((w) => long.includes(w));
}

/** RF references in a text, with or without the spaces banks print them with; only valid ones. */
export function creditorReferencesIn(text: string): string[] {
  const found = new Set<string>();
  const squeezed = text.toUpperCase().replace(/\s+/g, "");
  for (const m of squeezed.matchAll(/RF\d{2}[0-9A-Z]{1,21}/g)) {
    // A reference runs into the next word once spaces are gone: try the longest valid prefix.
    for (let end = m[0].length; end >= 5; end--) {
      const candidate = m[0].slice(0, end);
      if (isValidCreditorReference(candidate)) {
        found.add(candidate);
        break;
      }
    }
  }
  return [...found];
}

/**
 * Matches credits to open invoices one after the other: a credit booked lowers what is open, so a
 * second transfer for the same invoice in the same statement is judged on what is left.
 */
export class CreditMatcher {
  private readonly byNumber = new Map<string, OpenInvoice>();
  private readonly open = new Map<string, number>();

  constructor(private readonly invoices: readonly OpenInvoice[]) {
    for (const invoice of invoices) {
      this.byNumber.set(compact(invoice.number), invoice);
      this.open.set(invoice.id, invoice.openAmount);
    }
  }

  match(
    entry: Pick<StatementEntry, "amount" | "currency" | "remittance" | "endToEndId" | "payerName">,
  ): Match {
    const text = [entry.remittance, entry.endToEndId ?? ""].join(" ");
    const found = this.byReference(text) ?? this.byNumberIn(text);
    if (found) return this.settle(found.invoice, found.rule, entry);
    const fits = this.invoices.filter(
      (i) =>
        i.currency === entry.currency &&
        this.open.get(i.id) === entry.amount &&
        sameParty(entry.payerName, i.customerName),
    );
    if (fits.length === 1) return this.settle(fits[0]!, "amount_and_name", entry);
    return { matched: false, reason: fits.length > 1 ? "ambiguous" : "no_match", invoiceId: null };
  }

  private byReference(text: string) {
    for (const reference of creditorReferencesIn(text)) {
      const invoice = this.byNumber.get(reference.slice(4));
      if (invoice) return { invoice, rule: "reference" as const };
    }
    return undefined;
  }

  private byNumberIn(text: string) {
    // Words that could be a number (letters, digits and the separators numbers are written with).
    for (const word of text.toUpperCase().match(/[0-9A-Z][0-9A-Z\-/.]{3,}[0-9A-Z]/g) ?? []) {
      const invoice = this.byNumber.get(compact(word));
      if (invoice) return { invoice, rule: "number" as const };
    }
    return undefined;
  }

  private settle(invoice: OpenInvoice, rule: MatchRule, entry: { amount: number; currency: string }): Match {
    if (invoice.currency !== entry.currency)
      return { matched: false, reason: "currency", invoiceId: invoice.id };
    const open = this.open.get(invoice.id) ?? 0;
    if (entry.amount > open) return { matched: false, reason: "more_than_open", invoiceId: invoice.id };
    this.open.set(invoice.id, open - entry.amount);
    return { matched: true, invoiceId: invoice.id, rule };
  }
}
