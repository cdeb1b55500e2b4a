// Text-to-pay (issue #15): a customer who agreed to texts (recorded with time and source) gets the
// payment request and reminders by SMS as well as by mail; without consent or a mobile number none.
// The sandbox keeps texts in the Outbox; the Twilio adapter is checked against a local stand-in for
// Twilio's API through Twilio's own SDK (its request: path, Basic auth, form fields).
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customers, mailMessages } from "../../src/db/schema";
import { createSmsSender } from "../../src/integrations/sms/sms-sender";
import { startTestApp, type TestApp } from "../support/app";
import { type Client, client, signIn } from "../support/client";
import { createShop, type Shop } from "../support/fixtures";

interface Seen {
  path: string;
  authorization: string;
  form: URLSearchParams;
}

/** Twilio's Messages API as far as the SDK uses it: answers 201 with a message resource. */
async function fakeTwilio() {
  const seen: Seen[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      seen.push({
        path: req.url ?? "",
        authorization: req.headers.authorization ?? "",
        form: new URLSearchParams(body),
      });
      res.writeHead(201, { "content-type": "application/json" });
      res.end(JSON.stringify({ sid: `SM${String(seen.length).padStart(32, "0")}`, status: "queued" }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    seen,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => server.close(),
  };
}

let twilio: Awaited<ReturnType<typeof fakeTwilio>>;
let t: TestApp;
let shop: Shop;
let accounting: Client;
const sid = `AC${"1".repeat(32)}`;
beforeAll(async () => {
  twilio = await fakeTwilio();
  t = await startTestApp({
    TWILIO_ACCOUNT_SID: sid,
    TWILIO_AUTH_TOKEN: "twilio-secret",
    TWILIO_FROM: "+4930123456",
    TWILIO_API_BASE_URL: twilio.url,
  });
  shop = await createShop(t.database.db);
  accounting = client(t.app, await signIn(t.app, shop.staff.accounting.email));
});
afterAll(async () => {
  await t.close();
  twilio.close();
});

async function sentInvoice(customerId: string) {
  const draft = await accounting("POST", "/api/v1/invoices", {
    customerId,
    lines: [{ description: "Service", quantityMilli: 1000, unitPrice: 10_000, taxRateBp: 1900 }],
    serviceDate: "2026-11-20",
  });
  const id = (await accounting("POST", `/api/v1/invoices/${draft.json().id}/issue`)).json().id as string;
  const send = await accounting("POST", `/api/v1/invoices/${id}/send`, { to: "someone@example.com" });
  expect(send.statusCode, send.body).toBe(200);
  return id;
}

const texts = () =>
  t.database.db
    .select()
    .from(mailMessages)
    .where(and(eq(mailMessages.locationId, shop.locationId), eq(mailMessages.channel, "sms")));

describe("text-to-pay", () => {
  it("records consent with time and source, and only with a mobile number", async () => {
    const refused = await accounting("PUT", `/api/v1/customers/${shop.privateCustomerId}/sms-consent`, {
      consent: true,
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors[0].field).toBe("consent");
    await t.database.db
      .update(customers)
      .set({ phone: "0171 123 45 67" })
      .where(eq(customers.id, shop.privateCustomerId));
    const ok = await accounting("PUT", `/api/v1/customers/${shop.privateCustomerId}/sms-consent`, {
      consent: true,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ consent: true, source: "shop" });
    const customer = (await accounting("GET", `/api/v1/customers/${shop.privateCustomerId}`)).json();
    expect(customer.smsConsent).toMatchObject({ source: "shop" });
    expect(Date.parse(customer.smsConsent.at)).toBeGreaterThan(Date.now() - 60_000);
  });

  it("texts the pay link with the invoice to a consenting customer, through Twilio's API", async () => {
    const id = await sentInvoice(shop.privateCustomerId);
    const [text] = await texts();
    expect(text).toMatchObject({ to: "+491711234567", subject: "SMS" });
    // German customer: German text with the amount and the same pay link as the mail.
    expect(text!.text).toContain("Rechnung");
    expect(text!.text).toContain("119,00");
    expect(text!.text).toMatch(/http:\/\/pitlane\.test\/pay\/[A-Za-z0-9_-]{43}/);
    await expect.poll(async () => (await texts())[0]!.status, { timeout: 15_000 }).toBe("sent");
    expect(twilio.seen).toHaveLength(1);
    const request = twilio.seen[0]!;
    expect(request.path).toBe(`/2010-04-01/Accounts/${sid}/Messages.json`);
    expect(request.authorization).toBe(`Basic ${Buffer.from(`${sid}:twilio-secret`).toString("base64")}`);
    expect(request.form.get("To")).toBe("+491711234567");
    expect(request.form.get("From")).toBe("+4930123456");
    expect(request.form.get("Body")).toBe(text!.text);

    // The Outbox lists it as a text, its link masked, and does not resend it.
    const outbox = (await accounting("GET", "/api/v1/outbox")).json();
    const listed = outbox.items.find((m: { id: string }) => m.id === text!.id);
    expect(listed).toMatchObject({ channel: "sms", to: "+491711234567", status: "sent" });
    expect(listed.customerLink.resendable).toBe(false);
    const shown = (await accounting("GET", `/api/v1/outbox/${text!.id}`)).json();
    expect(shown.text).not.toMatch(/\/pay\/[A-Za-z0-9_-]{43}/);
    expect((await accounting("POST", `/api/v1/outbox/${text!.id}/resend`)).statusCode).toBe(409);
    expect(id).toBeTruthy();
  });

  it("sends no text without consent, and none after it is withdrawn", async () => {
    await sentInvoice(shop.businessCustomerId);
    expect(await texts()).toHaveLength(1);
    const off = await accounting("PUT", `/api/v1/customers/${shop.privateCustomerId}/sms-consent`, {
      consent: false,
    });
    expect(off.json()).toEqual({ consent: false, at: null, source: null });
    await sentInvoice(shop.privateCustomerId);
    expect(await texts()).toHaveLength(1);
  });

  it("lets the fleet customer give consent in the portal", async () => {
    await t.database.db
      .update(customers)
      .set({ phone: "+43 664 1234567" })
      .where(eq(customers.id, shop.businessCustomerId));
    const portal = client(t.app, await signIn(t.app, shop.portal.email, "portal"));
    expect((await portal("GET", "/api/v1/portal/sms-consent")).json()).toMatchObject({
      consent: false,
      phoneKnown: true,
    });
    const on = await portal("PUT", "/api/v1/portal/sms-consent", { consent: true });
    expect(on.json()).toMatchObject({ consent: true, source: "portal" });
  });
});

describe("reminders by text", () => {
  it("texts a reminder's total with its pay link", async () => {
    await accounting("PUT", `/api/v1/customers/${shop.privateCustomerId}/sms-consent`, { consent: true });
    const draft = await accounting("POST", "/api/v1/invoices", {
      customerId: shop.privateCustomerId,
      lines: [{ description: "Service", quantityMilli: 1000, unitPrice: 20_000, taxRateBp: 1900 }],
      serviceDate: new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10),
      dueDate: new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10),
    });
    const invoice = (await accounting("POST", `/api/v1/invoices/${draft.json().id}/issue`)).json();
    const schedule = (await accounting("GET", "/api/v1/dunning/schedule")).json();
    await accounting("PUT", "/api/v1/dunning/schedule", { ...schedule, saved: undefined, enabled: true });
    const run = await accounting("POST", "/api/v1/dunning/run");
    expect(run.json().sent).toBeGreaterThanOrEqual(1);
    const reminder = (await texts()).find(
      (m) => m.text.includes(invoice.number) && m.text.includes("Zahlungserinnerung"),
    );
    expect(reminder?.text).toMatch(/http:\/\/pitlane\.test\/pay\/[A-Za-z0-9_-]{43}/);
  });
});

describe("the SMS port", () => {
  it("keeps texts in the Outbox without a provider", async () => {
    expect(await createSmsSender(null).send({ to: "+491711234567", text: "x" })).toEqual({
      status: "stored",
      providerId: null,
    });
  });
});
