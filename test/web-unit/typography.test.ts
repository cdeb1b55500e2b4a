// One quote style per language, and one word per thing: German quotes „so“, English “so”; no
// straight or foreign quotes in either; and the screens' texts quote through `common.quoted`, not
// with marks typed into a component (which would show English marks on a German screen).
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { de } from "../../src/web/i18n/de";
import { en } from "../../src/web/i18n/en";
import { texts as payTexts } from "../../src/web/pay/text";

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) => {
    const at = prefix ? `${prefix}.${key}` : key;
    return typeof value === "string" ? [[at, value] as [string, string]] : flatten(value, at);
  });
}

const english = [...flatten(en as unknown as Tree), ...flatten(payTexts.en, "pay")];
const german = [...flatten(de as unknown as Tree), ...flatten(payTexts.de, "pay")];

/** The quotations in a text, as pairs of opening and closing marks; what is left over is unbalanced. */
function quoteProblems(text: string, open: string, close: string, foreign: RegExp): string[] {
  const problems: string[] = [];
  if (foreign.test(text)) problems.push(`foreign quote marks in ${JSON.stringify(text)}`);
  let depth = 0;
  for (const c of text) {
    if (c === open) depth += 1;
    else if (c === close) {
      depth -= 1;
      if (depth < 0) break;
    }
  }
  if (depth !== 0) problems.push(`unbalanced ${open}…${close} in ${JSON.stringify(text)}`);
  return problems;
}

describe("typography", () => {
  it("quotes English “like this” only", () => {
    // Straight double quotes, German „ and guillemets are not English quotes; apostrophes (’ ') are fine.
    const problems = english.flatMap(([key, text]) =>
      quoteProblems(text, "“", "”", /["„«»‚]/).map((p) => `${key}: ${p}`),
    );
    expect(problems).toEqual([]);
  });

  it("quotes German „so“ only", () => {
    // In German “ closes a quotation; ” (the English closing mark), straight quotes and guillemets
    // do not belong.
    const problems = german.flatMap(([key, text]) =>
      quoteProblems(text, "„", "“", /["”«»]/).map((p) => `${key}: ${p}`),
    );
    expect(problems).toEqual([]);
  });

  it("has quoting screens go through common.quoted", () => {
    expect(en.common.quoted).toBe("“{{text}}”");
    expect(de.common.quoted).toBe("„{{text}}“");
    const root = path.resolve("src/web");
    const sources: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const file = path.join(dir, name);
        if (statSync(file).isDirectory()) walk(file);
        else if (/\.(tsx?|html)$/.test(name)) sources.push(file);
      }
    };
    walk(root);
    const typed = sources
      .filter((f) => !f.includes(`${path.sep}i18n${path.sep}`) && !f.endsWith(`pay${path.sep}text.ts`))
      .filter((f) => /[“”„«»]/.test(readFileSync(f, "utf8")))
      .map((f) => path.relative(root, f));
    expect(typed).toEqual([]);
  });

  it("calls the Service Board one thing in German", () => {
    const names = german.filter(([, text]) => /Werkstattplaner/.test(text)).map(([key]) => key);
    expect(names).toEqual([]);
    expect(de.nav.serviceBoard).toBe("Werkstattplan");
    expect(de.board.title).toBe("Werkstattplan");
  });
});
