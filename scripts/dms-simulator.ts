// A reference DMS client, written as an integrator would write one: on a client generated from
// Pitlane's OpenAPI document (openapi-typescript → scripts/dms/pitlane-api.d.ts, `npm run api:types`)
// and openapi-fetch, with nothing of Pitlane's own code. It keeps the DMS's side of the story — its
// open items — and settles them the way docs/integrations.md describes:
//
//   1. push a batch of invoices it issued (POST /invoices/batch, one Idempotency-Key per batch);
//   2. learn that an invoice was paid, by a signed webhook (verified with `standardwebhooks`) or, behind
//      a firewall, from the pull feed (GET /events?after=…&wait=…);
//   3. book the payment in its ledger and tell Pitlane (POST /invoices/{id}/book), which closes the case
//      once the vehicle is handed over too.
//
// Used by the end-to-end test (test/browser/dms-simulator.test.ts) and from the command line:
//   npx tsx scripts/dms-simulator.ts --url http://localhost:3000 --key pl_live_… [--invoices 5]
//     [--mode feed|webhook] [--port 4455] [--email customer@example.test]
// With --mode webhook it registers a webhook endpoint (the key needs webhooks:manage, and the location
// must allow private targets for a receiver on this machine).
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import createClient from "openapi-fetch";
import { Webhook } from "standardwebhooks";
import type { paths } from "./dms/pitlane-api";

/** POST /invoices takes a staff draft or a DMS push; the push is the one with the DMS's externalId. */
type CreateInvoiceBody = NonNullable<
  paths["/api/v1/invoices"]["post"]["requestBody"]
>["content"]["application/json"];
type PushedInvoice = Extract<CreateInvoiceBody, { externalId: string }>;

/** An integration event as the feed and the webhooks carry it (versioned payload). */
export interface DmsEvent {
  type: string;
  version: number;
  id: string;
  occurredAt: string;
  data: { invoiceId?: string; externalId?: string | null; number?: string; openAmount?: number };
}

/** The DMS's own view of an invoice it pushed. */
export interface OpenItem {
  externalId: string;
  invoiceId: string;
  number: string;
  gross: number;
  state: "open" | "paid" | "booked";
}

export interface SimulatorOptions {
  /** Pitlane's address, e.g. http://localhost:3000 */
  baseUrl: string;
  apiKey: string;
  log?: (line: string) => void;
}

export class DmsSimulator {
  readonly items = new Map<string, OpenItem>();
  readonly events: DmsEvent[] = [];
  /** Webhook deliveries whose signature did not verify: never acted on. */
  rejected = 0;
  private readonly api;
  private readonly log: (line: string) => void;
  private receiver: Server | null = null;
  private verifier: Webhook | null = null;
  private waiters: Array<() => void> = [];
  private handled = new Set<string>();

  constructor(private readonly options: SimulatorOptions) {
    // A DMS reads JSON: the feed's other media type (text/event-stream) is for the shop's screens.
    this.api = createClient<paths, "application/json">({
      baseUrl: options.baseUrl.replace(/\/$/, ""),
      headers: { authorization: `Bearer ${options.apiKey}` },
    });
    this.log = options.log ?? (() => {});
  }

  /** Pushes the DMS's invoices in one batch; each is accepted or refused on its own. */
  async pushBatch(invoices: PushedInvoice[]) {
    const { data, error, response } = await this.api.POST("/api/v1/invoices/batch", {
      params: { header: { "idempotency-key": randomUUID() } },
      body: { invoices },
    });
    if (!data) throw new Error(`batch refused: ${response.status} ${JSON.stringify(error)}`);
    for (const result of data.results) {
      const sent = invoices[result.index]!;
      if (result.invoiceId && (result.status === "created" || result.status === "duplicate")) {
        this.items.set(result.invoiceId, {
          externalId: sent.externalId,
          invoiceId: result.invoiceId,
          number: sent.number,
          gross: sent.totals.gross,
          state: "open",
        });
      }
      this.log(
        `push ${sent.externalId}: ${result.status}${result.problem ? ` (${result.problem.detail})` : ""}`,
      );
    }
    return data.results;
  }

  /** Pitlane's view of one invoice: status, open amount, payments. */
  async invoice(id: string) {
    const { data, error, response } = await this.api.GET("/api/v1/invoices/{id}", {
      params: { path: { id } },
    });
    if (!data) throw new Error(`invoice ${id}: ${response.status} ${JSON.stringify(error)}`);
    return data;
  }

