// The customer's payment page (/pay/<token>): the invoice, Pay now with the shop's provider methods,
// the bank transfer with its EPC QR code, and the states around a payment (declined, confirming,
// paid, link no longer valid). Plain DOM code — no framework — so the page stays small on a phone;
// every value from the API goes in as text, never as HTML.
import "./pay.css";
import { browserLanguage, chosenLanguage, type Language, rememberLanguage, translator } from "./text";

type PaymentStatus = "invoiced" | "partially_paid" | "paid" | "overdue" | "credited";
type Method = "card" | "paypal" | "instant_transfer" | "bank_transfer" | "counter";
type FailureCode = "card_declined" | "test_card_required" | "not_completed" | "declined";
const providerMethods = ["card", "paypal", "instant_transfer"] as const;

interface PayPage {
  state: "active" | "cancelled" | "expired";
  language: Language;
  shop: {
    name: string;
    legalName: string;
    address: string;
    email: string | null;
    phone: string | null;
    logoUrl: string | null;
  };
  invoice: {
    number: string;
    issueDate: string | null;
    dueDate: string | null;
    currency: string;
    customerName: string;
    lines: {
      description: string;
      quantityMilli: number;
      unitPrice: number;
      taxRateBp: number;
      net: number;
    }[];
    totals: {
      net: number;
      tax: number;
      gross: number;
      byRate: { rateBp: number; net: number; tax: number }[];
    };
    paymentStatus: PaymentStatus;
    open: number;
  };
  methods: Method[];
  bankTransfer: null | {
    name: string;
    iban: string;
    bic: string | null;
    reference: string;
    qrDataUrl: string;
  };
  lastFailure: string | null;
  lastFailureCode: FailureCode | null;
  /** The customer's e-invoice (issue #16); null for the PDF alone. */
  eInvoice: { label: string; url: string } | null;
}

class Problem extends Error {
  constructor(
    readonly status: number,
    readonly detail: string | null,
  ) {
    super(detail ?? `HTTP ${status}`);
  }
}

