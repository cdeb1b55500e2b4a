// Staff never hold a customer's link (issue #12): the Outbox masks every token and offers Resend,
// which mails a fresh link to the customer over the real SMTP server; a link decision sent with a
// staff session is refused, so staff decide for a customer only "on the customer's behalf".
import { eq } from "drizzle-orm";
import { simpleParser } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailMessages } from "../../src/db/schema";
import { mailedTokensIn } from "../../src/domain/link-tokens";
import { startTestApp, type TestApp } from "../support/app";
import { type Client, client, type Session, signIn } from "../support/client";
import { submitEstimate } from "../support/estimates";
import { createShop, type Shop, upcoming } from "../support/fixtures";
import { startSmtpServer, waitFor } from "../support/smtp";

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let t: TestApp;
let shop: Shop;
let advisorSession: Session;
let advisor: Client;
let customerEmail: string;
beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await startTestApp({ SMTP_URL: smtp.url });
  shop = await createShop(t.database.db);
  advisorSession = await signIn(t.app, shop.staff.service_advisor.email);
  advisor = client(t.app, advisorSession);
  customerEmail = (await advisor("GET", `/api/v1/customers/${shop.privateCustomerId}`)).json().email;
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

/** A submitted estimate for the private customer (no portal account: the mail carries an /e/ link). */
async function submittedEstimate() {
  const e = await submitEstimate(advisor, shop.privateUnitId);
  const mail = await storedMail(`Kostenvoranschlag ${e.number}`);
  return { ...e, mail, token: mailedTokensIn(mail.text)[0]! };
}

async function storedMail(subjectStart: string) {
  const rows = await t.database.db.select().from(mailMessages).where(eq(mailMessages.to, customerEmail));
  const mail = rows.find((m) => m.subject.startsWith(subjectStart));
  if (!mail) throw new Error(`no mail "${subjectStart}…"`);
  return mail;
}

/** The customer-link tokens of mails the SMTP server received for the customer, in order. */
async function deliveredTokens(path: "e" | "pay") {
  const tokens: string[] = [];
  for (const m of smtp.received.filter((r) => r.to.includes(customerEmail))) {
    const text = (await simpleParser(m.raw)).text ?? "";
    const token = text.match(new RegExp(`http://pitlane\\.test/${path}/([A-Za-z0-9_-]{43})`))?.[1];
    if (token) tokens.push(token);
  }
  return tokens;
}

/** Resends a mail once the first one has arrived; resolves to the token the resent mail delivered. */
async function resendAndReceive(path: "e" | "pay", mailId: string, original: string) {
  await waitFor(async () => (await deliveredTokens(path)).includes(original));
  const before = new Set(await deliveredTokens(path));
  const res = await advisor("POST", `/api/v1/outbox/${mailId}/resend`);
  expect(res.statusCode, res.body).toBe(201);
  const fresh = await waitFor(async () => (await deliveredTokens(path)).find((x) => !before.has(x)));
  return { res, fresh };
}

async function issuedAndSentInvoice() {
  const invoice = (
    await advisor("POST", "/api/v1/invoices", {
      customerId: shop.privateCustomerId,
      lines: [{ description: "Wheel alignment", quantityMilli: 1000, unitPrice: 8900, taxRateBp: 1900 }],
      serviceDate: "2026-11-20",
    })
  ).json();
  const issued = (await advisor("POST", `/api/v1/invoices/${invoice.id}/issue`, {})).json();
  expect((await advisor("POST", `/api/v1/invoices/${invoice.id}/send`, {})).statusCode).toBe(200);
  const mail = await storedMail(`Rechnung ${issued.number} `);
  return { id: invoice.id as string, mail, token: mailedTokensIn(mail.text)[0]! };
}

