// Invoices and credit notes (GET/POST/PATCH /api/v1/invoices): types, query keys and hooks, and the
// draft's totals computed exactly as the server computes them (the domain's money rules).
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { lineNet, type Totals, totals } from "../../../domain/money";
import { api } from "../../api";
import { PAGE_SIZE } from "../../shared/useListParams";
import type { EInvoiceFormat, ListResponse } from "../../types";

export type InvoiceKind = "invoice" | "credit_note";
export type InvoiceStatus = "draft" | "issued";
export type PaymentStatus = "draft" | "invoiced" | "partially_paid" | "paid" | "overdue" | "credited";

export interface InvoiceLine {
  description: string;
  partNumber: string | null;
  /** Thousandths (1.5 → 1500). */
  quantityMilli: number;
  /** Minor units. */
  unitPrice: number;
  /** Basis points (19 % → 1900). */
  taxRateBp: number;
  net: number;
  /** The e-invoice's unit (UN/ECE Rec 20); absent: the server's (C62, one). */
  unitCode?: UnitCode;
  /** The e-invoice's VAT category; absent: automatic (from the rate and the customer). */
  taxCategory?: TaxCategory;
  /** Required with category E (exempt). */
  taxExemptionReason?: string;
}

export const UNIT_CODES = ["HUR", "H87", "C62", "LTR", "KGM", "MTR", "SET"] as const;
export type UnitCode = (typeof UNIT_CODES)[number];
export const TAX_CATEGORIES = ["S", "Z", "E", "AE", "K", "G", "O"] as const;
export type TaxCategory = (typeof TAX_CATEGORIES)[number];

export interface Invoice {
  id: string;
  kind: InvoiceKind;
  /** INV-<year>-<seq> / CN-<year>-<seq>; null while a draft. */
  number: string | null;
  status: InvoiceStatus;
  source: "work_order" | "manual" | "api" | "upload";
  /** The DMS's id of an invoice it pushed (source api); null for Pitlane's own. */
  externalId: string | null;
  customerId: string;
  customerName: string;
  unitId: string | null;
  unitLabel: string | null;
  plate: string | null;
  workOrderId: string | null;
  creditedInvoiceId: string | null;
  currency: string;
  lines: InvoiceLine[];
  totals: Totals;
  serviceDate: string | null;
  issueDate: string | null;
  dueDate: string | null;
  note: string | null;
  poNumber: string | null;
  paymentStatus: PaymentStatus;
  received: number;
  open: number;
  overpaid: boolean;
  deliveredAt: string | null;
  deliveredTo: string | null;
  bookedAt: string | null;
  sentAt: string | null;
  sentTo: string | null;
  /** Paid (or credited), delivered and booked. */
  closed: boolean;
  version: number;
  createdAt: string;
  /** Every payment and refund, oldest first (the invoice's own read only). */
  payments: InvoicePayment[];
}

export interface InvoicePayment {
  id: string;
  kind: "payment" | "refund";
  amount: number;
  currency: string;
  method: string;
  /** "pos" for the counter, else the provider. */
  source: string;
  reference: string | null;
  recordedBy: string | null;
  at: string;
}

/** Money the provider reported that was not counted: a refund beyond what its payment brought. */
export interface PaymentReview {
  id: string;
  kind: "refund-excess";
  /** Minor units beyond the payment. */
  amount: number;
  currency: string;
  source: string;
  /** The provider's id of the payment. */
  reference: string;
  /** The running refunded total the provider reported. */
  reportedTotal: number;
  /** What the payment brought: refunds count up to this. */
  paymentAmount: number;
  createdAt: string;
}

/** One invoice as GET /invoices/{id} gives it: with what is waiting for review. */
export interface InvoiceDetail extends Invoice {
  paymentReviews: PaymentReview[];
  /** The issued credit notes against this invoice, oldest first; gross is what each credits (positive). */
  creditNotes: {
    id: string;
    number: string | null;
    issueDate: string | null;
    gross: number;
    currency: string;
  }[];
  /** The payment link last mailed (a resend replaces it); null when never sent. */
  paymentLink: PaymentLink | null;
}

export interface PaymentLink {
  state: "active" | "cancelled" | "expired";
  sentTo: string | null;
  sentAt: string;
  expiresAt: string;
  /** When the customer first opened the payment page. */
  openedAt: string | null;
  cancelledAt: string | null;
  cancelledBy: string | null;
}

/**
 * One sign for a credit note's money wherever it is shown (page, list row, PDF): negative, as the
 * credit note takes the amount off what the customer owes. The API keeps amounts positive.
 */
export function signed(kind: InvoiceKind, minor: number): number {
  return kind === "credit_note" && minor !== 0 ? -minor : minor;
}

