// One rule for every string that enters through the API, before any route sees it: no NUL character
// (PostgreSQL's text cannot hold one, so it would surface as a 500) and no lone UTF-16 surrogate
// (not a character at all: JSON columns and mail refuse it). The answer is a 400 naming the field.
import type { FieldError } from "../domain/errors";

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const unsafe = { test: (s: string) => s.includes("\u0000") || loneSurrogate.test(s) };

const maxDepth = 32;

/** Every field (dotted path) whose value or key holds a character no text may hold. */
export function unsafeFields(value: unknown, prefix = "", depth = 0): FieldError[] {
  if (typeof value === "string") {
    return unsafe.test(value) ? [{ field: prefix || "(value)", message: messageFor(value) }] : [];
  }
  // Raw bodies (signed webhooks) are bytes, checked by whoever parses them.
  if (value === null || typeof value !== "object" || depth > maxDepth || value instanceof Uint8Array)
    return [];
  const found: FieldError[] = [];
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  for (const [key, inner] of entries) {
    const field = prefix ? `${prefix}.${key}` : key;
    if (unsafe.test(key))
      found.push({ field, message: "This field name holds a character no text may contain." });
    else found.push(...unsafeFields(inner, field, depth + 1));
  }
  return found;
}

const messageFor = (s: string) =>
  s.includes("\u0000")
    ? "Remove the NUL character (\\u0000): text may not contain it."
    : "Remove the broken character (a lone UTF-16 surrogate): it is not valid text.";