describe("the Outbox never shows a customer's link", () => {
  it("masks every link token in the list and in each mail, keeping the link a link", async () => {
    const estimate = await submittedEstimate();
    const invoice = await issuedAndSentInvoice();
    const booking = (
      await advisor("POST", "/api/v1/booking-requests", {
        unitId: shop.privateUnitId,
        date: upcoming(3),
        time: "09:00",
      })
    ).json();
    await advisor("POST", `/api/v1/booking-requests/${booking.id}/suggest`, {
      date: upcoming(4),
      time: "10:00",
    });
    const stored = await t.database.db.select().from(mailMessages).where(eq(mailMessages.to, customerEmail));
    const tokens = stored.flatMap((m) => mailedTokensIn(`${m.subject}\n${m.text}\n${m.html ?? ""}`));
    expect(tokens.length).toBeGreaterThanOrEqual(3);
    expect(tokens).toContain(estimate.token);
    expect(tokens).toContain(invoice.token);

    const list = await advisor("GET", "/api/v1/outbox?limit=100");
    expect(list.statusCode).toBe(200);
    for (const token of tokens) expect(list.body).not.toContain(token);
    const item = list.json().items.find((m: { id: string }) => m.id === estimate.mail.id);
    expect(item.customerLink).toEqual({ purpose: "estimate-response", state: "active", resendable: true });

    for (const mail of stored) {
      const detail = await advisor("GET", `/api/v1/outbox/${mail.id}`);
      expect(detail.statusCode).toBe(200);
      for (const token of tokens) expect(detail.body).not.toContain(token);
    }
    const estimateMail = (await advisor("GET", `/api/v1/outbox/${estimate.mail.id}`)).json();
    expect(estimateMail.text).toContain("http://pitlane.test/e/••••••");
    const payMail = (await advisor("GET", `/api/v1/outbox/${invoice.mail.id}`)).json();
    expect(payMail.text).toContain("http://pitlane.test/pay/••••••");
    expect(payMail.customerLink).toMatchObject({ purpose: "invoice-payment", state: "active" });
  });
});

describe("what the Outbox says about a mail", () => {
  it("gives the time sent only for a mail the SMTP server took, and lists its attachments", async () => {
    const invoice = await issuedAndSentInvoice();
    await waitFor(async () => (await storedMail(invoice.mail.subject)).status === "sent" || undefined);
    const sent = (await advisor("GET", `/api/v1/outbox/${invoice.mail.id}`)).json();
    expect(sent.status).toBe("sent");
    expect(sent.sentAt).toEqual(expect.any(String));
    const pdf = invoice.mail.attachments![0]!;
    expect(sent.attachments).toEqual([
      {
        filename: pdf.filename,
        contentType: "application/pdf",
        sizeBytes: Buffer.from(pdf.contentBase64, "base64").length,
      },
    ]);

    // A mail kept in the Outbox (no SMTP server) was never sent, whatever the row says about when it
    // was stored; a queued or failed one neither. Their contents stay out of the answer.
    for (const status of ["stored", "queued", "failed"] as const) {
      const id = `msg_outbox_${status}`;
      await t.database.db.insert(mailMessages).values({
        id,
        organisationId: shop.organisationId,
        locationId: shop.locationId,
        to: customerEmail,
        subject: `Kept ${status}`,
        text: "See https://shop.test/terms",
        status,
        error: status === "failed" ? "550 mailbox unavailable" : null,
        sentAt: new Date(),
      });
      const detail = (await advisor("GET", `/api/v1/outbox/${id}`)).json();
      expect(detail).toMatchObject({ status, sentAt: null, attachments: [] });
      const item = (await advisor("GET", "/api/v1/outbox?limit=100"))
        .json()
        .items.find((m: { id: string }) => m.id === id);
      expect(item.sentAt).toBeNull();
    }
    expect((await advisor("GET", "/api/v1/outbox/msg_outbox_failed")).json().error).toBe(
      "550 mailbox unavailable",
    );
    const list = await advisor("GET", "/api/v1/outbox?limit=100");
    expect(list.body).not.toContain("contentBase64");
  });
});

