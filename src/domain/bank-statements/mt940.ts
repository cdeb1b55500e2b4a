// SWIFT MT940, as German banks export it (the ":86:" field with "?20"–"?29" purpose lines, SVWZ+ and
// EREF+ markers, ?32/?33 the payer's name, ?31 the IBAN): read by mt940js, which also checks that the
// opening balance plus the turnover is the closing balance. Its messages name the tag; the line is
// found here.
import { Parser } from "mt940js";
import { type BankStatement, badStatement, type StatementEntry } from "./statement";

export function looksLikeMt940(content: string): boolean {
  return /(^|\n)\s*:20:/.test(content) && /(^|\n):61:|(^|\n):60[FM]:/.test(content);
}

const day = (d: Date | string | undefined) => (d ? new Date(d).toISOString().slice(0, 10) : null);

/** The line (1-based) where `fragment` first appears, for a message. */
function lineOf(content: string, fragment: string): number | null {
  const i = content.indexOf(fragment);
  return i < 0 ? null : content.slice(0, i).split("\n").length;
}

interface Mt940Transaction {
  date: Date;
  entryDate?: Date;
  amount: number;
  currency: string;
  isReversal: boolean;
  bankReference?: string;
  reference?: string;
  details?: string;
  structuredDetails?: Record<string, string>;
}

/** The :86: purpose lines joined, and what they carry after SVWZ+ / EREF+. */
function purposeOf(t: Mt940Transaction) {
  const s = t.structuredDetails ?? {};
  const purpose = Object.keys(s)
    .filter((k) => /^2\d$/.test(k) || /^6\d$/.test(k))
    .sort()
    .map((k) => s[k])
    .join("");
  const raw = purpose || (t.details ?? "").replace(/\n/g, " ");
  const eref = /EREF\+(.*?)(?=(?:[A-Z]{4}\+)|$)/.exec(raw)?.[1]?.trim() || null;
  const svwz = /SVWZ\+(.*?)(?=(?:[A-Z]{4}\+)|$)/.exec(raw)?.[1]?.trim();
  return {
    remittance: (svwz ?? raw).trim(),
    endToEndId: eref === "NOTPROVIDED" ? null : eref,
    payerName: [s["32"], s["33"]].filter(Boolean).join("").trim() || null,
    payerIban: s["31"]?.trim() || null,
  };
}

export function parseMt940(content: string): BankStatement {
  const normalized = content.replace(/\r\n?/g, "\n");
  let statements: {
    transactionReference: string;
    accountIdentification: string;
    openingBalanceDate: Date;
    closingBalanceDate: Date;
    transactions: Mt940Transaction[];
  }[];
  try {
    statements = new Parser().parse(normalized);
  } catch (error) {
    const message = (error as Error).message;
    const tag = /tag (\d{2}[A-Z]?)/i.exec(message)?.[1];
    const fragment = /: (.+)$/.exec(message)?.[1];
    const line =
      (fragment && lineOf(normalized, fragment.slice(0, 30))) ?? (tag && lineOf(normalized, `:${tag}:`));
    throw badStatement(line ? `line ${line}` : "MT940", message);
  }
  if (statements.length === 0) throw badStatement("MT940", "no statement (:20: … :62F:) in the file");
  const entries: StatementEntry[] = [];
  let n = 0;
  for (const statement of statements) {
    for (const t of statement.transactions) {
      n++;
      const where =
        `:61: ${n}` +
        ((l) => (l ? ` (line ${l})` : ""))(lineOf(normalized, t.details?.slice(0, 30) ?? "\u0000"));
      const credit = t.isReversal ? t.amount < 0 : t.amount > 0;
      entries.push({
        bookingDate: day(t.entryDate ?? t.date)!,
        valueDate: day(t.date),
        amount: Math.round(Math.abs(t.amount) * 100),
        currency: t.currency,
        direction: credit ? "credit" : "debit",
        bankReference:
          t.bankReference?.trim() || (t.reference && t.reference !== "NONREF" ? t.reference : null),
        ...purposeOf(t),
        position: where,
      });
    }
  }
  const first = statements[0]!;
  return {
    format: "mt940",
    reference: first.transactionReference,
    account: first.accountIdentification,
    fromDate: day(first.openingBalanceDate),
    toDate: day(statements[statements.length - 1]!.closingBalanceDate),
    entries,
  };
}
