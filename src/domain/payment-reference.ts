// The payment reference and the bank-transfer QR code printed on an invoice: an ISO 11649 creditor
// reference (RF…) derived from the invoice number, and the EPC QR code ("GiroCode", EPC069-12
// version 002) that banking apps scan to fill in a SEPA credit transfer.
import { DomainError } from "./errors";
import { minorUnits } from "./money";

/** ISO 7064 MOD 97-10 over an alphanumeric string, letters as A=10 … Z=35, in chunks (no BigInt needed). */
function mod97(input: string): number {
  let rest = 0;
  for (const ch of input) {
    const digits = /[0-9]/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
  }
  return rest;
}

/** The creditor reference for an invoice number: RF + two check digits + the number's letters and digits. */
export function creditorReference(invoiceNumber: string): string {
  const body = invoiceNumber.toUpperCase().replace(/[^0-9A-Z]/g, "");
  if (body.length === 0 || body.length > 21) {
    throw new DomainError("validation", "An RF reference carries 1 to 21 letters and digits.");
  }
  const check = 98 - mod97(`${body}RF00`);
  return `RF${String(check).padStart(2, "0")}${body}`;
}

/** Whether a creditor reference's check digits are right (what a bank checks before accepting it). */
export function isValidCreditorReference(reference: string): boolean {
  const compact = reference.replace(/\s/g, "").toUpperCase();
  if (!/^RF\d{2}[0-9A-Z]{1,21}$/.test(compact)) return false;
  return mod97(`${compact.slice(4)}${compact.slice(0, 4)}`) === 1;
}

export interface EpcTransfer {
  name: string;
  iban: string;
  bic?: string | null;
  /** Minor units; the EPC code only carries euro amounts. */
  amount: number;
  currency: string;
  /** The structured creditor reference (RF…); empty when `remittance` says what is paid instead. */
  reference: string;
  /** Unstructured remittance (at most 140 characters), only without a reference: e.g. several invoice numbers. */
  remittance?: string;
}

/**
 * The EPC QR payload: SEPA credit transfer in euro, with the structured creditor reference (the
 * unstructured remittance line stays empty, as the standard requires when a reference is given).
 */
export function epcQrPayload(t: EpcTransfer): string {
  if (t.currency !== "EUR") throw new DomainError("validation", "The EPC QR code is for euro payments only.");
  if (t.amount < 1 || t.amount > 99_999_999_999) {
    throw new DomainError("validation", "The amount must be between €0.01 and €999,999,999.99.");
  }
  const iban = t.iban.replace(/\s/g, "").toUpperCase();
  if (!/^[A-Z]{2}\d{2}[0-9A-Z]{11,30}$/.test(iban))
    throw new DomainError("validation", "Enter a valid IBAN.");
  const name = t.name.trim().slice(0, 70);
  const amount = (t.amount / 10 ** minorUnits("EUR")).toFixed(2);
  const lines = [
    "BCD",
    "002",
    "1", // UTF-8
    "SCT",
    (t.bic ?? "").replace(/\s/g, "").toUpperCase(),
    name,
    iban,
    `EUR${amount}`,
    "", // purpose code
    t.reference,
    // Unstructured remittance: empty when a structured reference is given.
    t.reference ? "" : (t.remittance ?? "").replace(/\s+/g, " ").trim().slice(0, 140),
  ];
  const payload = lines.join("\n");
  if (Buffer.byteLength(payload, "utf8") > 331)
    throw new DomainError("validation", "The EPC QR payload is too long.");
  return payload;
}