  /**
   * Starts a receiver on 127.0.0.1 and registers it as a webhook endpoint for the events a DMS needs.
   * Returns the endpoint's id.
   */
  async listenForWebhooks(port = 0): Promise<{ endpointId: string; url: string }> {
    this.receiver = createServer((request, response) => {
      void this.receive(request).then(
        (status) => {
          response.statusCode = status;
          response.end();
        },
        () => {
          response.statusCode = 500;
          response.end();
        },
      );
    });
    await new Promise<void>((resolve) => this.receiver!.listen(port, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(this.receiver.address() as AddressInfo).port}/pitlane`;
    const { data, error, response } = await this.api.POST("/api/v1/settings/webhooks", {
      body: {
        url,
        description: "DMS simulator",
        eventTypes: ["invoice.sent", "invoice.paid", "payment.received", "invoice.closed"],
      },
    });
    if (!data) throw new Error(`webhook endpoint refused: ${response.status} ${JSON.stringify(error)}`);
    this.verifier = new Webhook(data.secret);
    this.log(`webhooks: ${url}`);
    return { endpointId: data.endpoint.id, url };
  }

  private async receive(request: IncomingMessage): Promise<number> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    let event: DmsEvent;
    try {
      event = this.verifier!.verify(body, {
        "webhook-id": String(request.headers["webhook-id"] ?? ""),
        "webhook-timestamp": String(request.headers["webhook-timestamp"] ?? ""),
        "webhook-signature": String(request.headers["webhook-signature"] ?? ""),
      }) as DmsEvent;
    } catch {
      this.rejected += 1;
      return 401;
    }
    await this.handle(event);
    return 204;
  }

  /** Reads the pull feed from `after` once (long-polling up to `waitSeconds`); returns the next cursor. */
  async pollFeed(after: string, waitSeconds = 0): Promise<string> {
    const { data, error, response } = await this.api.GET("/api/v1/events", {
      params: { query: { after, wait: waitSeconds, limit: 500 } },
    });
    if (!data || !("events" in data)) throw new Error(`feed: ${response.status} ${JSON.stringify(error)}`);
    for (const event of data.events) await this.handle(event as DmsEvent);
    return data.nextCursor;
  }

  /** An event arrives (webhook or feed, possibly both, possibly twice): acted on once, by its id. */
  private async handle(event: DmsEvent) {
    if (this.handled.has(event.id)) return;
    this.handled.add(event.id);
    this.events.push(event);
    this.log(`event ${event.type} ${event.data.number ?? ""}`);
    const item = event.data.invoiceId ? this.items.get(event.data.invoiceId) : undefined;
    if (event.type === "invoice.paid" && item && item.state === "open") {
      item.state = "paid";
      await this.book(item);
    }
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** The DMS settles its open item, then tells Pitlane it is booked. */
  private async book(item: OpenItem) {
    const { error, response } = await this.api.POST("/api/v1/invoices/{id}/book", {
      params: { path: { id: item.invoiceId } },
    });
    if (!response.ok) throw new Error(`book ${item.number}: ${response.status} ${JSON.stringify(error)}`);
    item.state = "booked";
    this.log(`booked ${item.number}`);
  }

  /** Resolves when `test` holds, checked after each event; rejects after `timeoutMs`. */
  async until(test: () => boolean, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!test()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error("the simulator waited in vain");
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 500));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async close() {
    if (this.receiver) await new Promise<void>((resolve) => this.receiver!.close(() => resolve()));
    for (const wake of this.waiters.splice(0)) wake();
  }
}

/** An invoice as a DMS would issue it: labour and a part at 19 %, the totals it printed. */
export function sampleInvoice(n: number, email: string, run = Date.now().toString(36)): PushedInvoice {
  const labour = {
    description: "Inspection per manufacturer",
    quantityMilli: 1500,
    unitPrice: 9_800,
    taxRateBp: 1900,
  };
  const part = {
    description: "Oil filter",
    partNumber: "OC 90",
    quantityMilli: 1000,
    unitPrice: 1_450,
    taxRateBp: 1900,
  };
  const net = 14_700 + 1_450;
  const tax = Math.round((net * 1900) / 10_000);
  return {
    externalId: `SIM-${run}-${n}`,
    number: `DMS-${run}-${String(n).padStart(4, "0")}`,
    issueDate: new Date().toISOString().slice(0, 10),
    currency: "EUR",
    customer: {
      externalId: `SIM-CUST-${run}-${n}`,
      name: `Simulated customer ${n}`,
      type: "private",
      email,
      language: "en",
    },
    unit: { externalId: `SIM-UNIT-${run}-${n}`, make: "VW", model: "Golf", plate: `B-SIM ${n}` },
    lines: [labour, part],
    totals: { net, tax, gross: net + tax },
    send: "immediately",
  };
}

async function main() {
  const { values } = parseArgs({
    options: {
      url: { type: "string", default: "http://localhost:3000" },
      key: { type: "string", default: process.env.PITLANE_API_KEY },
      invoices: { type: "string", default: "3" },
      mode: { type: "string", default: "feed" },
      port: { type: "string", default: "0" },
      email: { type: "string", default: "dms-simulator@example.test" },
    },
  });
  if (!values.key)
    throw new Error("Pass --key pl_live_… (or PITLANE_API_KEY): an API key from Settings → Integrations.");
  const sim = new DmsSimulator({ baseUrl: values.url!, apiKey: values.key, log: (l) => console.log(l) });
  const run = Date.now().toString(36);
  const count = Number(values.invoices);
  await sim.pushBatch(Array.from({ length: count }, (_, i) => sampleInvoice(i + 1, values.email!, run)));
  let cursor = "0";
  if (values.mode === "webhook") await sim.listenForWebhooks(Number(values.port));
  console.log("Waiting for payments (pay them from the mailed links); Ctrl+C to stop.");
  for (;;) {
    if (values.mode === "feed") cursor = await sim.pollFeed(cursor, 30);
    else await sim.until(() => false, 60_000).catch(() => {});
    const open = [...sim.items.values()].filter((i) => i.state !== "booked").length;
    if (open === 0) break;
  }
  console.log("All pushed invoices paid and booked.");
  await sim.close();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
