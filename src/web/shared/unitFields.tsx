import { TextInput } from "@mantine/core";
import type { TFunction } from "i18next";
import type { ChangeEvent, ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { emptyToNull, emptyToUndefined, toNumberOrNull } from "./forms";

/** Fields shared by the shop and portal unit forms. */
export interface UnitValues {
  vin: string;
  plate: string;
  make: string;
  model: string;
  year: number | string;
  fleetNumber: string;
  odometerKm: number | string;
  engineHours: number | string;
}

/** Mirrors the server's VIN rules (ISO 3779); the check digit is left to the server. */
function vinError(t: TFunction, vin: string, year: number | null): string | null {
  if (!vin) return null;
  if (year !== null && year < 1981) return /^[A-Z0-9]{5,17}$/.test(vin) ? null : t("unitForm.vinOld");
  if (!/^[A-Z0-9]{17}$/.test(vin)) return t("unitForm.vinInvalid");
  if (/[IOQ]/.test(vin)) return t("unitForm.vinNoIOQ");
  return null;
}

export function unitFormRules(t: TFunction) {
  const maxYear = new Date().getFullYear() + 1;
  return {
    vin: (value: string, values: { year: number | string }) =>
      vinError(t, value, toNumberOrNull(values.year)),
    make: (value: string) => (value.trim() ? null : t("unitForm.makeRequired")),
    model: (value: string) => (value.trim() ? null : t("unitForm.modelRequired")),
    year: (value: number | string) => {
      const year = toNumberOrNull(value);
      return year !== null && (year < 1900 || year > maxYear || !Number.isInteger(year))
        ? t("unitForm.yearInvalid", { max: maxYear })
        : null;
    },
    odometerKm: (value: number | string) => {
      const km = toNumberOrNull(value);
      return km !== null && km < 0 ? t("readingForm.notNegative") : null;
    },
    engineHours: (value: number | string) => {
      const hours = toNumberOrNull(value);
      return hours !== null && hours < 0 ? t("readingForm.notNegative") : null;
    },
  };
}

/** Unit fields for a request body: create leaves empty fields out, PATCH sends null to clear them. */
export function unitBody(values: UnitValues, mode: "create" | "patch") {
  const text = mode === "create" ? emptyToUndefined : emptyToNull;
  const year = toNumberOrNull(values.year);
  return {
    vin: text(values.vin),
    plate: text(values.plate),
    make: values.make.trim(),
    model: values.model.trim(),
    year: year ?? (mode === "create" ? undefined : null),
    fleetNumber: text(values.fleetNumber),
  };
}

interface VinInputProps {
  value: string;
  onChange: (value: string) => void;
  error?: ReactNode;
}

/** VIN input that upper-cases and drops spaces and dashes as you type, keeping the caret in place. */
export function VinInput({ value, onChange, error }: VinInputProps) {
  const { t } = useTranslation();
  const handleChange = (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const raw = input.value;
    const caret = input.selectionStart ?? raw.length;
    const next = raw.toUpperCase().replace(/[\s-]+/g, "");
    const nextCaret = raw.slice(0, caret).replace(/[\s-]+/g, "").length;
    onChange(next);
    requestAnimationFrame(() => {
      if (document.activeElement === input) input.setSelectionRange(nextCaret, nextCaret);
    });
  };
  return (
    <TextInput
      label={t("unitForm.vin")}
      description={t("unitForm.vinHint")}
      value={value}
      onChange={handleChange}
      error={error}
      autoComplete="off"
      autoCapitalize="characters"
      spellCheck={false}
      styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)", letterSpacing: "0.04em" } }}
    />
  );
}
