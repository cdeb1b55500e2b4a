// Bank statement files as banks write them, for tests: camt.053.001.08 XML and MT940 with German
// :86: purpose lines.

export interface Credit {
  amount: number; // minor units
  direction?: "credit" | "debit";
  payerName?: string;
  payerIban?: string;
  remittance?: string;
  structuredReference?: string;
  bankReference?: string;
  bookingDate?: string;
  currency?: string;
}

const euros = (minor: number) => (minor / 100).toFixed(2);
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");

export function camt053(entries: Credit[], options: { id?: string; iban?: string } = {}): string {
  const ntry = entries
    .map((e, i) => {
      const credit = (e.direction ?? "credit") === "credit";
      const party = credit ? "Dbtr" : "Cdtr";
      return `
      <Ntry>
        <Amt Ccy="${e.currency ?? "EUR"}">${euros(e.amount)}</Amt>
        <CdtDbtInd>${credit ? "CRDT" : "DBIT"}</CdtDbtInd>
        <Sts><Cd>BOOK</Cd></Sts>
        <BookgDt><Dt>${e.bookingDate ?? "2026-12-02"}</Dt></BookgDt>
        <ValDt><Dt>${e.bookingDate ?? "2026-12-02"}</Dt></ValDt>
        <AcctSvcrRef>${e.bankReference ?? `BANK-${options.id ?? "S1"}-${i + 1}`}</AcctSvcrRef>
        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
        <NtryDtls><TxDtls>
          <Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs>
          <RltdPties>
            <${party}><Pty><Nm>${esc(e.payerName ?? "Unknown payer")}</Nm></Pty></${party}>
            <${party}Acct><Id><IBAN>${e.payerIban ?? "DE02120300000000202051"}</IBAN></Id></${party}Acct>
          </RltdPties>
          <RmtInf>${e.remittance ? `<Ustrd>${esc(e.remittance)}</Ustrd>` : ""}${
            e.structuredReference
              ? `<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>${e.structuredReference}</Ref></CdtrRefInf></Strd>`
              : ""
          }</RmtInf>
        </TxDtls></NtryDtls>
      </Ntry>`;
    })
    .join("");
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>${options.id ?? "S1"}</MsgId><CreDtTm>2026-12-02T18:00:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>${options.id ?? "S1"}</Id>
      <FrToDt><FrDtTm>2026-12-01T00:00:00</FrDtTm><ToDtTm>2026-12-02T23:59:59</ToDtTm></FrToDt>
      <Acct><Id><IBAN>${options.iban ?? "DE89370400440532013000"}</IBAN></Id></Acct>${ntry}
    </Stmt>
  </BkToCstmrStmt>
</Document>
`;
}

/** An MT940 statement; the opening balance is 1,000.00 and the closing one adds the entries. */
export function mt940(entries: Credit[], options: { id?: string } = {}): string {
  let balance = 100_000;
  const lines = [
    `:20:${options.id ?? "STARTUMSE"}`,
    ":25:37040044/0532013000",
    ":28C:00001/001",
    ":60F:C261201EUR1000,00",
  ];
  for (const [i, e] of entries.entries()) {
    const credit = (e.direction ?? "credit") === "credit";
    balance += credit ? e.amount : -e.amount;
    const date = (e.bookingDate ?? "2026-12-02").slice(2).replace(/-/g, "");
    lines.push(
      `:61:${date}${date.slice(2)}${credit ? "C" : "D"}R${euros(e.amount).replace(".", ",")}NTRFNONREF//${e.bankReference ?? `MT-${i + 1}`}`,
    );
    const purpose = `SVWZ+${e.structuredReference ? `${e.structuredReference} ` : ""}${e.remittance ?? ""}`;
    const chunks = purpose.match(/.{1,27}/g) ?? [""];
    lines.push(
      `:86:166?00GUTSCHRIFT${chunks.map((c, k) => `?2${k}${c}`).join("")}?30COBADEFFXXX?31${e.payerIban ?? "DE02120300000000202051"}?32${(e.payerName ?? "Unknown payer").slice(0, 27)}`,
    );
  }
  lines.push(`:62F:C261202EUR${euros(balance).replace(".", ",")}`, "-");
  return `${lines.join("\r\n")}\r\n`;
}
