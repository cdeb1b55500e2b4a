// What a shop's printed documents must say about the company behind them. A German GmbH (and the
// UG, a GmbH with less capital) must print on every business letter — invoices and estimates
// included — its register court, its register number and all its managing directors (§35a GmbHG);
// a court without a number, or the reverse, identifies nothing.
import { DomainError, type FieldError } from "./errors";

export interface LegalDetails {
  legalName: string;
  country: string;
  registerCourt: string | null;
  registerNumber: string | null;
  managingDirectors: readonly string[];
}

/** A legal name that says the company is a GmbH or UG (haftungsbeschränkt), gGmbH and GmbH & Co. KG too. */
export function isLimitedCompany(legalName: string): boolean {
  return /(^|[\s(])(g?GmbH|UG)([\s),.&]|$)/.test(legalName);
}

/** German register numbers: the register (HRB for companies, HRA, GnR, PR, VR) and the entry, "HRB 12345 B". */
const germanRegisterNumber = /^(HRA|HRB|GnR|GsR|PR|VR)\s?\d{1,7}(\s?[A-Z]{1,3})?$/;

export const isGermanRegisterNumber = (number: string) => germanRegisterNumber.test(number.trim());

export function checkLegalDetails(l: LegalDetails): void {
  const errors: FieldError[] = [];
  const court = l.registerCourt?.trim() || null;
  const number = l.registerNumber?.trim() || null;
  const german = l.country.toUpperCase() === "DE";
  if (number && !court) errors.push({ field: "registerCourt", message: "Enter the register court." });
  if (court && !number) errors.push({ field: "registerNumber", message: "Enter the register number." });
  if (number && german && !germanRegisterNumber.test(number)) {
    errors.push({ field: "registerNumber", message: "Use the register and number, e.g. HRB 12345 B." });
  }
  if (german && isLimitedCompany(l.legalName)) {
    if (!court && !number) {
      errors.push(
        { field: "registerCourt", message: "A GmbH prints its register court (§35a GmbHG)." },
        { field: "registerNumber", message: "A GmbH prints its register number (§35a GmbHG)." },
      );
    }
    if (l.managingDirectors.length === 0) {
      errors.push({
        field: "managingDirectors",
        message: "A GmbH prints all its managing directors (§35a GmbHG).",
      });
    }
  }
  if (errors.length > 0) {
    throw new DomainError("validation", "The legal details printed on invoices are incomplete.", errors);
  }
}

/** The legal lines a document prints: "Register court: Amtsgericht Charlottenburg, HRB 12345 B", "Managing directors: …". */
export function legalLines(
  l: Pick<LegalDetails, "registerCourt" | "registerNumber" | "managingDirectors">,
  words: { register: string; directors: string },
): string[] {
  const lines: string[] = [];
  if (l.registerCourt && l.registerNumber)
    lines.push(`${words.register}: ${l.registerCourt}, ${l.registerNumber}`);
  if (l.managingDirectors.length > 0) lines.push(`${words.directors}: ${l.managingDirectors.join(", ")}`);
  return lines;
}
