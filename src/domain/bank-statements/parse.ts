// A statement file, whichever format it is in: camt.053 XML or MT940 text. Anything else is refused.
import { looksLikeCamt, parseCamt053 } from "./camt053";
import { looksLikeMt940, parseMt940 } from "./mt940";
import { type BankStatement, badStatement } from "./statement";

export function parseStatement(content: string): BankStatement {
  const text = content.replace(/^\uFEFF/, "");
  if (looksLikeCamt(text)) return parseCamt053(text);
  if (looksLikeMt940(text)) return parseMt940(text);
  if (/^\s*</.test(text)) {
    const root = /<([A-Za-z0-9:]+)/.exec(text.replace(/<\?[^>]*>/g, ""))?.[1] ?? "?";
    throw badStatement("line 1", `an XML file with root ${root}, not a camt.053 Document`);
  }
  throw badStatement("line 1", "neither camt.053 XML nor MT940 (which starts with :20:)");
}