const root = document.getElementById("pay") as HTMLElement;
const token = decodeURIComponent(location.pathname.match(/^\/pay\/([^/?#]+)/)?.[1] ?? "");
const api = `/api/v1/pay/${encodeURIComponent(token)}`;
const returnedPaid = new URLSearchParams(location.search).get("paid") === "1";

// The reader's own pick on this device first, then the customer's language (once the invoice says
// it), then the browser's.
let chosen = chosenLanguage();
let language: Language = chosen ?? browserLanguage();
let t = translator(language);

// ---- DOM helpers --------------------------------------------------------------------------------

type Child = Node | string | null | undefined | false;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Record<string, string> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (name === "class") node.className = value;
    else node.setAttribute(name, value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

function button(label: string, onClick: () => void, className = "btn"): HTMLButtonElement {
  const node = el("button", { type: "button", class: className }, label);
  node.addEventListener("click", onClick);
  return node;
}

// ---- Formatting ---------------------------------------------------------------------------------

const locale = () => (language === "de" ? "de-DE" : "en-GB");

function money(minor: number, currency: string): string {
  const format = new Intl.NumberFormat(locale(), { style: "currency", currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits);
}

function day(iso: string | null): string {
  if (!iso) return "—";
  const date = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  return new Intl.DateTimeFormat(locale(), { dateStyle: "medium", timeZone: "UTC" }).format(date);
}

const quantity = (milli: number) =>
  new Intl.NumberFormat(locale(), { maximumFractionDigits: 3 }).format(milli / 1000);
const rate = (bp: number) =>
  new Intl.NumberFormat(locale(), { style: "percent", maximumFractionDigits: 2 }).format(bp / 10_000);

// ---- Data ---------------------------------------------------------------------------------------

async function request<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, {
    ...init,
    headers: { accept: "application/json", ...(init?.body ? { "content-type": "application/json" } : {}) },
    cache: "no-store",
  });
  if (!response.ok) {
    let detail: string | null = null;
    try {
      detail = ((await response.json()) as { detail?: string }).detail ?? null;
    } catch {
      // Not a problem document.
    }
    throw new Problem(response.status, detail);
  }
  return (await response.json()) as T;
}

// ---- Screens ------------------------------------------------------------------------------------

/** The status line every screen has: screen readers hear what changed. */
const status = el("div", { class: "status", role: "status", "aria-live": "polite" });
const content = el("div", { class: "content" });

function show(...nodes: Child[]) {
  content.replaceChildren(...nodes.filter((n): n is Node | string => !!n));
}

/** "quiet": for screen readers only (the page shows the same words in large). */
function say(message: string, kind: "info" | "quiet" | "" = "") {
  status.className = kind === "quiet" ? "status sr-only" : kind ? `status notice ${kind}` : "status";
  status.textContent = message;
}

let lastError: unknown = null;

function failedScreen(error: unknown) {
  lastError = error;
  const notFound = error instanceof Problem && error.status === 404;
  document.title = t("pageTitle");
  say("");
  show(
    el("h1", {}, t("pageTitle")),
    el("p", { class: "notice error", role: "alert" }, notFound ? t("notFound") : t("loadFailed")),
    notFound ? null : button(t("retry"), () => void load(), "btn secondary"),
  );
}

function contactBlock(data: PayPage): HTMLElement {
  const { shop } = data;
  return el(
    "section",
    { class: "card", "aria-labelledby": "contact-h" },
    el("h2", { id: "contact-h" }, t("contact")),
    el("p", {}, el("strong", {}, shop.legalName), el("br"), shop.address),
    shop.email ? el("p", {}, `${t("email")}: `, el("a", { href: `mailto:${shop.email}` }, shop.email)) : null,
    shop.phone
      ? el(
          "p",
          {},
          `${t("phone")}: `,
          el("a", { href: `tel:${shop.phone.replace(/[^+\d]/g, "")}` }, shop.phone),
        )
      : null,
  );
}

function header(data: PayPage): HTMLElement {
  return el(
    "header",
    { class: "head" },
    data.shop.logoUrl ? el("img", { class: "logo", src: data.shop.logoUrl, alt: data.shop.name }) : null,
    el("p", { class: "shop" }, data.shop.name),
    // The number never breaks at its hyphens.
    el(
      "h1",
      {},
      ...t("invoice", { number: "\u0000" })
        .split("\u0000")
        .flatMap((part, i) =>
          i === 0 ? [part] : [el("span", { class: "nowrap" }, data.invoice.number), part],
        ),
    ),
  );
}

function summary(data: PayPage): HTMLElement {
  const { invoice } = data;
  const fmt = (minor: number) => money(minor, invoice.currency);
  const paid = invoice.paymentStatus === "paid";
  const row = (label: string, value: Node | string) => [el("dt", {}, label), el("dd", {}, value)];
  return el(
    "section",
    { class: "card summary", "aria-label": paid ? t("amountPaid") : t("amountOpen") },
    el(
      "div",
      { class: "due" },
      el("span", { class: "due-label" }, paid ? t("amountPaid") : t("amountOpen")),
      el("span", { class: "due-amount num" }, fmt(paid ? invoice.totals.gross : invoice.open)),
    ),
    el(
      "dl",
      { class: "facts" },
      ...row(
        t("status"),
        el(
          "span",
          { class: `badge ${paid ? "ok" : invoice.paymentStatus === "overdue" ? "bad" : ""}` },
          t(`status.${invoice.paymentStatus}`),
        ),
      ),
      ...row(t("total"), el("span", { class: "num" }, fmt(invoice.totals.gross))),
      ...row(t("issueDate"), day(invoice.issueDate)),
      ...row(t("dueDate"), day(invoice.dueDate)),
      ...row(t("billedTo"), invoice.customerName),
    ),
  );
}

function payNow(data: PayPage): HTMLElement | null {
  const { invoice } = data;
  const offered = providerMethods.filter((m) => data.methods.includes(m));
  if (offered.length === 0) return null;
  const message = el("div", { class: "checkout-msg" });
  if (data.lastFailure) {
    message.append(
      el("p", { class: "notice error", role: "alert" }, t("paymentFailed", { reason: why(data) })),
    );
  }
  const buttons = offered.map((method) =>
    button(t(`method.${method}`), () => void checkout(method, buttons, message), "btn pay"),
  );
  return el(
    "section",
    { class: "card", "aria-labelledby": "pay-h" },
    el("h2", { id: "pay-h" }, t("payNow")),
    message,
    el("p", {}, t("payWith", { amount: money(invoice.open, invoice.currency) })),
    el("div", { class: "methods" }, ...buttons),
  );
}

/**
 * Why the last payment failed, in the reader's language. The provider's own words are English, so
 * only an English page shows them when there is no code (failures recorded before codes).
 */
function why(data: PayPage): string {
  if (data.lastFailureCode) return t(`failure.${data.lastFailureCode}`);
  return language === "en" && data.lastFailure ? data.lastFailure : t("failure.declined");
}

async function checkout(
  method: (typeof providerMethods)[number],
  buttons: HTMLButtonElement[],
  message: HTMLElement,
) {
  for (const b of buttons) b.disabled = true;
  message.replaceChildren();
  say(t("redirecting"), "info");
  try {
    const { url } = await request<{ url: string }>(`${api}/checkout`, {
      method: "POST",
      // The provider's checkout speaks the page's language too.
      body: JSON.stringify({ method, language }),
    });
    location.assign(url);
  } catch (error) {
    say("");
    for (const b of buttons) b.disabled = false;
    const detail = error instanceof Problem && error.detail ? error.detail : t("checkoutFailed");
    const alert = el("p", { class: "notice error", role: "alert", tabindex: "-1" }, detail);
    message.replaceChildren(alert);
    alert.focus();
    // Already paid (409) or the link is gone (410): the page shows how things stand now.
    if (error instanceof Problem && (error.status === 409 || error.status === 410)) {
      const fresh = await request<PayPage>(api).catch(() => null);
      if (fresh) render(fresh, detail);
    }
  }
}

function bankBlock(data: PayPage): HTMLElement | null {
  const bank = data.bankTransfer;
  if (!bank || !data.methods.includes("bank_transfer")) return null;
  const amount = money(data.invoice.open, data.invoice.currency);
  const row = (label: string, value: string) => [el("dt", {}, label), el("dd", { class: "num copy" }, value)];
  const iban = bank.iban
    .replace(/\s+/g, "")
    .replace(/(.{4})/g, "$1 ")
    .trim();
  return el(
    "section",
    { class: "card", "aria-labelledby": "bank-h" },
    el("h2", { id: "bank-h" }, t("bankTransfer")),
    el("p", {}, t("bankIntro", { amount })),
    el(
      "dl",
      { class: "facts bank" },
      ...row(t("recipient"), bank.name),
      ...row(t("iban"), iban),
      ...(bank.bic ? row(t("bic"), bank.bic) : []),
      ...row(t("reference"), bank.reference),
      ...row(t("amount"), amount),
    ),
    bank.qrDataUrl.startsWith("data:image/png;base64,")
      ? el(
          "figure",
          { class: "qr" },
          el("img", {
            src: bank.qrDataUrl,
            width: "200",
            height: "200",
            alt: t("qrAlt", { amount, name: bank.name, reference: bank.reference }),
          }),
          el("figcaption", {}, t("qrHint")),
        )
      : null,
  );
}

function counterBlock(data: PayPage): HTMLElement | null {
  if (!data.methods.includes("counter")) return null;
  return el(
    "section",
    { class: "card", "aria-labelledby": "counter-h" },
    el("h2", { id: "counter-h" }, t("counter")),
    el("p", {}, t("counterText", { shop: data.shop.name, address: data.shop.address })),
  );
}

function detailsBlock(data: PayPage): HTMLElement {
  const { invoice } = data;
  const fmt = (minor: number) => money(minor, invoice.currency);
  const lines = el(
    "table",
    { class: "lines" },
    el("caption", { class: "sr-only" }, t("linesCaption")),
    el(
      "thead",
      {},
      el(
        "tr",
        {},
        el("th", { scope: "col" }, t("description")),
        el("th", { scope: "col", class: "r" }, t("quantity")),
        el("th", { scope: "col", class: "r wide" }, t("unitPrice")),
        el("th", { scope: "col", class: "r" }, t("lineTotal")),
      ),
    ),
    el(
      "tbody",
      {},
      ...invoice.lines.map((line) =>
        el(
          "tr",
          {},
          el("td", {}, line.description, el("span", { class: "sub" }, rate(line.taxRateBp))),
          el("td", { class: "r num" }, quantity(line.quantityMilli)),
          el("td", { class: "r num wide" }, fmt(line.unitPrice)),
          el("td", { class: "r num" }, fmt(line.net)),
        ),
      ),
    ),
  );
  const totalRow = (label: string, value: number, strong = false) =>
    el(
      "tr",
      strong ? { class: "grand" } : {},
      el("th", { scope: "row" }, label),
      el("td", { class: "r num" }, fmt(value)),
    );
  const several = invoice.totals.byRate.length > 1;
  const totals = el(
    "table",
    { class: "totals" },
    el("caption", { class: "sr-only" }, t("totalsCaption")),
    el(
      "tbody",
      {},
      totalRow(t("net"), invoice.totals.net),
      ...invoice.totals.byRate
        .flatMap((r) => [
          several ? totalRow(t("netAt", { rate: rate(r.rateBp) }), r.net) : null,
          totalRow(t("taxAt", { rate: rate(r.rateBp) }), r.tax),
        ])
        .filter((row): row is HTMLTableRowElement => !!row),
      totalRow(t("gross"), invoice.totals.gross, true),
    ),
  );
  return el(
    "section",
    { class: "card", "aria-labelledby": "details-h" },
    el("h2", { id: "details-h" }, t("details")),
    el("div", { class: "scroll" }, lines),
    totals,
    el(
      "div",
      { class: "actions no-print" },
      el(
        "a",
        { class: "btn secondary", href: `${api}/pdf`, target: "_blank", rel: "noopener" },
        t("downloadPdf"),
      ),
      data.eInvoice
        ? el(
            "a",
            { class: "btn secondary", href: data.eInvoice.url, download: "" },
            t("downloadEInvoice", data.eInvoice),
          )
        : null,
      button(t("print"), () => window.print(), "btn secondary"),
    ),
  );
}

function paidBlock(data: PayPage): HTMLElement {
  return el(
    "section",
    { class: "card done", "aria-labelledby": "paid-h" },
    el("span", { class: "check", "aria-hidden": "true" }, "✓"),
    el("h2", { id: "paid-h" }, t("paidTitle")),
    el("p", {}, t("paidText", { number: data.invoice.number })),
  );
}

// ---- Flow ---------------------------------------------------------------------------------------

let polls = 0;
let pollTimer: number | undefined;

let shown: { data: PayPage; note: string | undefined } | null = null;

function setLanguage(next: Language) {
  language = next;
  t = translator(language);
  document.documentElement.lang = language;
  for (const b of switchButtons) b.setAttribute("aria-pressed", String(b.lang === language));
  switcher.setAttribute("aria-label", t("language"));
}

/** EN | DE: the customer may read another language than the shop has on record. */
const switchButtons = (["en", "de"] as const).map((code) => {
  const b = button(
    code.toUpperCase(),
    () => {
      if (code === language) return;
      chosen = code;
      rememberLanguage(code);
      setLanguage(code);
      if (shown) render(shown.data, shown.note);
      else if (content.querySelector("[role=alert]")) failedScreen(lastError);
      else say(t("loading"));
    },
    "lang-btn",
  );
  b.lang = code;
  return b;
});
const switcher = el("div", { class: "lang", role: "group" }, ...switchButtons);

function render(data: PayPage, note?: string) {
  shown = { data, note };
  setLanguage(chosen ?? (data.language === "de" ? "de" : "en"));
  document.title = `${t("invoice", { number: data.invoice.number })} · ${data.shop.name}`;
  const { invoice } = data;

  if (data.state !== "active") {
    say("");
    show(
      header(data),
      el(
        "section",
        { class: "card", "aria-labelledby": "invalid-h" },
        el("h2", { id: "invalid-h" }, t("invalidTitle")),
        el("p", { class: "notice error" }, note ?? t("invalidText", { shop: data.shop.name })),
      ),
      contactBlock(data),
    );
    return;
  }

  const paid = invoice.paymentStatus === "paid";
  const payable = invoice.open > 0 && !paid && invoice.paymentStatus !== "credited";
  const confirming = returnedPaid && !paid && payable && !data.lastFailure;

  if (paid) say(t("paidTitle"), "quiet");
  else if (confirming) say(polls >= 15 ? t("confirmSlow") : t("confirming"), "info");
  else say("");

  show(
    header(data),
    paid ? paidBlock(data) : null,
    summary(data),
    payable && !confirming ? payNow(data) : null,
    payable && !confirming ? bankBlock(data) : null,
    payable && !confirming ? counterBlock(data) : null,
    detailsBlock(data),
    contactBlock(data),
  );

  // Back from the provider with ?paid=1: its webhook may land a moment later — ask again each second.
  window.clearTimeout(pollTimer);
  if (confirming && polls < 15) {
    pollTimer = window.setTimeout(() => {
      polls += 1;
      void load(true);
    }, 1000);
  }
}

async function load(quiet = false) {
  if (!quiet) {
    say(t("loading"));
    content.setAttribute("aria-busy", "true");
  }
  try {
    render(await request<PayPage>(api));
  } catch (error) {
    if (quiet && polls < 15) {
      pollTimer = window.setTimeout(() => {
        polls += 1;
        void load(true);
      }, 1000);
    } else failedScreen(error);
  } finally {
    content.removeAttribute("aria-busy");
  }
}

setLanguage(language);
root.replaceChildren(switcher, status, content);
void load();