/** The lines and totals as shown: a credit note's amounts (line, net, tax, gross) negative, its prices as they are. */
export function shownAmounts(invoice: Pick<Invoice, "kind" | "lines" | "totals">) {
  if (invoice.kind !== "credit_note") return { lines: invoice.lines, totals: invoice.totals };
  const neg = (minor: number) => signed("credit_note", minor);
  return {
    lines: invoice.lines.map((line) => ({ ...line, net: neg(line.net) })),
    totals: {
      net: neg(invoice.totals.net),
      tax: neg(invoice.totals.tax),
      gross: neg(invoice.totals.gross),
      byRate: invoice.totals.byRate.map((r) => ({ rateBp: r.rateBp, net: neg(r.net), tax: neg(r.tax) })),
    },
  };
}

export type InvoiceLineInput = Omit<InvoiceLine, "net" | "partNumber"> & { partNumber?: string | null };

export const TAX_RATES = [1900, 700, 0] as const;

export const invoiceKeys = {
  all: ["invoices"] as const,
  list: (params: { q: string; offset: number; filter: InvoiceFilter | "" }) =>
    ["invoices", "list", params] as const,
  detail: (id: string) => ["invoices", "detail", id] as const,
  /** Under "invoices": whatever refreshes the invoices refreshes it too. */
  eInvoiceChecks: ["invoices", "e-invoice-check"] as const,
  eInvoiceCheck: (id: string) => ["invoices", "e-invoice-check", id] as const,
  forWorkOrder: (workOrderId: string) => ["invoices", "work-order", workOrderId] as const,
};

export function invoicePath(id: string): string {
  return `/api/v1/invoices/${encodeURIComponent(id)}`;
}

export function invoicePdfHref(id: string): string {
  return `${invoicePath(id)}/pdf`;
}

/** The one-page payment request for the counter (pay link QR and GiroCode). */
export function paymentRequestPdfHref(id: string): string {
  return `${invoicePath(id)}/payment-request.pdf`;
}

/** The issued invoice's e-invoice: in the customer's format, or in the one asked for. */
export function eInvoiceHref(id: string, format?: Exclude<EInvoiceFormat, "none">): string {
  return `${invoicePath(id)}/e-invoice${format ? `?format=${format}` : ""}`;
}

/** Which e-invoice the customer gets and what the invoice still lacks for it (empty: nothing). */
export interface EInvoiceCheck {
  format: EInvoiceFormat;
  /** The format's name (e.g. "XRechnung (CII)"); null for the PDF alone. */
  label: string | null;
  /** In English from the server; field is "customer.…", "location.…" or the invoice's own. */
  missing: { field: string; message: string }[];
}

export function useEInvoiceCheck(id: string) {
  return useQuery({
    queryKey: invoiceKeys.eInvoiceCheck(id),
    queryFn: ({ signal }) => api.get<EInvoiceCheck>(`${invoicePath(id)}/e-invoice/check`, undefined, signal),
  });
}

/** The dashboard's filters: Paid – ready for pick-up, Delivered – not paid, Open, Closed. */
export const INVOICE_FILTERS = ["paid_ready", "delivered_unpaid", "open", "closed"] as const;
export type InvoiceFilter = (typeof INVOICE_FILTERS)[number];

/** A row of the dashboard's list: the invoice without its lines. */
export type InvoiceListItem = Omit<Invoice, "lines" | "payments">;

export interface InvoiceList extends ListResponse<InvoiceListItem> {
  /** Across the location: still open on issued invoices, and received today (minor units). */
  summary: { openTotal: number; paidToday: number; currency: string };
}

export function useInvoices(params: { q: string; offset: number; filter: InvoiceFilter | "" }) {
  return useQuery({
    queryKey: invoiceKeys.list(params),
    queryFn: ({ signal }) =>
      api.get<InvoiceList>(
        "/api/v1/invoices",
        {
          q: params.q || undefined,
          filter: params.filter || undefined,
          limit: PAGE_SIZE,
          offset: params.offset,
        },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

export function useInvoice(id: string | undefined) {
  return useQuery({
    queryKey: invoiceKeys.detail(id ?? ""),
    queryFn: ({ signal }) => api.get<InvoiceDetail>(invoicePath(id ?? ""), undefined, signal),
    enabled: !!id,
  });
}

/** The invoice made from a work order (the API looks it up by the work order). */
export function useWorkOrderInvoice(workOrder: { id: string; customerName: string }, enabled: boolean) {
  return useQuery({
    queryKey: invoiceKeys.forWorkOrder(workOrder.id),
    queryFn: async ({ signal }) => {
      const page = await api.get<ListResponse<InvoiceListItem>>(
        "/api/v1/invoices",
        { workOrderId: workOrder.id, limit: 5, offset: 0 },
        signal,
      );
      return (
        page.items.find((invoice) => invoice.kind === "invoice" && invoice.workOrderId === workOrder.id) ??
        null
      );
    },
    enabled,
  });
}

/** Net of each line and the totals by tax rate, with the server's rounding (EN 16931). */
export function priceDraft(lines: readonly Omit<InvoiceLineInput, "description">[]): Totals {
  return totals(
    lines.map((line) => ({ net: lineNet(line.quantityMilli, line.unitPrice), taxRateBp: line.taxRateBp })),
  );
}

export type { Totals };
export { lineNet };
