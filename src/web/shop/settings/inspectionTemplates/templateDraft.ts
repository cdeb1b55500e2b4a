// A template as the editor holds it: areas in order, each with its items, keyed for React and for
// the inputs' ids (which the errors are keyed by).
import type { InspectionTemplate, TemplateItem } from "../../inspection/inspectionApi";

/** Items in template order, grouped by area (first appearance of each area decides its place). */
export function groupByArea(items: TemplateItem[]): { area: string; labels: string[] }[] {
  const groups: { area: string; labels: string[] }[] = [];
  for (const item of items) {
    const group = groups.find((g) => g.area === item.area);
    if (group) group.labels.push(item.label);
    else groups.push({ area: item.area, labels: [item.label] });
  }
  return groups;
}

export interface DraftItem {
  key: number;
  label: string;
}
export interface DraftArea {
  key: number;
  name: string;
  items: DraftItem[];
}

let nextKey = 1;
export const newKey = () => nextKey++;

export function toDraft(template: InspectionTemplate | null): DraftArea[] {
  if (!template) return [{ key: newKey(), name: "", items: [{ key: newKey(), label: "" }] }];
  return groupByArea(template.items).map((g) => ({
    key: newKey(),
    name: g.area,
    items: g.labels.map((label) => ({ key: newKey(), label })),
  }));
}
