// Reading a signed event's body, for every provider: JSON, an object, and the shape each handled type
// needs, checked with zod. A body without an id, without data or with a field of the wrong type
// becomes a MalformedEvent naming the field, never a TypeError deep in the processing: that was a
// 500, which a provider retries for days.
import type { z } from "zod";
import { type EventClues, MalformedEvent, noClues } from "./port";

/** The body as a JSON object, or a MalformedEvent saying it is none. */
export function parseBody(raw: Buffer): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(raw.toString("utf8"));
  } catch {
    throw new MalformedEvent({ problem: "not-json", field: null }, noClues);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new MalformedEvent({ problem: "not-object", field: null }, noClues);
  }
  return value as Record<string, unknown>;
}

/** The body in the shape `schema` gives it, or a MalformedEvent naming the first field at fault. */
export function checkShape<T>(schema: z.ZodType<T>, body: unknown, clues: EventClues): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const path = issue.path.map(String);
  throw new MalformedEvent(
    { problem: valueAt(body, path) === undefined ? "missing" : "invalid", field: path.join(".") || null },
    clues,
  );
}

function valueAt(value: unknown, path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/**
 * A string from a body that may be broken, kept only when it looks like an identifier (event ids,
 * types, session and payment ids): it is used as a key and shown to staff, so nothing else passes.
 */
export function clue(value: unknown): string | null {
  return typeof value === "string" && /^[\w.:-]{1,255}$/.test(value) ? value : null;
}

/** An object's field, when the value is an object. */
export const field = (value: unknown, key: string): unknown =>
  value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
