// A customer is a private person or a business. What the shop calls them everywhere (lists, invoices,
// mails) follows from that, so the rule lives here once.

export const customerTypes = ["private", "business"] as const;
export type CustomerType = (typeof customerTypes)[number];

export const languages = ["en", "de"] as const;
export type Language = (typeof languages)[number];

export interface CustomerName {
  type: CustomerType;
  firstName?: string | null;
  lastName?: string | null;
  companyName?: string | null;
}

export function customerDisplayName(c: CustomerName): string {
  const person = [c.firstName, c.lastName].filter((s) => s?.trim()).join(" ");
  if (c.type === "business") return c.companyName?.trim() || person;
  return person || c.companyName?.trim() || "";
}

/** Which name fields a customer of the given type must have, as field errors. */
export function missingNameFields(c: CustomerName): { field: string; message: string }[] {
  if (c.type === "business") {
    return c.companyName?.trim() ? [] : [{ field: "companyName", message: "Enter the company name." }];
  }
  return c.lastName?.trim() ? [] : [{ field: "lastName", message: "Enter the last name." }];
}
