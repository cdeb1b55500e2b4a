import { z } from "zod";
import { counter, optionalText, requiredText } from "../support/fields";

const currentYear = new Date().getUTCFullYear();

export const unitFields = z.object({
  vin: optionalText(17 + 4),
  plate: optionalText(20).transform((v) => v?.toUpperCase() ?? null),
  make: requiredText(60, "Enter the make."),
  model: requiredText(60, "Enter the model."),
  year: z
    .number()
    .int()
    .min(1900, "Enter a year from 1900 on.")
    .max(currentYear + 2, `Enter a year up to ${currentYear + 2}.`)
    .nullish()
    .transform((v) => v ?? null),
  fleetNumber: optionalText(40),
});

export const initialReadings = z.object({
  odometerKm: counter(9_999_999).nullish(),
  engineHours: counter(999_999).nullish(),
});

export type UnitFields = z.output<typeof unitFields>;
