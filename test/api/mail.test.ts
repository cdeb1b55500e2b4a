import { simpleParser } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app";
import { client, signIn } from "../support/client";
import { createShop, type Shop, upcoming } from "../support/fixtures";
import { startSmtpServer, waitFor } from "../support/smtp";

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let t: TestApp;
let shop: Shop;
beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await startTestApp({ SMTP_URL: smtp.url, MAIL_FROM: "Werkstatt <service@werkstatt.test>" });
  shop = await createShop(t.database.db);
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

describe("mail through SMTP", () => {
  it("delivers a queued message to a real SMTP server with its subject and body, then marks it sent", async () => {
    const advisor = client(t.app, await signIn(t.app, shop.staff.service_advisor.email));
    // A German customer gets German mail.
    const customer = (
      await advisor("POST", "/api/v1/customers", {
        type: "business",
        companyName: "Spedition Groß",
        language: "de",
      })
    ).json();
    const res = await advisor("POST", `/api/v1/customers/${customer.id}/portal-accounts`, {
      name: "Gerda Groß",
      email: "gerda@spedition.test",
      password: "ein langes Passwort",
    });
    expect(res.statusCode).toBe(201);
    const mail = await waitFor(() => smtp.received.find((m) => m.to.includes("gerda@spedition.test")));
    expect(mail.from).toBe("service@werkstatt.test");
    const parsed = await simpleParser(mail.raw);
    expect(parsed.subject).toMatch(/^Ihr Zugang zum Kundenportal von /);
    expect(parsed.text).toContain("Hallo Gerda Groß");
    expect(parsed.text).toContain("http://pitlane.test/portal/login");
    const outbox = await waitFor(async () => {
      const items = (await advisor("GET", "/api/v1/outbox")).json().items as { to: string; status: string }[];
      return items.find((m) => m.to === "gerda@spedition.test" && m.status === "sent");
    });
    expect(outbox).toMatchObject({ status: "sent" });
  });

  it("delivers a booking confirmation with its calendar invitation", async () => {
    const advisor = client(t.app, await signIn(t.app, shop.staff.service_advisor.email));
    const booking = (
      await advisor("POST", "/api/v1/booking-requests", {
        unitId: shop.privateUnitId,
        date: upcoming(3),
        time: "08:00",
        confirmNow: true,
      })
    ).json();
    expect(booking.status).toBe("confirmed");
    const customerEmail = (await advisor("GET", `/api/v1/customers/${shop.privateCustomerId}`)).json().email;
    const mail = await waitFor(() => smtp.received.find((m) => m.to.includes(customerEmail)));
    const parsed = await simpleParser(mail.raw);
    expect(parsed.subject).toMatch(/^Termin bestätigt: .* 08:00 Uhr$/);
    const ics = parsed.attachments.find((a) => a.filename === "booking.ics");
    expect(ics?.contentType).toBe("text/calendar");
    expect(ics?.content.toString()).toContain(`UID:${booking.id}@pitlane`);
  });

  it("writes due dates and amounts in the reader's notation, not as ISO strings", async () => {
    const accounting = client(t.app, await signIn(t.app, shop.staff.accounting.email));
    const sent = async (customerId: string, to: string) => {
      const draft = await accounting("POST", "/api/v1/invoices", {
        customerId,
        lines: [{ description: "Inspection", quantityMilli: 1000, unitPrice: 123_456, taxRateBp: 0 }],
        serviceDate: "2026-11-20",
        dueDate: "2026-12-15",
      });
      expect(draft.statusCode, draft.body).toBe(201);
      const id = draft.json().id;
      expect((await accounting("POST", `/api/v1/invoices/${id}/issue`)).statusCode).toBe(200);
      const res = await accounting("POST", `/api/v1/invoices/${id}/send`, { to });
      expect(res.statusCode, res.body).toBe(200);
      const mail = await waitFor(() => smtp.received.find((m) => m.to.includes(to)));
      // Intl puts a no-break space between amount and sign; the reader sees a space.
      return ((await simpleParser(mail.raw)).text ?? "").replace(/\u00a0/g, " ");
    };
    // The fixture's private customer reads German, the fleet customer English.
    const german = await sent(shop.privateCustomerId, "paula.dates@example.com");
    expect(german).toContain("über 1.234,56 €, fällig am 15.12.2026.");
    expect(german).not.toContain("2026-12-15");
    const english = await sent(shop.businessCustomerId, "fleet.dates@example.com");
    expect(english).toContain("for €1,234.56, due on 15 Dec 2026.");
    expect(english).not.toContain("2026-12-15");
  });
});
