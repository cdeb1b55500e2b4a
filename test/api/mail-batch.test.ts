// The mail worker takes queued mail in batches and sends several at once. Whatever the batching,
// every queued message arrives exactly once, and a message the server refuses is retried on its own
// without the rest of its batch going out a second time.
import type { AddressInfo } from "node:net";
import { inArray } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queueMail } from "../../src/app/support/queue-mail";
import { mailMessages } from "../../src/db/schema";
import { bossQueue } from "../../src/jobs/queue";
import { mailBatchSize } from "../../src/jobs/worker";
import { startTestApp, type TestApp } from "../support/app";
import { createShop, type Shop } from "../support/fixtures";
import { waitFor } from "../support/smtp";

/** A real SMTP server that refuses the first attempt for addresses starting with "flaky". */
async function startFlakySmtpServer() {
  const received: string[] = [];
  const refused = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith("flaky") && !refused.has(address.address)) {
        refused.add(address.address);
        const error = new Error("Mailbox busy, try again later") as Error & { responseCode: number };
        error.responseCode = 450;
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      stream.on("data", () => {});
      stream.on("end", () => {
        received.push(...session.envelope.rcptTo.map((r) => r.address));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refused,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let smtp: Awaited<ReturnType<typeof startFlakySmtpServer>>;
let t: TestApp;
let shop: Shop;
beforeAll(async () => {
  smtp = await startFlakySmtpServer();
  t = await startTestApp({ SMTP_URL: smtp.url });
  shop = await createShop(t.database.db);
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

async function queue(addresses: string[]) {
  const queue = bossQueue(t.boss);
  return t.database.db.transaction(async (tx) => {
    const ids: string[] = [];
    for (const to of addresses) {
      ids.push(
        await queueMail(tx, queue, {
          organisationId: shop.organisationId,
          locationId: shop.locationId,
          to,
          subject: `For ${to}`,
          text: "Hello.\n",
        }),
      );
    }
    return ids;
  });
}

const count = (list: string[], address: string) => list.filter((a) => a === address).length;

describe("mail in batches", () => {
  it("sends more than a batch of queued mail, each message exactly once, and marks it sent", async () => {
    const addresses = Array.from({ length: mailBatchSize * 2 + 7 }, (_, i) => `batch-${i}@example.com`);
    const ids = await queue(addresses);
    await waitFor(() => addresses.every((a) => smtp.received.includes(a)), 30_000);
    // Time for a duplicate to show up, if one were coming.
    await new Promise((r) => setTimeout(r, 1500));
    expect(addresses.filter((a) => count(smtp.received, a) !== 1)).toEqual([]);
    const rows = await t.database.db
      .select({ status: mailMessages.status, attempts: mailMessages.attempts })
      .from(mailMessages)
      .where(inArray(mailMessages.id, ids));
    expect(rows).toHaveLength(addresses.length);
    expect(rows.every((r) => r.status === "sent" && r.attempts === 1)).toBe(true);
  }, 60_000);

  it("retries a refused message on its own; the rest of its batch goes out once", async () => {
    const addresses = [
      "flaky-1@example.com",
      ...Array.from({ length: 9 }, (_, i) => `steady-${i}@example.com`),
    ];
    const ids = await queue(addresses);
    await waitFor(() => addresses.every((a) => smtp.received.includes(a)), 45_000);
    await new Promise((r) => setTimeout(r, 1500));
    expect(smtp.refused.has("flaky-1@example.com")).toBe(true);
    expect(addresses.map((a) => count(smtp.received, a))).toEqual(addresses.map(() => 1));
    const rows = await t.database.db
      .select({ to: mailMessages.to, status: mailMessages.status, attempts: mailMessages.attempts })
      .from(mailMessages)
      .where(inArray(mailMessages.id, ids));
    expect(rows.find((r) => r.to === "flaky-1@example.com")).toMatchObject({ status: "sent", attempts: 2 });
    expect(rows.filter((r) => r.to !== "flaky-1@example.com").every((r) => r.attempts === 1)).toBe(true);
  }, 60_000);
});
