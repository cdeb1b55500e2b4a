// fast-check arbitraries from an operation's own JSON schema (as the OpenAPI document states it):
// values that fit the schema, and values meant to break whatever reads them — wrong types, numbers
// just past a bound, NUL, lone UTF-16 surrogates, huge strings, days that do not exist, extra and
// missing fields. The fuzz test (test/api/fuzz.test.ts) sends them to every operation.
import fc from "fast-check";

export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}

/**
 * How hostile the values are: 0 fits the schema (so requests reach the commands behind
 * validation), 1 breaks a field now and then, 2 breaks many.
 */
export type Hostility = 0 | 1 | 2;

export interface SchemaContext {
  /** `#/components/schemas/X` → its schema. */
  resolve(ref: string): JsonSchema;
  /** Real ids for a field such as `unitId` or `labourLineIds`, so valid values reach real records. */
  ids: readonly string[];
}

/**
 * A number written into the JSON text as it is (`1e400` parses to Infinity, `-0` stays negative
 * zero), which JSON.stringify cannot produce. See `toJson`.
 */
const rawMarker = "\u0001raw:";
export const rawNumber = (text: string) => `${rawMarker}${text}`;

/** JSON text of a generated value, with raw numbers put in unquoted. */
export function toJson(value: unknown): string {
  return JSON.stringify(value).replace(/"\\u0001raw:([^"]*)"/g, "$1");
}

/** Days and instants that do not exist, or sit at the edge of what a date type holds. */
export const impossibleDates = [
  "2026-02-30",
  "2027-02-29",
  "2026-04-31",
  "2026-13-01",
  "2026-00-10",
  "0000-00-00",
  "0000-01-01",
  "9999-12-31",
  "275760-09-14",
  "2026-1-1",
  "2026-02-28T24:00:00Z",
  "2026-03-29T02:30:00+01:00",
  "-000001-01-01T00:00:00Z",
  "24:00",
  "23:60",
];

/** Text that is not text (NUL, lone surrogates) and text that tends to upset parsers and SQL. */
const hostileText = [
  "a\u0000b",
  "\u0000",
  "half \ud83d emoji",
  "\udc00",
  "\udbff\udbff",
  "%00",
  "' OR '1'='1' --",
  "\\",
  "\u202e\u0645\u0631\u062d\u0628\u0627",
  "\r\n\t",
  "<script>alert(1)</script>",
  "../../../../etc/passwd",
  "{{7*7}}#{7*7}",
  "NaN",
  "-1",
  "1e999",
];

const wrongTypes: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  2 ** 31,
  2 ** 53 + 2,
  -(2 ** 53),
  1e308,
  rawNumber("1e400"),
  rawNumber("-0"),
  "",
  " ",
  "0",
  "true",
  [],
  {},
  [null],
  [[]],
  { "": "" },
];

/** Keys a body should not carry: tenancy, state, prototype pollution, keys that are not text. */
const extraKeys = [
  "id",
  "organisationId",
  "locationId",
  "customerId",
  "status",
  "version",
  "createdAt",
  "role",
  "onBehalf",
  "__proto__",
  "constructor",
  "k\u0000",
  "\ud800",
];

const validText = [
  "Müller 🚗",
  "O'Brien",
  "Ærøskøbing Straße",
  "İstanbul",
  "e\u0301",
  "  padded  ",
  "Robert'); DROP TABLE customers;--",
  "%s%n%x",
];

const asList = (t: JsonSchema["type"]) => (t === undefined ? [] : Array.isArray(t) ? t : [t]);

/** A value of `schema` at the given hostility. `field` is the property's name, if any. */
export function schemaValue(schema: JsonSchema, ctx: SchemaContext, level: Hostility, field = "", depth = 0) {
  const fitting = fitsSchema(schema, ctx, level, field, depth);
  if (level === 0) return fitting;
  return fc.oneof(
    { weight: level === 1 ? 12 : 3, arbitrary: fitting },
    { weight: 1, arbitrary: breaking(schema, ctx) },
  );
}

