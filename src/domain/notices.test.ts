import { describe, expect, it } from "vitest";
import { defaultTemplate, defaultText } from "./inspection";
import { noticeKinds, noticeText } from "./notices";

describe("the bell's words", () => {
  it("says every kind in English and German", () => {
    for (const kind of noticeKinds) {
      const params = { number: "WO-2026-000001", by: "Tom", unit: "VW Golf", items: ["Battery"] };
      expect(noticeText(kind, params, "en"), kind).not.toBeNull();
      expect(noticeText(kind, params, "de"), kind).not.toBeNull();
      expect(noticeText(kind, params, "de")?.title, kind).not.toBe(noticeText(kind, params, "en")?.title);
    }
  });

  it("says an inspection result in the reader's language, whoever did it", () => {
    const params = { number: "WO-2026-000007", unit: "VW Golf (B-XY 1)", urgent: 1, attention: 2, by: "Tom" };
    expect(noticeText("inspection-complete", params, "de")).toEqual({
      title: "WO-2026-000007: Fahrzeugprüfung abgeschlossen",
      body: "VW Golf (B-XY 1): 1 dringend, 2 beobachten, geprüft von Tom.",
    });
    expect(noticeText("inspection-complete", params, "en")?.body).toBe(
      "VW Golf (B-XY 1): 1 urgent, 2 to watch, checked by Tom.",
    );
    expect(noticeText("invoice-paid", { number: "INV-2026-000001", overpaid: false }, "de")).toEqual({
      title: "INV-2026-000001: bezahlt",
      body: null,
    });
    expect(noticeText("something-new", {}, "de")).toBeNull();
  });
});

describe("the default checklist's words", () => {
  it("has German for every text of the default template, and reads back", () => {
    for (const text of [defaultTemplate.name, ...defaultTemplate.items.flatMap((i) => [i.area, i.label])]) {
      const german = defaultText(text, "de");
      expect(german, text).not.toBe(text);
      expect(defaultText(german, "en")).toBe(text);
      expect(defaultText(text, "en")).toBe(text);
    }
    // The shop's own words stay as written.
    expect(defaultText("Anhängerkupplung", "en")).toBe("Anhängerkupplung");
  });
});
