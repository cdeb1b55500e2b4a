// Inspections (DESIGN.md §3): a checklist from the location's template, each item rated ok /
// attention / urgent (green / yellow / red) with a note and photos. Yellow and red items become
// recommendations for the customer. These are the rules; storage and files live in app/.
import { DomainError } from "./errors";

export const ratings = ["ok", "attention", "urgent"] as const;
export type Rating = (typeof ratings)[number];

export interface TemplateItem {
  area: string;
  label: string;
}

/** The template a new location starts with: what a shop checks on a car on the lift. */
export const defaultTemplate: { name: string; items: TemplateItem[] } = {
  name: "Vehicle health check",
  items: [
    ["Tyres and wheels", "Tread depth front"],
    ["Tyres and wheels", "Tread depth rear"],
    ["Tyres and wheels", "Tyre pressure and condition"],
    ["Brakes", "Front pads and discs"],
    ["Brakes", "Rear pads, discs or drums"],
    ["Brakes", "Brake fluid"],
    ["Under the bonnet", "Engine oil level and leaks"],
    ["Under the bonnet", "Coolant"],
    ["Under the bonnet", "Battery"],
    ["Under the bonnet", "Drive belts"],
    ["Underbody", "Exhaust system"],
    ["Underbody", "Suspension and steering joints"],
    ["Lights and visibility", "Lights front and rear"],
    ["Lights and visibility", "Wiper blades and washer"],
    ["Lights and visibility", "Windscreen"],
  ].map(([area, label]) => ({ area: area!, label: label! })),
};

/**
 * The default template's words in German. The template is stored as the shop starts it (English);
 * while a text is still ours — the shop has not rewritten it — each reader sees it in their language.
 */
const germanDefaults: Record<string, string> = {
  "Vehicle health check": "Fahrzeug-Check",
  "Tyres and wheels": "Reifen und Räder",
  "Tread depth front": "Profiltiefe vorn",
  "Tread depth rear": "Profiltiefe hinten",
  "Tyre pressure and condition": "Reifendruck und -zustand",
  Brakes: "Bremsen",
  "Front pads and discs": "Bremsbeläge und -scheiben vorn",
  "Rear pads, discs or drums": "Bremsbeläge, -scheiben oder -trommeln hinten",
  "Brake fluid": "Bremsflüssigkeit",
  "Under the bonnet": "Motorraum",
  "Engine oil level and leaks": "Motorölstand und Undichtigkeiten",
  Coolant: "Kühlmittel",
  Battery: "Batterie",
  "Drive belts": "Antriebsriemen",
  Underbody: "Unterboden",
  "Exhaust system": "Abgasanlage",
  "Suspension and steering joints": "Fahrwerk und Lenkungsgelenke",
  "Lights and visibility": "Licht und Sicht",
  "Lights front and rear": "Beleuchtung vorn und hinten",
  "Wiper blades and washer": "Wischerblätter und Scheibenwaschanlage",
  Windscreen: "Windschutzscheibe",
};
const englishDefaults = Object.fromEntries(Object.entries(germanDefaults).map(([en, de]) => [de, en]));

/**
 * A text of the default template in the reader's language (either language's wording is known, so a
 * template saved from the German screen reads English again for an English reader); any other text
 * is the shop's own and stays as written.
 */
export function defaultText(text: string, language: "en" | "de"): string {
  return (language === "de" ? germanDefaults[text] : englishDefaults[text]) ?? text;
}

/** A template needs items, each with an area and a label, no label twice in the same area. */
export function checkTemplate(items: readonly TemplateItem[]): void {
  if (items.length === 0) {
    throw new DomainError("validation", "Add at least one item to the template.", [
      { field: "items", message: "Add an item." },
    ]);
  }
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const key = `${item.area.trim().toLowerCase()}\u0000${item.label.trim().toLowerCase()}`;
    if (seen.has(key)) {
      throw new DomainError("validation", `"${item.label}" is in "${item.area}" twice.`, [
        { field: `items.${i}.label`, message: "This item is already in this area." },
      ]);
    }
    seen.add(key);
  });
}

/** Items grouped by area, in the order the areas first appear (the order a technician walks round). */
export function byArea<T extends { area: string }>(items: readonly T[]): { area: string; items: T[] }[] {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(item.area, [...(groups.get(item.area) ?? []), item]);
  return [...groups.entries()].map(([area, list]) => ({ area, items: list }));
}

/** Inspection complete needs every item rated; an unrated item would be silently "fine". */
export function checkComplete(items: readonly { label: string; rating: Rating | null }[]): void {
  const open = items.filter((i) => i.rating === null);
  if (open.length > 0) {
    throw new DomainError(
      "conflict",
      `Rate every item first: ${open
        .slice(0, 5)
        .map((i) => i.label)
        .join(", ")}${open.length > 5 ? ` and ${open.length - 5} more` : ""}.`,
    );
  }
}

/** Items the customer should hear about: yellow and red ones, the urgent first. */
export function findings<T extends { rating: Rating | null }>(items: readonly T[]): T[] {
  return items
    .filter((i) => i.rating === "attention" || i.rating === "urgent")
    .sort((a, b) => (a.rating === b.rating ? 0 : a.rating === "urgent" ? -1 : 1));
}

export const maxPhotoBytes = 10 * 1024 * 1024;
export const photoFormats = ["jpeg", "png", "webp", "heif"] as const;