function fitsSchema(
  schema: JsonSchema,
  ctx: SchemaContext,
  level: Hostility,
  field: string,
  depth: number,
): fc.Arbitrary<unknown> {
  if (schema.$ref) return fitsSchema(ctx.resolve(schema.$ref), ctx, level, field, depth);
  const members = schema.anyOf ?? schema.oneOf;
  if (members?.length) return fc.oneof(...members.map((m) => schemaValue(m, ctx, level, field, depth)));
  if (schema.allOf?.length) return fitsSchema(Object.assign({}, ...schema.allOf), ctx, level, field, depth);
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  if ("const" in schema) return fc.constant(schema.const);
  const types = asList(schema.type);
  if (types.length > 1)
    return fc.oneof(...types.map((type) => fitsSchema({ ...schema, type }, ctx, level, field, depth)));
  switch (types[0]) {
    case "null":
      return fc.constant(null);
    case "boolean":
      return fc.boolean();
    case "integer":
    case "number":
      return numberIn(schema, field);
    case "string":
      return stringOf(schema, ctx, field);
    case "array": {
      const items = schema.items ?? {};
      const min = schema.minItems ?? 0;
      const max = Math.max(min, Math.min(schema.maxItems ?? 4, 4));
      return fc.array(schemaValue(items, ctx, level, field, depth + 1), { minLength: min, maxLength: max });
    }
    case "object":
      return objectOf(schema, ctx, level, depth);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function numberIn(schema: JsonSchema, field: string): fc.Arbitrary<number> {
  const integer = asList(schema.type).includes("integer");
  const lo =
    schema.minimum ??
    (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + (integer ? 1 : 0.001) : -1e6);
  const hi =
    schema.maximum ??
    (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - (integer ? 1 : 0.001) : 1e9);
  const within = (n: number) => Math.min(hi, Math.max(lo, n));
  if (!integer)
    return fc.oneof(fc.constant(lo), fc.constant(hi), fc.double({ min: lo, max: hi, noNaN: true }));
  const small = [lo, hi, within(0), within(1), within(2)];
  // Versions of real records are small: most version numbers should be one that exists.
  if (/version/i.test(field))
    return fc.oneof(
      { weight: 4, arbitrary: fc.integer({ min: within(1), max: within(4) }) },
      fc.constantFrom(...small),
    );
  return fc.oneof(
    fc.constantFrom(...small),
    fc.integer({ min: Math.max(lo, -(2 ** 31)), max: Math.min(hi, 2 ** 31 - 1) }),
  );
}

function dateArbitrary() {
  return fc.date({
    min: new Date("1990-01-01T00:00:00Z"),
    max: new Date("2100-12-31T00:00:00Z"),
    noInvalidDate: true,
  });
}

function stringOf(schema: JsonSchema, ctx: SchemaContext, field: string): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? 200;
  if (schema.format === "date") return dateArbitrary().map((d) => d.toISOString().slice(0, 10));
  if (schema.format === "date-time") return dateArbitrary().map((d) => d.toISOString());
  if (schema.format === "email")
    return fc.oneof(fc.emailAddress(), fc.constantFrom("fleet@customer.test", "Ä@b.de", "a@b.c"));
  if (schema.pattern) {
    try {
      return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length >= min && s.length <= max);
    } catch {
      // A pattern fast-check cannot read: plain text instead (validation will have its say).
    }
  }
  const text = fc.oneof(
    { weight: 4, arbitrary: fc.string({ minLength: min, maxLength: Math.min(max, 40), unit: "grapheme" }) },
    { weight: 2, arbitrary: fc.string({ minLength: Math.max(min, 1), maxLength: Math.min(max, 20) }) },
    { weight: 1, arbitrary: fc.constantFrom(...validText.filter((s) => s.length >= min && s.length <= max)) },
    // The longest and the shortest a field may be.
    { weight: 1, arbitrary: fc.constantFrom("x".repeat(max), "x".repeat(Math.max(min, 1))) },
  );
  if (ctx.ids.length && /Ids?$/.test(field))
    return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...ctx.ids) }, text);
  return text;
}

