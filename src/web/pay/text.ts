// The payment page's words in English and German (the customer's language from the API). A tiny
// dictionary instead of i18next: this page has its own small bundle. "{x}" marks a value to fill in.
const en = {
  pageTitle: "Pay your invoice",
  loading: "Loading your invoice…",
  loadFailed: "We could not load your invoice. Please check your connection and try again.",
  notFound: "This payment link was not found. Please check the link in your email.",
  retry: "Try again",
  invoice: "Invoice {number}",
  from: "From {shop}",
  billedTo: "Billed to",
  issueDate: "Invoice date",
  dueDate: "Due date",
  status: "Status",
  amountOpen: "Amount due",
  amountPaid: "Amount paid",
  total: "Total",
  "status.invoiced": "Open",
  "status.partially_paid": "Partially paid",
  "status.paid": "Paid",
  "status.overdue": "Overdue",
  "status.credited": "Credited",
  payNow: "Pay now",
  payWith: "Choose how you want to pay {amount}.",
  "method.card": "Pay with card",
  "method.paypal": "Pay with PayPal",
  "method.instant_transfer": "Pay by instant transfer",
  redirecting: "Taking you to the secure checkout…",
  paymentFailed: "Your payment did not go through: {reason} Please try again or choose another method.",
  checkoutFailed: "The payment could not be started. Please try again.",
  bankTransfer: "Pay by bank transfer",
  bankIntro: "Transfer {amount} to this account. Please use the reference exactly as shown.",
  recipient: "Recipient",
  iban: "IBAN",
  bic: "BIC",
  reference: "Reference",
  amount: "Amount",
  qrAlt: "QR code for your banking app: transfer of {amount} to {name}, reference {reference}",
  qrHint: "Scan with your banking app to fill in the transfer.",
  counter: "Pay at the counter",
  counterText: "You can also pay in person at {shop}, {address}.",
  details: "Invoice details",
  description: "Description",
  quantity: "Qty",
  unitPrice: "Unit price",
  lineTotal: "Amount",
  linesCaption: "Invoice lines",
  totalsCaption: "Totals",
  net: "Net",
  taxAt: "VAT {rate}",
  netAt: "Net at {rate}",
  gross: "Total",
  downloadPdf: "Download PDF",
  downloadEInvoice: "Download e-invoice ({label})",
  print: "Print",
  confirming: "Confirming your payment…",
  confirmSlow:
    "Your payment is being processed. It can take a moment to show here — you do not need to pay again.",
  paidTitle: "Thank you, your payment was received",
  paidText: "Invoice {number} is paid in full.",
  invalidTitle: "This payment link is no longer valid",
  invalidText: "Please contact {shop}.",
  contact: "Contact",
  email: "Email",
  phone: "Phone",
  language: "Language",
  "failure.card_declined": "Your card was declined.",
  "failure.test_card_required":
    "Use a sandbox test card: 4242 4242 4242 4242 succeeds, 4000 0000 0000 0002 is declined.",
  "failure.not_completed": "The bank did not complete the payment.",
  "failure.declined": "The payment was declined.",
};

export type TextKey = keyof typeof en;

