// Opaque, prefixed ids (`cus_…`): the prefix tells a person reading a log what the id is, the random
// part carries 120 bits so ids cannot be guessed or enumerated.
const alphabet = "0123456789abcdefghjkmnpqrstvwxyz"; // Crockford base32, lower case

export const idPrefixes = {
  organisation: "org",
  location: "loc",
  staffUser: "usr",
  customer: "cus",
  portalAccount: "pac",
  unit: "unt",
  reading: "rdg",
  audit: "aud",
  mail: "msg",
  booking: "bkg",
  estimate: "est",
  labourLine: "lab",
  partLine: "prt",
  estimateVersion: "esv",
  decision: "dec",
  workItem: "wrk",
  workOrder: "wko",
  job: "job",
  jobPart: "jpt",
  timeEntry: "tim",
  inspectionTemplate: "itp",
  inspection: "ins",
  inspectionItem: "iti",
  photo: "pho",
  recommendation: "rec",
  recommendationPart: "rpt",
  extension: "ext",
  extensionDecision: "exd",
  invoice: "inv",
  paymentSession: "pss",
  payment: "pay",
  paymentReview: "prv",
  notification: "ntf",
  apiKey: "key",
  integrationEvent: "evt",
  webhookEndpoint: "whe",
  webhookDelivery: "whd",
  bankStatement: "bst",
  bankStatementEntry: "bse",
  dunningNotice: "dun",
  invoiceUpload: "iup",
} as const;

export type IdKind = keyof typeof idPrefixes;

export function newId(kind: IdKind, randomBytes: (n: number) => Uint8Array = defaultRandom): string {
  const bytes = randomBytes(15);
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return `${idPrefixes[kind]}_${out}`;
}

function defaultRandom(n: number): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(n));
}
