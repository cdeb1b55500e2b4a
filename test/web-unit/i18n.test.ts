// Translation resources: German mirrors English key for key, keeps every {{placeholder}}, and the
// names the browser tests drive the UI by stay exactly as agreed.
import { describe, expect, it } from "vitest";
import { de } from "../../src/web/i18n/de";
import { en } from "../../src/web/i18n/en";

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe("translations", () => {
  const english = flatten(en as unknown as Tree);
  const german = flatten(de as unknown as Tree);

  it("has the same keys in English and German", () => {
    expect([...german.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it("keeps every interpolation placeholder", () => {
    for (const [key, text] of english) {
      expect(placeholders(german.get(key) ?? ""), key).toEqual(placeholders(text));
    }
  });

  it("has no empty strings", () => {
    for (const [key, text] of [...english, ...german]) expect(text.trim(), key).not.toBe("");
  });

  it("says what an API key did as the issue words it", () => {
    expect(en.integrations.viaApiKey).toBe("via API key {{name}}");
    expect(de.integrations.viaApiKey).toBe("über API-Schlüssel {{name}}");
  });

  it("has no key i18next would misread (a colon separates a namespace)", () => {
    for (const key of english.keys()) expect(key, key).not.toContain(":");
  });

  it("keeps the agreed accessible names", () => {
    expect(en.login.signIn).toBe("Sign in");
    expect(de.login.signIn).toBe("Anmelden");
    expect(en.nav.customers).toBe("Customers");
    expect(de.nav.customers).toBe("Kunden");
    expect(en.nav.units).toBe("Units");
    expect(de.nav.units).toBe("Fahrzeuge");
    expect(en.customers.newCustomer).toBe("New customer");
    expect(de.customers.newCustomer).toBe("Neuer Kunde");
    expect(en.common.logout).toBe("Log out");
    expect(de.common.logout).toBe("Abmelden");
    expect(en.common.language).toBe("Language");
    expect(de.common.language).toBe("Sprache");
    expect(en.readingForm.odometer).toBe("Odometer (km)");
    expect(de.readingForm.odometer).toBe("Kilometerstand (km)");
    expect(en.readingForm.engineHours).toBe("Engine hours");
    expect(de.readingForm.engineHours).toBe("Betriebsstunden");
    expect(en.portal.updateReadings).toBe("Update Unit Readings");
    expect(de.portal.updateReadings).toBe("Zählerstände aktualisieren");
    expect(en.portal.myUnits).toBe("My Units");
    expect(de.portal.myUnits).toBe("Meine Fahrzeuge");
  });
});
