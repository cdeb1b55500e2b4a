// Building blocks for command input schemas. Empty strings from forms mean "no value": they are
// stored as null, so a cleared field is really cleared.
import { z } from "zod";

export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters.`)
    .nullish()
    .transform((v) => (v ? v : null));

export const requiredText = (max: number, message: string) =>
  z.string(message).trim().min(1, message).max(max, `At most ${max} characters.`);

export const optionalEmail = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .nullish()
  .transform((v) => (v ? v : null))
  .pipe(z.email("Enter a valid email address.").nullable());

export const email = z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address.").max(254));

/** PostgreSQL's `integer`, which versions and version numbers are stored as. */
export const maxInteger = 2_147_483_647;

/**
 * A record's version (optimistic locking) or an estimate's version number. Bounded like the column,
 * so a number no record can have is a 400, not a database error.
 */
export const version = z.number().int().positive().max(maxInteger);

/** Whole numbers a person types for a counter (km, hours). */
export const counter = (max: number) =>
  z.number().int("Whole numbers only.").min(0, "Cannot be negative.").max(max);
