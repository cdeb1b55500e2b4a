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

export const version = z.number().int().positive();

/** Whole numbers a person types for a counter (km, hours). */
export const counter = (max: number) =>
  z.number().int("Whole numbers only.").min(0, "Cannot be negative.").max(max);