function objectOf(
  schema: JsonSchema,
  ctx: SchemaContext,
  level: Hostility,
  depth: number,
): fc.Arbitrary<unknown> {
  const props = schema.properties ?? {};
  const required = schema.required ?? [];
  const record = fc.record(
    Object.fromEntries(Object.entries(props).map(([k, s]) => [k, schemaValue(s, ctx, level, k, depth + 1)])),
    { requiredKeys: required.filter((k) => k in props) },
  );
  if (level === 0) return record;
  return fc
    .tuple(
      record,
      // Extra fields: a client must not set tenancy, state or the prototype by sending them.
      fc.array(fc.tuple(fc.constantFrom(...extraKeys), fc.constantFrom(...wrongTypes, "x")), {
        maxLength: level === 1 ? 1 : 3,
      }),
      // A required field left out.
      fc.option(fc.constantFrom(...(required.length ? required : [""])), { freq: level === 1 ? 8 : 3 }),
    )
    .map(([value, extra, missing]) => {
      const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
      // An own property, as JSON.parse makes of a body's `__proto__` key (assignment would not).
      for (const [key, v] of extra)
        Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
      if (missing) delete out[missing];
      return out;
    });
}

/** A value meant to break whatever reads a field of this schema. */
export function breaking(schema: JsonSchema, ctx: SchemaContext): fc.Arbitrary<unknown> {
  const s = schema.$ref ? ctx.resolve(schema.$ref) : schema;
  const types = new Set([
    ...asList(s.type),
    ...(s.anyOf ?? s.oneOf ?? []).flatMap((m) => asList((m.$ref ? ctx.resolve(m.$ref) : m).type)),
  ]);
  const arbitraries: fc.Arbitrary<unknown>[] = [
    fc.constantFrom(...wrongTypes),
    fc.constantFrom(...hostileText),
    fc.constantFrom(...impossibleDates),
  ];
  const max = s.maxLength ?? [...(s.anyOf ?? [])].map((m) => m.maxLength).find((n) => n !== undefined);
  // Huge: just past the field's limit, and far past it (under the 1 MB body limit).
  arbitraries.push(fc.constantFrom("x".repeat((max ?? 1000) + 1), "é".repeat(100_000), "🚗".repeat(60_000)));
  if (types.has("integer") || types.has("number")) {
    const lo = s.minimum ?? s.exclusiveMinimum ?? 0;
    const hi = s.maximum ?? s.exclusiveMaximum ?? 2 ** 31;
    arbitraries.push(
      fc.constantFrom(
        lo - 1,
        hi + 1,
        lo - 0.5,
        hi + 0.5,
        Number.MAX_SAFE_INTEGER + 2,
        -(2 ** 63),
        rawNumber("1e400"),
      ),
    );
  }
  if (types.has("array")) {
    arbitraries.push(
      fc.constantFrom(
        Array.from({ length: (s.maxItems ?? 200) + 1 }, () => "x"),
        Array.from({ length: 3 }, () => ({ "\u0000": "\ud800" })),
      ),
    );
  }
  if (types.has("object"))
    arbitraries.push(fc.constantFrom([{}], "{}", { nested: { deeper: { deepest: [[[[]]]] } } }));
  return fc.oneof(...arbitraries);
}

/**
 * Percent-encodes text for a URL. A lone surrogate has no UTF-8 form (encodeURIComponent throws), so
 * it goes in as the bytes a careless encoder writes for it (WTF-8), which a server must refuse.
 */
export function encodeUrlPart(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += encodeURIComponent(text.slice(i, i + 2));
        i++;
        continue;
      }
    }
    if (code >= 0xd800 && code <= 0xdfff) {
      out += [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join("");
      continue;
    }
    out += encodeURIComponent(text[i]!);
  }
  return out;
}
