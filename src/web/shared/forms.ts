import type { LooseKeys, UseFormReturnType } from "@mantine/form";
import { isApiError } from "../api";
import { i18n } from "../i18n";

/** Server field paths may come as "email", "body.email" or "/email"; the form uses "email". */
export function normaliseField(field: string): string {
  return field
    .replace(/^\/+/, "")
    .replace(/^body[./]/, "")
    .replace(/\//g, ".");
}

/**
 * Puts the server's field errors under the matching inputs (server wins over client checks)
 * and returns the message for the form-level alert, or null if nothing is left to show there.
 */
export function applyServerErrors<Values>(
  form: UseFormReturnType<Values>,
  error: unknown,
  aliases: Record<string, string> = {},
): string | null {
  if (!isApiError(error)) {
    return error instanceof Error ? error.message : i18n.t("errors.saveFailed");
  }
  const values = form.getValues() as Record<string, unknown>;
  const leftovers: string[] = [];
  let applied = 0;
  for (const { field, message } of error.fieldErrors) {
    const normalised = normaliseField(field);
    const target = aliases[normalised] ?? normalised;
    if (target in values) {
      form.setFieldError(target as LooseKeys<Values>, message);
      applied += 1;
    } else {
      leftovers.push(field ? `${field}: ${message}` : message);
    }
  }
  if (leftovers.length > 0) return [error.detail, ...leftovers].join("\n");
  if (applied > 0) return i18n.t("errors.checkFields");
  return error.detail;
}

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isEmail(value: string): boolean {
  return EMAIL_PATTERN.test(value.trim());
}

/** "" → null, otherwise the trimmed string (for PATCH bodies, where null clears a field). */
export function emptyToNull(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === "" ? null : trimmed;
}

/** "" → undefined, otherwise the trimmed string (for create bodies: leave the field out). */
export function emptyToUndefined(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
}

/** Mantine NumberInput yields number | string ("" when empty). */
export function toNumberOrNull(value: number | string): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  const trimmed = value.trim().replace(",", ".");
  if (trimmed === "") return null;
  const parsed = Number(trimmed);
  return Number.isFinite(parsed) ? parsed : null;
}

/** Moves focus to the first input Mantine marked invalid (after validation or server field errors). */
export function focusFirstInvalid(root: HTMLElement | null): void {
  requestAnimationFrame(() => {
    root?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  });
}
