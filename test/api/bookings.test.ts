import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "../../src/app/support/auth/tokens";
import { customerLinks, locations, mailMessages } from "../../src/db/schema";
import { startTestApp, type TestApp } from "../support/app";
import { type Client, client, signIn } from "../support/client";
import { createShop, type Shop, upcoming } from "../support/fixtures";

let t: TestApp;
let shop: Shop;
let advisor: Client;
let portal: Client;
const wednesday = upcoming(3);
const thursday = upcoming(4);

beforeAll(async () => {
  t = await startTestApp();
  shop = await createShop(t.database.db);
  advisor = client(t.app, await signIn(t.app, shop.staff.service_advisor.email));
  portal = client(t.app, await signIn(t.app, shop.portal.email, "portal"));
});
afterAll(() => t.close());

const mailsTo = async (to: string) =>
  (await t.database.db.select().from(mailMessages).where(eq(mailMessages.to, to))).map((m) => m);

describe("booking request negotiation", () => {
  it("goes back and forth until both agree, with the full history on both sides", async () => {
    const submitted = await portal("POST", "/api/v1/portal/booking-requests", {
      unitId: shop.businessUnitId,
      date: wednesday,
      time: "08:00",
      notes: "Brakes squeal",
    });
    expect(submitted.statusCode).toBe(201);
    const id = submitted.json().id;
    expect(submitted.json()).toMatchObject({
      status: "new",
      nextMove: "shop",
      moves: ["cancel"],
      timeZone: "Europe/Berlin",
    });

    const board = (await advisor("GET", "/api/v1/booking-requests?status=new")).json();
    expect(board.items.map((b: { id: string }) => b.id)).toContain(id);
    expect(board.items[0].moves).toEqual(["decline", "suggest", "confirm"]);

    const suggested = await advisor("POST", `/api/v1/booking-requests/${id}/suggest`, {
      date: wednesday,
      time: "10:00",
      note: "08:00 is full",
    });
    expect(suggested.json()).toMatchObject({
      status: "awaiting_customer",
      proposedTime: "10:00",
      proposedBy: "shop",
      nextMove: "customer",
    });

    const countered = await portal("POST", `/api/v1/portal/booking-requests/${id}/counter`, {
      date: thursday,
      time: "09:00",
      note: "Wednesday is bad",
    });
    expect(countered.json()).toMatchObject({
      status: "awaiting_shop",
      proposedDate: thursday,
      proposedTime: "09:00",
    });

    const confirmed = await advisor("POST", `/api/v1/booking-requests/${id}/confirm`, {});
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toMatchObject({
      status: "confirmed",
      nextMove: null,
      requestedTime: "08:00",
      proposedTime: "09:00",
    });

    for (const view of [
      confirmed.json(),
      (await portal("GET", `/api/v1/portal/booking-requests/${id}`)).json(),
    ]) {
      expect(view.history.map((h: { action: string; side: string }) => `${h.side}:${h.action}`)).toEqual([
        "customer:submit",
        "shop:suggest",
        "customer:counter",
        "shop:confirm",
      ]);
      expect(view.history[1]).toMatchObject({
        date: wednesday,
        time: "10:00",
        note: "08:00 is full",
        toStatus: "awaiting_customer",
      });
    }
    // The shop was told of the request and the counter-proposal.
    const shopMails = await mailsTo(
      `service.${shop.staff.admin.email.split(".")[1]!.split("@")[0]}@shop.test`,
    );
    expect(shopMails.map((m) => m.subject).sort()).toEqual([
      expect.stringMatching(/^Gegenvorschlag/),
      expect.stringMatching(/^Neue Terminanfrage/),
    ]);
  });

  it("lists open requests first, filters by status and searches customer and unit", async () => {
    const open = (
      await portal("POST", "/api/v1/portal/booking-requests", {
        unitId: shop.businessUnitId,
        date: thursday,
        time: "09:00",
      })
    ).json();
    const declined = (
      await portal("POST", "/api/v1/portal/booking-requests", {
        unitId: shop.businessUnitId,
        date: wednesday,
        time: "09:00",
      })
    ).json();
    await advisor("POST", `/api/v1/booking-requests/${declined.id}/decline`, { reason: "Full" });
    const ids = async (query: string) =>
      (await advisor("GET", `/api/v1/booking-requests${query}`))
        .json()
        .items.map((b: { id: string }) => b.id);
    const all = await ids("?limit=100");
    // The earlier proposed time is declined, so it comes after the open one.
    expect(all.indexOf(open.id)).toBeLessThan(all.indexOf(declined.id));
    expect(await ids("?status=declined")).toContain(declined.id);
    expect(await ids("?status=declined")).not.toContain(open.id);
    const openOnly = await ids("?status=new,awaiting_customer,awaiting_shop&limit=100");
    expect(openOnly).toContain(open.id);
    expect(openOnly).not.toContain(declined.id);
    const unit = (await advisor("GET", `/api/v1/units/${shop.businessUnitId}`)).json();
    for (const q of [unit.customerName.slice(0, 5), unit.plate, unit.model])
      expect(await ids(`?q=${encodeURIComponent(q)}&limit=100`), q).toContain(open.id);
    expect((await advisor("GET", "/api/v1/booking-requests?q=ab")).statusCode).toBe(400);
  });

  it("refuses moves out of turn and moves of the other side", async () => {
    const { id } = (
      await portal("POST", "/api/v1/portal/booking-requests", {
        unitId: shop.businessUnitId,
        date: wednesday,
        time: "11:00",
      })
    ).json();
    const early = await portal("POST", `/api/v1/portal/booking-requests/${id}/accept`, {});
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toMatch(/cannot be moved by "accept"/);
    expect((await advisor("POST", `/api/v1/portal/booking-requests/${id}/accept`, {})).statusCode).toBe(403);
    const noReason = await advisor("POST", `/api/v1/booking-requests/${id}/decline`, { reason: " " });
    expect(noReason.statusCode).toBe(400);
    const declined = await advisor("POST", `/api/v1/booking-requests/${id}/decline`, {
      reason: "No capacity this week",
    });
    expect(declined.json()).toMatchObject({
      status: "declined",
      declineReason: "No capacity this week",
      moves: [],
    });
    expect((await portal("POST", `/api/v1/portal/booking-requests/${id}/cancel`, {})).statusCode).toBe(409);
  });

  it("lets one of two concurrent confirms win and gives the other a 409", async () => {
    const { id } = (
      await portal("POST", "/api/v1/portal/booking-requests", {
        unitId: shop.businessUnitId,
        date: thursday,
        time: "13:00",
      })
    ).json();
    const other = client(t.app, await signIn(t.app, shop.staff.admin.email));
    const results = await Promise.all([
      advisor("POST", `/api/v1/booking-requests/${id}/confirm`, {}),
      other("POST", `/api/v1/booking-requests/${id}/confirm`, {}),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const loser = results.find((r) => r.statusCode === 409)!;
    expect(loser.json().type).toBe("/problems/conflict");
    const history = (await advisor("GET", `/api/v1/booking-requests/${id}`)).json().history;
    expect(history.filter((h: { action: string }) => h.action === "confirm")).toHaveLength(1);
  });

  it("refuses times in the past, on closed days and outside opening hours", async () => {
    const past = await portal("POST", "/api/v1/portal/booking-requests", {
      unitId: shop.businessUnitId,
      date: "2020-01-08",
      time: "09:00",
    });
    expect(past.statusCode).toBe(422);
    expect(past.json().errors[0].field).toBe("time");
    const sunday = await portal("POST", "/api/v1/portal/booking-requests", {
      unitId: shop.businessUnitId,
      date: upcoming(7),
      time: "09:00",
    });
    expect(sunday.json().errors[0]).toMatchObject({
      field: "date",
      message: "The shop is closed on this day.",
    });
    const late = await portal("POST", "/api/v1/portal/booking-requests", {
      unitId: shop.businessUnitId,
      date: wednesday,
      time: "19:00",
    });
    expect(late.json().errors[0].message).toMatch(/07:30 to 17:30/);
    const garbled = await portal("POST", "/api/v1/portal/booking-requests", {
      unitId: shop.businessUnitId,
      date: "next week",
      time: "9",
    });
    expect(garbled.statusCode).toBe(400);
    expect(
      garbled
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(["date", "time"]);
    const foreign = await portal("POST", "/api/v1/portal/booking-requests", {
      unitId: shop.privateUnitId,
      date: wednesday,
      time: "09:00",
    });
    expect(foreign.json().errors[0].field).toBe("unitId");
  });

  it("needs an explicit override to confirm beyond the hour's capacity, and shows free slots", async () => {
    await t.database.db
      .update(locations)
      .set({ bookingCapacityPerHour: 1 })
      .where(eq(locations.id, shop.locationId));
    const date = upcoming(5);
    const first = (
      await advisor("POST", "/api/v1/booking-requests", {
        unitId: shop.privateUnitId,
        date,
        time: "14:00",
        confirmNow: true,
      })
    ).json();
    expect(first.status).toBe("confirmed");
    const slots = (await portal("GET", `/api/v1/portal/booking-slots?date=${date}`)).json();
    expect(slots.slots.find((s: { time: string }) => s.time === "14:00")).toEqual({ time: "14:00", free: 0 });
    expect(slots.slots.find((s: { time: string }) => s.time === "15:00")).toEqual({ time: "15:00", free: 1 });
    const { id } = (
      await portal("POST", "/api/v1/portal/booking-requests", {
        unitId: shop.businessUnitId,
        date,
        time: "14:30",
      })
    ).json();
    const full = await advisor("POST", `/api/v1/booking-requests/${id}/confirm`, {});
    expect(full.statusCode).toBe(409);
    expect(full.json()).toMatchObject({
      type: "/problems/capacity-exceeded",
      errors: [{ field: "overrideCapacity" }],
    });
    const forced = await advisor("POST", `/api/v1/booking-requests/${id}/confirm`, {
      overrideCapacity: true,
    });
    expect(forced.json()).toMatchObject({ status: "confirmed", capacityOverride: true });
    await t.database.db
      .update(locations)
      .set({ bookingCapacityPerHour: 2 })
      .where(eq(locations.id, shop.locationId));
  });

  it("confirms and creates a draft estimate linked to the booking", async () => {
    const { id } = (
      await portal("POST", "/api/v1/portal/booking-requests", {
        unitId: shop.businessUnitId,
        date: thursday,
        time: "15:00",
      })
    ).json();
    const res = await advisor("POST", `/api/v1/booking-requests/${id}/confirm`, { createEstimate: true });
    expect(res.json().estimateId).toMatch(/^est_/);
  });
});

describe("a private customer answers through a mailed link", () => {
  it("accepts the shop's suggestion once; the link cannot be used again, and expired links are refused", async () => {
    const phoneBooking = (
      await advisor("POST", "/api/v1/booking-requests", {
        unitId: shop.privateUnitId,
        date: wednesday,
        time: "09:00",
        notes: "Taken by phone",
      })
    ).json();
    expect(phoneBooking.status).toBe("new");
    await advisor("POST", `/api/v1/booking-requests/${phoneBooking.id}/suggest`, {
      date: wednesday,
      time: "12:00",
    });
    const mails = await mailsTo(`paula.${shop.portal.email.split(".")[1]!.split("@")[0]}@example.com`);
    const suggestion = mails.find((m) => m.subject.includes("Terminvorschlag"))!;
    expect(suggestion.text).toMatch(/\/b\/[A-Za-z0-9_-]{43}/);
    const token = suggestion.text.match(/\/b\/([A-Za-z0-9_-]{43})/)![1]!;
    // Only the hash is stored.
    const [stored] = await t.database.db
      .select()
      .from(customerLinks)
      .where(eq(customerLinks.tokenHash, hashToken(token)));
    expect(stored?.subjectId).toBe(phoneBooking.id);

    const view = await t.app.inject({ url: `/api/v1/links/booking/${token}` });
    expect(view.statusCode).toBe(200);
    expect(view.json()).toMatchObject({
      booking: { id: phoneBooking.id, status: "awaiting_customer", moves: ["accept", "counter", "cancel"] },
      linkUsed: false,
    });
    const slots = await t.app.inject({ url: `/api/v1/links/booking/${token}/slots?date=${wednesday}` });
    expect(slots.json().slots.find((x: { time: string }) => x.time === "12:00")).toMatchObject({
      time: "12:00",
    });
    const accepted = await t.app.inject({
      method: "POST",
      url: `/api/v1/links/booking/${token}/accept`,
      payload: {},
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ status: "confirmed", proposedTime: "12:00" });
    expect(accepted.json().history.at(-1)).toMatchObject({
      action: "accept",
      side: "customer",
      by: expect.stringMatching(/^Paula/),
    });

    const again = await t.app.inject({
      method: "POST",
      url: `/api/v1/links/booking/${token}/cancel`,
      payload: {},
    });
    expect(again.statusCode).toBe(410);
    expect((await t.app.inject({ url: `/api/v1/links/booking/${token}` })).json().linkUsed).toBe(true);

    await t.database.db
      .update(customerLinks)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(customerLinks.tokenHash, hashToken(token)));
    const expired = await t.app.inject({ url: `/api/v1/links/booking/${token}` });
    expect(expired.statusCode).toBe(410);
    expect(expired.json()).toMatchObject({ type: "/problems/link-expired", title: "Gone" });
    expect((await t.app.inject({ url: `/api/v1/links/booking/${"x".repeat(43)}` })).statusCode).toBe(404);
  });

  it("mails the confirmation with a calendar invitation in the customer's language", async () => {
    const { id } = (
      await advisor("POST", "/api/v1/booking-requests", {
        unitId: shop.privateUnitId,
        date: thursday,
        time: "10:00",
      })
    ).json();
    await advisor("POST", `/api/v1/booking-requests/${id}/confirm`, {});
    const mails = await mailsTo(`paula.${shop.portal.email.split(".")[1]!.split("@")[0]}@example.com`);
    const confirmation = mails.find(
      (m) => m.subject.startsWith("Termin bestätigt") && m.subject.includes("10:00 Uhr"),
    );
    if (!confirmation) throw new Error(`no confirmation among ${mails.map((m) => m.subject).join(" | ")}`);
    expect(confirmation.text).toContain("Ihr Termin für den Volkswagen Polo");
    const ics = Buffer.from(confirmation.attachments![0]!.contentBase64, "base64").toString();
    expect(ics).toContain("BEGIN:VCALENDAR");
    expect(ics).toContain(`UID:${id}@pitlane`);
  });
});

describe("appointments across daylight-saving changes in Europe/Berlin", () => {
  it("keeps 08:00 at 08:00 on the Mondays after the March and October changes", async () => {
    // The clocks change on Sunday 28 March and Sunday 31 October 2027; the shop is closed on Sundays.
    for (const [date, utc] of [
      ["2027-03-26", "20270326T070000Z"], // Friday before: winter time, UTC+1
      ["2027-03-29", "20270329T060000Z"], // Monday after: summer time, UTC+2
      ["2027-10-29", "20271029T060000Z"], // Friday before: summer time
      ["2027-11-01", "20271101T070000Z"], // Monday after: winter time
    ] as const) {
      const booking = (
        await advisor("POST", "/api/v1/booking-requests", {
          unitId: shop.privateUnitId,
          date,
          time: "08:00",
          confirmNow: true,
        })
      ).json();
      expect(booking).toMatchObject({
        status: "confirmed",
        proposedDate: date,
        proposedTime: "08:00",
        timeZone: "Europe/Berlin",
      });
      const [mail] = (
        await mailsTo(`paula.${shop.portal.email.split(".")[1]!.split("@")[0]}@example.com`)
      ).filter((m) =>
        Buffer.from(m.attachments?.[0]?.contentBase64 ?? "", "base64")
          .toString()
          .includes(`UID:${booking.id}@pitlane`),
      );
      const ics = Buffer.from(mail!.attachments![0]!.contentBase64, "base64").toString();
      expect(ics).toContain(`DTSTART:${utc}`);
    }
  });
});

describe("opening hours and capacity in Settings", () => {
  it("lets an admin change opening hours and capacity, which bookings then follow", async () => {
    const admin = client(t.app, await signIn(t.app, shop.staff.admin.email));
    const bad = await admin("PUT", "/api/v1/settings/opening-hours", {
      days: [{ weekday: 1, opens: "18:00", closes: "08:00" }],
    });
    expect(bad.statusCode).toBe(400);
    expect((await advisor("PUT", "/api/v1/settings/opening-hours", { days: [] })).statusCode).toBe(403);
    const saved = await admin("PUT", "/api/v1/settings/opening-hours", {
      days: [1, 2, 3, 4, 5, 6].map((weekday) => ({
        weekday,
        opens: "08:00",
        closes: weekday === 6 ? "16:00" : "18:00",
      })),
    });
    expect(saved.json().days).toHaveLength(6);
    const saturday = await portal("POST", "/api/v1/portal/booking-requests", {
      unitId: shop.businessUnitId,
      date: upcoming(6),
      time: "15:00",
    });
    expect(saturday.statusCode).toBe(201);
    const location = (await admin("GET", "/api/v1/settings/location")).json();
    const changed = await admin("PATCH", "/api/v1/settings/location", {
      version: location.version,
      bookingCapacityPerHour: 3,
    });
    expect(changed.json().bookingCapacityPerHour).toBe(3);
    expect((await portal("GET", `/api/v1/portal/booking-slots?date=${upcoming(6)}`)).json()).toMatchObject({
      capacityPerHour: 3,
      slots: expect.arrayContaining([{ time: "15:00", free: 3 }]),
    });
  });
});
