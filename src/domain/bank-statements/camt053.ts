// ISO 20022 camt.053 (BankToCustomerStatement), versions 001.02 to 001.13: the XML statement German
// and European banks give for download. Namespaces are dropped: the versions differ in namespace,
// and where a field moved (the debtor's name under Dbtr/Pty from version 08 on), both places are read.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { type BankStatement, badStatement, minorOf, type StatementEntry } from "./statement";

type Node = Record<string, unknown>;
const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const text = (v: unknown): string | null => {
  if (v === undefined || v === null) return null;
  if (typeof v === "object") return text((v as Node)["#text"]);
  const s = String(v).trim();
  return s === "" ? null : s;
};
const at = (node: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((n, key) => (n && typeof n === "object" ? (n as Node)[key] : undefined), node);

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  parseTagValue: false,
  isArray: (name) => ["Stmt", "Ntry", "NtryDtls", "TxDtls", "Ustrd"].includes(name),
});

export function looksLikeCamt(content: string): boolean {
  return /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<([A-Za-z0-9]+:)?Document\b/.test(content);
}

export function parseCamt053(content: string): BankStatement {
  const valid = XMLValidator.validate(content);
  if (valid !== true) throw badStatement(`line ${valid.err.line}`, valid.err.msg);
  const doc = parser.parse(content) as Node;
  const root = at(doc, "Document", "BkToCstmrStmt");
  if (!root) {
    const found = Object.keys(at(doc, "Document") ?? doc).find((k) => !k.startsWith("?")) ?? "nothing";
    throw badStatement("Document", `expected BkToCstmrStmt (camt.053), found ${found}`);
  }
  const statements = asArray(at(root, "Stmt") as Node[]);
  if (statements.length === 0) throw badStatement("BkToCstmrStmt", "no Stmt element");
  const entries: StatementEntry[] = [];
  let n = 0;
  for (const [s, stmt] of statements.entries()) {
    for (const ntry of asArray(at(stmt, "Ntry") as Node[])) {
      n++;
      const where = `Stmt ${s + 1}/Ntry ${n}`;
      const amt = at(ntry, "Amt");
      const amountText = text(amt);
      if (!amountText) throw badStatement(`${where}/Amt`, "missing");
      const currency = text(at(amt, "@Ccy"));
      if (!currency) throw badStatement(`${where}/Amt/@Ccy`, "missing");
      const indicator = text(at(ntry, "CdtDbtInd"));
      if (indicator !== "CRDT" && indicator !== "DBIT")
        throw badStatement(`${where}/CdtDbtInd`, "expected CRDT or DBIT");
      const bookingDate = (text(at(ntry, "BookgDt", "Dt")) ?? text(at(ntry, "BookgDt", "DtTm")))?.slice(
        0,
        10,
      );
      if (!bookingDate || !/^\d{4}-\d{2}-\d{2}$/.test(bookingDate))
        throw badStatement(`${where}/BookgDt`, "missing or not a date");
      const tx = asArray(at(ntry, "NtryDtls") as Node[]).flatMap((d) =>
        asArray(at(d, "TxDtls") as Node[]),
      )[0];
      const party = indicator === "CRDT" ? "Dbtr" : "Cdtr";
      const name = text(at(tx, "RltdPties", party, "Nm")) ?? text(at(tx, "RltdPties", party, "Pty", "Nm"));
      const iban = text(at(tx, "RltdPties", `${party}Acct`, "Id", "IBAN"));
      const lines = asArray(at(tx, "RmtInf", "Ustrd") as unknown[])
        .map(text)
        .filter(Boolean) as string[];
      const structured = asArray(at(tx, "RmtInf", "Strd") as unknown[])
        .map((st) => text(at(st, "CdtrRefInf", "Ref")))
        .filter(Boolean) as string[];
      const extra = text(at(ntry, "AddtlNtryInf"));
      entries.push({
        bookingDate,
        valueDate: (text(at(ntry, "ValDt", "Dt")) ?? text(at(ntry, "ValDt", "DtTm")))?.slice(0, 10) ?? null,
        amount: minorOf(amountText, `${where}/Amt`),
        currency,
        direction: indicator === "CRDT" ? "credit" : "debit",
        bankReference: text(at(ntry, "AcctSvcrRef")) ?? text(at(tx, "Refs", "AcctSvcrRef")),
        endToEndId: ((id) => (id === "NOTPROVIDED" ? null : id))(text(at(tx, "Refs", "EndToEndId"))),
        payerName: name,
        payerIban: iban,
        remittance: [...structured, ...lines, ...(lines.length === 0 && extra ? [extra] : [])].join(" "),
        position: where,
      });
    }
  }
  const first = statements[0];
  const account = text(at(first, "Acct", "Id", "IBAN")) ?? text(at(first, "Acct", "Id", "Othr", "Id"));
  if (!account) throw badStatement("Stmt 1/Acct/Id", "missing the account");
  return {
    format: "camt053",
    reference: text(at(first, "Id")) ?? "",
    account,
    fromDate: text(at(first, "FrToDt", "FrDtTm"))?.slice(0, 10) ?? null,
    toDate: text(at(statements[statements.length - 1], "FrToDt", "ToDtTm"))?.slice(0, 10) ?? null,
    entries,
  };
}
