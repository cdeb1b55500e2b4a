// A bank statement as Pitlane reads it, whatever the file's format (camt.053 or MT940): the account,
// the period and each booked entry with what a transfer's payer wrote. Amounts in minor units.
import { DomainError } from "../errors";

export interface StatementEntry {
  /** yyyy-mm-dd */
  bookingDate: string;
  valueDate: string | null;
  amount: number;
  currency: string;
  direction: "credit" | "debit";
  /** The bank's own reference of the entry (camt AcctSvcrRef, MT940 bank reference), if any. */
  bankReference: string | null;
  /** The payer's end-to-end reference (camt EndToEndId, MT940 EREF+). */
  endToEndId: string | null;
  payerName: string | null;
  payerIban: string | null;
  /** What the payer wrote (unstructured remittance lines, MT940 SVWZ+), and a structured RF reference. */
  remittance: string;
  /** Where the entry is in the file, for messages: "Ntry 3" or "line 12". */
  position: string;
}

export interface BankStatement {
  format: "camt053" | "mt940";
  /** The statement's own id (camt Stmt/Id, MT940 :20:). */
  reference: string;
  account: string;
  fromDate: string | null;
  toDate: string | null;
  entries: StatementEntry[];
}

/** A file that is not a statement Pitlane reads, naming the place at fault. */
export function badStatement(where: string, message: string): DomainError {
  return new DomainError("validation", `The statement cannot be read: ${where}: ${message}`, [
    { field: "file", message: `${where}: ${message}` },
  ]);
}

/** "238,00" or "238.00" or 238 → 23800 minor units (two decimals: EUR and the like). */
export function minorOf(amount: string | number, where: string): number {
  const text = String(amount).trim().replace(",", ".");
  if (!/^\d+(\.\d{0,2})?$/.test(text)) throw badStatement(where, `"${amount}" is not an amount`);
  const [whole, fraction = ""] = text.split(".");
  return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
}