const de: Record<TextKey, string> = {
  pageTitle: "Rechnung bezahlen",
  loading: "Ihre Rechnung wird geladen…",
  loadFailed:
    "Ihre Rechnung konnte nicht geladen werden. Bitte prüfen Sie Ihre Verbindung und versuchen Sie es erneut.",
  notFound: "Dieser Zahlungslink wurde nicht gefunden. Bitte prüfen Sie den Link in Ihrer E-Mail.",
  retry: "Erneut versuchen",
  invoice: "Rechnung {number}",
  from: "Von {shop}",
  billedTo: "Rechnungsempfänger",
  issueDate: "Rechnungsdatum",
  dueDate: "Fällig am",
  status: "Status",
  amountOpen: "Offener Betrag",
  amountPaid: "Bezahlter Betrag",
  total: "Gesamt",
  "status.invoiced": "Offen",
  "status.partially_paid": "Teilweise bezahlt",
  "status.paid": "Bezahlt",
  "status.overdue": "Überfällig",
  "status.credited": "Gutgeschrieben",
  payNow: "Jetzt bezahlen",
  payWith: "Wählen Sie, wie Sie {amount} bezahlen möchten.",
  "method.card": "Mit Karte bezahlen",
  "method.paypal": "Mit PayPal bezahlen",
  "method.instant_transfer": "Per Sofortüberweisung bezahlen",
  redirecting: "Sie werden zur sicheren Zahlungsseite weitergeleitet…",
  paymentFailed:
    "Ihre Zahlung ist nicht durchgegangen: {reason} Bitte versuchen Sie es erneut oder wählen Sie eine andere Zahlungsart.",
  checkoutFailed: "Die Zahlung konnte nicht gestartet werden. Bitte versuchen Sie es erneut.",
  bankTransfer: "Per Überweisung bezahlen",
  bankIntro:
    "Überweisen Sie {amount} auf dieses Konto. Bitte verwenden Sie den Verwendungszweck genau wie angegeben.",
  recipient: "Empfänger",
  iban: "IBAN",
  bic: "BIC",
  reference: "Verwendungszweck",
  amount: "Betrag",
  qrAlt: "QR-Code für Ihre Banking-App: Überweisung von {amount} an {name}, Verwendungszweck {reference}",
  qrHint: "Scannen Sie den Code mit Ihrer Banking-App, um die Überweisung auszufüllen.",
  counter: "An der Kasse bezahlen",
  counterText: "Sie können auch vor Ort bei {shop} bezahlen: {address}.",
  details: "Rechnungsdetails",
  description: "Beschreibung",
  quantity: "Menge",
  unitPrice: "Einzelpreis",
  lineTotal: "Betrag",
  linesCaption: "Rechnungspositionen",
  totalsCaption: "Summen",
  net: "Netto",
  taxAt: "USt. {rate}",
  netAt: "Netto zu {rate}",
  gross: "Gesamt",
  downloadPdf: "PDF herunterladen",
  downloadEInvoice: "E-Rechnung herunterladen ({label})",
  print: "Drucken",
  confirming: "Ihre Zahlung wird bestätigt…",
  confirmSlow:
    "Ihre Zahlung wird bearbeitet. Es kann einen Moment dauern, bis sie hier erscheint — Sie müssen nicht erneut bezahlen.",
  paidTitle: "Vielen Dank, Ihre Zahlung ist eingegangen",
  paidText: "Rechnung {number} ist vollständig bezahlt.",
  invalidTitle: "Dieser Zahlungslink ist nicht mehr gültig",
  invalidText: "Bitte wenden Sie sich an {shop}.",
  contact: "Kontakt",
  email: "E-Mail",
  phone: "Telefon",
  language: "Sprache",
  "failure.card_declined": "Ihre Karte wurde abgelehnt.",
  "failure.test_card_required":
    "Verwenden Sie eine Sandbox-Testkarte: 4242 4242 4242 4242 wird angenommen, 4000 0000 0000 0002 wird abgelehnt.",
  "failure.not_completed": "Die Bank hat die Zahlung nicht abgeschlossen.",
  "failure.declined": "Die Zahlung wurde abgelehnt.",
};

export type Language = "en" | "de";

/** Both dictionaries, for the translation checks (test/web-unit/i18n.test.ts). */
export const texts = { en, de };

/** The words of a language, with values filled in. */
export function translator(language: Language) {
  const words = language === "de" ? de : en;
  return (key: TextKey, values: Record<string, string> = {}) =>
    words[key].replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? "");
}

/** The language before the invoice says which: the browser's, German or else English. */
export function browserLanguage(): Language {
  return navigator.language.toLowerCase().startsWith("de") ? "de" : "en";
}

// The app's key: a choice made on the shop's other pages on this device holds here too.
const storageKey = "pitlane.lang";

/** The language the reader picked with the switch on this device, if any. */
export function chosenLanguage(): Language | null {
  try {
    const value = localStorage.getItem(storageKey);
    return value === "en" || value === "de" ? value : null;
  } catch {
    return null;
  }
}

export function rememberLanguage(language: Language): void {
  try {
    localStorage.setItem(storageKey, language);
  } catch {
    // Storage disabled: the switch still works for this visit.
  }
}