describe("Resend", () => {
  it("mails the customer a fresh estimate link that works, and staff see neither link", async () => {
    const estimate = await submittedEstimate();
    const { res, fresh } = await resendAndReceive("e", estimate.mail.id, estimate.token);
    expect(res.json().to).toBe(customerEmail);
    expect(res.body).not.toMatch(/[A-Za-z0-9_-]{43}/);
    const resent = await advisor("GET", `/api/v1/outbox/${res.json().id}`);
    expect(resent.body).not.toContain(fresh);
    expect(resent.json().text).toContain("http://pitlane.test/e/••••••");

    const view = await t.app.inject({ url: `/api/v1/links/estimate/${fresh}` });
    expect(view.json()).toMatchObject({ estimate: { id: estimate.id, status: "awaiting_customer" } });
    const approved = await t.app.inject({
      method: "POST",
      url: `/api/v1/links/estimate/${fresh}/approve`,
      payload: { versionNo: 1, labourLineIds: [estimate.lineId] },
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().decisions[0]).toMatchObject({ decision: "approve", byKind: "link" });

    // That link has served: its mail is not sent again.
    const again = await advisor("POST", `/api/v1/outbox/${res.json().id}/resend`);
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toMatch(/already answered/);
  });

  it("sends an invoice again: a new payment link replaces the old one", async () => {
    const invoice = await issuedAndSentInvoice();
    const { fresh } = await resendAndReceive("pay", invoice.mail.id, invoice.token);
    expect((await t.app.inject({ url: `/api/v1/pay/${fresh}` })).json().state).toBe("active");
    expect((await t.app.inject({ url: `/api/v1/pay/${invoice.token}` })).json().state).toBe("cancelled");
    const stale = await advisor("POST", `/api/v1/outbox/${invoice.mail.id}/resend`);
    expect(stale.statusCode).toBe(409);
  });

  it("takes the right to send the document, and a mail with a customer link", async () => {
    const estimate = await submittedEstimate();
    const accounting = client(t.app, await signIn(t.app, shop.staff.accounting.email));
    const list = (await accounting("GET", "/api/v1/outbox?limit=100")).json();
    const item = list.items.find((m: { id: string }) => m.id === estimate.mail.id);
    expect(item.customerLink.resendable).toBe(false);
    const refused = await accounting("POST", `/api/v1/outbox/${estimate.mail.id}/resend`);
    expect(refused.statusCode).toBe(403);
    expect(refused.headers["content-type"]).toContain("application/problem+json");

    const welcome = await advisor("POST", `/api/v1/customers/${shop.businessCustomerId}/portal-accounts`, {
      name: "Fleet Desk",
      email: "desk@fleet.test",
      password: "long enough password",
    });
    expect(welcome.statusCode).toBe(201);
    const [welcomeMail] = await t.database.db
      .select()
      .from(mailMessages)
      .where(eq(mailMessages.to, "desk@fleet.test"));
    expect((await advisor("GET", `/api/v1/outbox/${welcomeMail!.id}`)).json().customerLink).toBeNull();
    const noLink = await advisor("POST", `/api/v1/outbox/${welcomeMail!.id}/resend`);
    expect(noLink.statusCode).toBe(409);
  });
});

describe("a customer's link with a staff session", () => {
  it("refuses the decision, pointing to the on-behalf path, and leaves the link to the customer", async () => {
    const estimate = await submittedEstimate();
    const payload = { versionNo: 1, labourLineIds: [estimate.lineId] };
    const asStaff = await t.app.inject({
      method: "POST",
      url: `/api/v1/links/estimate/${estimate.token}/approve`,
      headers: { cookie: advisorSession.cookie },
      payload,
    });
    expect(asStaff.statusCode).toBe(403);
    expect(asStaff.headers["content-type"]).toContain("application/problem+json");
    expect(asStaff.json()).toMatchObject({ type: "/problems/forbidden" });
    expect(asStaff.json().detail).toMatch(/on the customer's behalf/);

    const view = await t.app.inject({ url: `/api/v1/links/estimate/${estimate.token}` });
    expect(view.json()).toMatchObject({ estimate: { status: "awaiting_customer" }, linkUsed: false });
    const asCustomer = await t.app.inject({
      method: "POST",
      url: `/api/v1/links/estimate/${estimate.token}/approve`,
      payload,
    });
    expect(asCustomer.statusCode).toBe(200);
    expect(asCustomer.json().status).toBe("approved");
  });

  it("applies to every decision a mailed link can take", async () => {
    const decisions = t.app.registeredRoutes.filter(
      (r) => r.method === "POST" && r.url.startsWith("/api/v1/links/"),
    );
    expect(decisions.map((r) => r.url)).toEqual(
      expect.arrayContaining([
        "/api/v1/links/estimate/:token/approve",
        "/api/v1/links/booking/:token/accept",
        "/api/v1/links/extension/:token/decide",
      ]),
    );
    for (const route of decisions) expect(route.access, route.url).toBe("link");
  });
});
