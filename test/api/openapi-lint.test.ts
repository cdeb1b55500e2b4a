// The OpenAPI document is one an integrator's tools accept (issue #14): Redocly's recommended lint
// passes with no errors (redocly.yaml; examples that do not fit their schema count as errors), every
// operation says how it is called, has a unique operationId and its problem responses, and the
// TypeScript client generated from it (openapi-typescript + openapi-fetch) type-checks and works
// against the live server with an API key.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import fastifySwagger from "@fastify/swagger";
import Fastify from "fastify";
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import createClient from "openapi-fetch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { paths } from "../../scripts/dms/pitlane-api";
import { writeApiTypes } from "../../scripts/generate-api-client";
import {
  checkOperationIds,
  deriveOperationId,
  openApiTransform,
  openApiTransformObject,
  securitySchemes,
} from "../../src/http/openapi";
import { createKey } from "../support/api-keys";
import { startTestApp, type TestApp } from "../support/app";
import { client, signIn } from "../support/client";
import { createShop, type Shop } from "../support/fixtures";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
const bin = (name: string) => path.join(root, "node_modules/.bin", name);
const methods = ["get", "put", "post", "delete", "patch"] as const;

interface Operation {
  operationId?: string;
  security?: Record<string, string[]>[];
  description?: string;
  responses: Record<string, { $ref?: string; content?: Record<string, { examples?: object }> }>;
  requestBody?: { content: Record<string, { examples?: object }> };
}
interface Document {
  paths: Record<string, Partial<Record<(typeof methods)[number], Operation>>>;
  components: { securitySchemes: Record<string, unknown>; schemas: Record<string, unknown> };
}

let t: TestApp;
let shop: Shop;
let doc: Document;
let tmp: string;
const operations: { key: string; op: Operation }[] = [];

beforeAll(async () => {
  t = await startTestApp({ RUN_WORKER: "false" });
  shop = await createShop(t.database.db, "OpenAPI shop");
  const res = await t.app.inject({ url: "/api/v1/openapi.json" });
  expect(res.statusCode).toBe(200);
  doc = res.json();
  for (const [p, item] of Object.entries(doc.paths))
    for (const m of methods) if (item[m]) operations.push({ key: `${m.toUpperCase()} ${p}`, op: item[m]! });
  // Inside the checkout (git-ignored), so the generated client's imports resolve to node_modules.
  await mkdir(path.join(root, "test-results"), { recursive: true });
  tmp = await mkdtemp(path.join(root, "test-results/openapi-"));
});
afterAll(async () => {
  await t?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe("the OpenAPI document", () => {
  it("passes Redocly's recommended lint with no errors, offline", async () => {
    const file = path.join(tmp, "openapi.json");
    await writeFile(file, JSON.stringify(doc));
    // The lint must fetch nothing: no telemetry (also off in redocly.yaml), no update check.
    const env = {
      ...process.env,
      REDOCLY_TELEMETRY: "off",
      REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
      CI: "true",
    };
    const args = ["lint", "--config", path.join(root, "redocly.yaml"), "--format", "json", file];
    const out = await run(bin("redocly"), args, { env, cwd: root, maxBuffer: 64 * 1024 * 1024 }).catch(
      (error: { stdout: string }) => error,
    );
    const report = JSON.parse(out.stdout) as {
      totals: { errors: number; warnings: number };
      problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[];
    };
    const errors = report.problems
      .filter((p) => p.severity === "error")
      .map((p) => `${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`);
    console.log(
      `Redocly lint of ${operations.length} operations: ${report.totals.errors} errors, ${report.totals.warnings} warnings`,
      report.problems.filter((p) => p.severity === "warn").map((p) => p.ruleId),
    );
    expect(errors).toEqual([]);
    expect(report.totals.errors).toBe(0);
  });

  it("gives every operation a unique operationId, its security and a documented 4xx", () => {
    expect(operations.length).toBeGreaterThan(100);
    const ids = new Map<string, string>();
    for (const { key, op } of operations) {
      expect(op.operationId, key).toMatch(/^[a-z][A-Za-z0-9]+$/);
      expect(ids.get(op.operationId!), `${op.operationId} twice`).toBeUndefined();
      ids.set(op.operationId!, key);
      expect(Array.isArray(op.security), key).toBe(true);
      expect(
        Object.keys(op.responses).some((s) => /^4\d\d$/.test(s)),
        key,
      ).toBe(true);
      // A problem is always application/problem+json with the shared schema.
      expect(op.responses.default?.$ref, key).toBe("#/components/responses/UnexpectedError");
    }
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(["apiKey", "csrf", "session"]);
    expect(doc.components.schemas.Problem).toBeDefined();
  });

  it("derives each operation's security from its route: public, link, session (+ CSRF on changes), API key", () => {
    const op = (method: (typeof methods)[number], p: string) => doc.paths[`/api/v1${p}`]![method]!;
    expect(op("post", "/auth/login").security).toEqual([]);
    expect(op("get", "/customers").security).toEqual([{ session: [] }]);
    expect(op("post", "/customers").security).toEqual([{ session: [], csrf: [] }]);
    expect(op("post", "/customers").responses["401"]).toBeDefined();
    expect(op("post", "/customers").responses["403"]).toBeDefined();
    expect(op("post", "/customers").responses["422"]).toBeDefined();
    // A mailed link: no scheme, the token in the path is the credential (to read, and to decide).
    for (const link of [
      op("get", "/links/estimate/{token}"),
      op("post", "/links/estimate/{token}/approve"),
    ]) {
      expect(link.security).toEqual([]);
      expect(link.description).toMatch(/token in the path is the credential/);
    }
    expect(op("post", "/links/estimate/{token}/approve").responses["410"]).toBeDefined();
    // The route a DMS may call with a key: the session or the key, and the scope it needs.
    const invoice = op("get", "/invoices/{id}");
    expect(invoice.security).toEqual([{ session: [] }, { apiKey: ["invoices:read"] }]);
    expect(invoice.description).toMatch(/scope `invoices:read`/);
    expect(Object.keys(invoice.responses)).toEqual(
      expect.arrayContaining(["200", "401", "403", "404", "429"]),
    );
    // The login route has a rate limit of its own.
    expect(op("post", "/auth/login").responses["429"]).toBeDefined();
  });

  it("names operations readably and predictably", () => {
    const ids = Object.fromEntries(
      operations.map(({ key, op }) => [key.replace("/api/v1", ""), op.operationId]),
    );
    expect(ids).toMatchObject({
      "GET /invoices": "listInvoices",
      "GET /invoices/{id}": "getInvoice",
      "POST /invoices": "createInvoice",
      "PATCH /customers/{id}": "updateCustomer",
      "POST /invoices/{id}/book": "bookInvoice",
      "GET /portal/estimates": "listPortalEstimates",
      "POST /units/{id}/readings": "createUnitReading",
      "GET /links/estimate/{token}": "getEstimateByLink",
      "POST /auth/login": "login",
      // Set by the route (schema.operationId).
      "POST /estimates/{id}/record-decision": "recordEstimateDecision",
    });
    expect(deriveOperationId("POST", "/api/v1/invoices/:id/payment-link/cancel")).toBe(
      "cancelInvoicePaymentLink",
    );
    expect(deriveOperationId("DELETE", "/api/v1/webhook-endpoints/:id")).toBe("deleteWebhookEndpoint");
    expect(deriveOperationId("POST", "/api/v1/invoices/batch")).toBe("batchInvoices");
    expect(deriveOperationId("GET", "/api/v1/events")).toBe("listEvents");
    expect(deriveOperationId("GET", "/api/v1/invoices/:id/payment-request.pdf")).toBe(
      "getInvoicePaymentRequestPdf",
    );
  });

  it("carries examples for the invoice operations a DMS uses", () => {
    const json = (o: Operation, status: string) =>
      o.responses[status]?.content?.["application/json"]?.examples;
    const invoice = doc.paths["/api/v1/invoices/{id}"]!.get!;
    expect(json(invoice, "200")).toHaveProperty("paid");
    expect(invoice.responses["404"]?.content?.["application/problem+json"]?.examples).toHaveProperty(
      "notFound",
    );
    expect(json(doc.paths["/api/v1/invoices"]!.get!, "200")).toHaveProperty("paidReady");
    const create = doc.paths["/api/v1/invoices"]!.post!;
    expect(create.requestBody?.content["application/json"]?.examples).toHaveProperty("service");
    expect(json(create, "201")).toHaveProperty("draft");
    const book = doc.paths["/api/v1/invoices/{id}/book"]!.post!;
    expect(book.responses["409"]?.content?.["application/problem+json"]?.examples).toHaveProperty("notPaid");
  });
  // The integration's operations (issue #14): each shows an integrator a real answer, so a new one
  // registered without examples fails here, not in a DMS developer's first call.
  const integrationPaths = [
    /^\/api\/v1\/settings\/api-keys/,
    /^\/api\/v1\/settings\/webhooks/,
    /^\/api\/v1\/settings\/dms$/,
    /^\/api\/v1\/invoices\/batch$/,
    /^\/api\/v1\/invoices\/\{id\}\/(?:history|payment-request\.pdf)$/,
    /^\/api\/v1\/events$/,
  ];
  const integrationOps = () =>
    operations.filter(
      ({ key, op }) =>
        (op as { tags?: string[] }).tags?.some((tag) => tag === "integrations" || tag === "webhooks") ||
        integrationPaths.some((p) => p.test(key.split(" ")[1]!)),
    );

  it("carries a response example (and a request example where there is a body) on every integration operation", () => {
    const ops = integrationOps();
    expect(ops.map((o) => o.key).sort()).toEqual(
      expect.arrayContaining([
        "DELETE /api/v1/settings/webhooks/{id}",
        "GET /api/v1/events",
        "GET /api/v1/invoices/{id}/history",
        "GET /api/v1/invoices/{id}/payment-request.pdf",
        "GET /api/v1/settings/api-keys",
        "GET /api/v1/settings/dms",
        "GET /api/v1/settings/webhooks",
        "GET /api/v1/settings/webhooks/{id}/deliveries",
        "PATCH /api/v1/settings/dms",
        "PATCH /api/v1/settings/webhooks/{id}",
        "POST /api/v1/invoices/batch",
        "POST /api/v1/settings/api-keys",
        "POST /api/v1/settings/api-keys/{id}/revoke",
        "POST /api/v1/settings/webhooks",
        "POST /api/v1/settings/webhooks/deliveries/{id}/resend",
        "POST /api/v1/settings/webhooks/{id}/test",
        "PUT /api/v1/settings/webhooks/policy",
      ]),
    );
    const missing: string[] = [];
    for (const { key, op } of ops) {
      const success = Object.entries(op.responses).filter(([status]) => /^2\d\d$/.test(status));
      if (success.length === 0) missing.push(`${key}: no success response`);
      for (const [status, response] of success) {
        const media = Object.entries(response.content ?? {});
        // 204 has no body; a binary answer (a PDF) has its media type and needs no example.
        if (media.length === 0) continue;
        for (const [type, content] of media) {
          const binary = (content as { schema?: { format?: string } }).schema?.format === "binary";
          const streamed = type === "text/event-stream";
          if (binary || streamed) continue;
          if (!content.examples || Object.keys(content.examples).length === 0)
            missing.push(`${key}: no example for ${status} ${type}`);
        }
      }
      for (const [type, content] of Object.entries(op.requestBody?.content ?? {}))
        if (!content.examples || Object.keys(content.examples).length === 0)
          missing.push(`${key}: no request example (${type})`);
      // Every 4xx with examples of its own keeps the problem media type.
      for (const [status, response] of Object.entries(op.responses))
        if (/^4\d\d$/.test(status) && response.content)
          expect(Object.keys(response.content), `${key} ${status}`).toEqual(["application/problem+json"]);
    }
    expect(missing).toEqual([]);
    // The binary and the two-way answers say what they are.
    const pdf = doc.paths["/api/v1/invoices/{id}/payment-request.pdf"]!.get!;
    expect(Object.keys(pdf.responses["200"]?.content ?? {})).toEqual(["application/pdf"]);
    expect(pdf.responses["404"]?.content?.["application/problem+json"]?.examples).toHaveProperty("notFound");
    const feed = doc.paths["/api/v1/events"]!.get!;
    expect(Object.keys(feed.responses["200"]?.content ?? {})).toEqual([
      "application/json",
      "text/event-stream",
    ]);
    // One named example's value, read loosely: the lint above has checked it against its schema.
    type Loose = Record<string, { value: never }>;
    const example = <T>(examples: object | undefined, name: string): T =>
      ((examples ?? {}) as Loose)[name]?.value as T;
    const paid = example<{ events: { type: string }[]; nextCursor: string }>(
      feed.responses["200"]?.content?.["application/json"]?.examples,
      "paid",
    );
    expect(paid.events.map((e) => e.type)).toContain("invoice.paid");
    expect(paid.nextCursor).toMatch(/^\d+$/);
    const batch = doc.paths["/api/v1/invoices/batch"]!.post!;
    const batchBody = example<{ invoices: unknown[] }>(
      batch.requestBody?.content["application/json"]?.examples,
      "two",
    );
    expect(batchBody.invoices).toHaveLength(2);
    const batchAnswer = example<{ results: { status: string }[] }>(
      batch.responses["200"]?.content?.["application/json"]?.examples,
      "createdAndRefused",
    );
    expect(batchAnswer.results.map((r) => r.status)).toEqual(["created", "refused"]);
    const secret = example<{ secret: string }>(
      doc.paths["/api/v1/settings/webhooks"]!.post!.responses["201"]?.content?.["application/json"]?.examples,
      "created",
    ).secret;
    expect(secret).toMatch(/^whsec_/);
  });
});

describe("the document's machinery", () => {
  it("refuses at start-up two routes whose operationId would be the same, naming both", async () => {
    const app = Fastify();
    checkOperationIds(app);
    app.get("/things/:id", { config: { access: "public" } }, async () => ({}));
    expect(() => app.get("/things/:thingId", { config: { access: "public" } }, async () => ({}))).toThrow(
      /getThing is taken twice: by GET \/things\/:id and by GET \/things\/:thingId/,
    );
    // /thing/:name would be getThing too; naming its own operationId, it is no collision.
    app.get(
      "/thing/:name",
      { config: { access: "public" }, schema: { operationId: "getThingByName" } },
      async () => ({}),
    );
    await app.close();
  });

  it("passes zod .meta({ examples }) through as JSON Schema examples", async () => {
    const app = Fastify().withTypeProvider<ZodTypeProvider>();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    await app.register(fastifySwagger, {
      openapi: { openapi: "3.1.0", info: { title: "t", version: "1" }, components: { securitySchemes } },
      transform: openApiTransform,
      transformObject: openApiTransformObject,
    });
    app.post(
      "/api/v1/widgets",
      {
        config: {
          access: "staff",
          examples: { request: { small: { value: { name: "Bolt" } } } },
        },
        schema: {
          body: z.object({ name: z.string().meta({ examples: ["Nut"] }) }),
          response: { 201: z.object({ id: z.string() }).meta({ examples: [{ id: "wdg_1" }] }) },
        },
      },
      async (_request, reply) => reply.code(201).send({ id: "wdg_1" }),
    );
    await app.ready();
    const widget = (app.swagger() as unknown as Document).paths["/api/v1/widgets"]!.post! as Operation & {
      requestBody: { content: Record<string, { schema: { properties: { name: { examples: string[] } } } }> };
    };
    expect(widget.operationId).toBe("createWidget");
    expect(widget.security).toEqual([{ session: [], csrf: [] }]);
    const body = widget.requestBody.content["application/json"]!;
    expect(body.schema.properties.name.examples).toEqual(["Nut"]);
    expect(body).toHaveProperty("examples.small.value", { name: "Bolt" });
    // A response schema's examples are lifted onto its media type by @fastify/swagger.
    expect(widget.responses["201"]?.content?.["application/json"]).toHaveProperty("example", { id: "wdg_1" });
    await app.close();
  });
});

describe("the generated client", () => {
  it("is generated from the live document and type-checks an openapi-fetch DMS call", async () => {
    const types = await writeApiTypes(doc as never, path.join(tmp, "client/pitlane-api.d.ts"));
    await writeFile(
      path.join(tmp, "client/usage.ts"),
      `import createClient from "openapi-fetch";
import type { operations, paths } from "./pitlane-api";

const api = createClient<paths>({ baseUrl: "http://localhost:3000", headers: { authorization: "Bearer pl_live_x" } });

export async function openAmount(id: string): Promise<number | undefined> {
  const { data, error } = await api.GET("/api/v1/invoices/{id}", { params: { path: { id } } });
  if (error) {
    const problemType: string = error.type;
    throw new Error(problemType);
  }
  return data?.open;
}

export async function book(id: string) {
  const { error } = await api.POST("/api/v1/invoices/{id}/book", { params: { path: { id } } });
  return error?.detail;
}

// @ts-expect-error the path parameter is required
api.GET("/api/v1/invoices/{id}", {});

export type Invoice = operations["getInvoice"]["responses"][200]["content"]["application/json"];
`,
    );
    await writeFile(
      path.join(tmp, "client/tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          target: "ES2023",
          lib: ["ES2023", "DOM"],
          module: "ESNext",
          moduleResolution: "Bundler",
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: [],
        },
        files: ["usage.ts", "pitlane-api.d.ts"],
      }),
    );
    const result = await run(bin("tsc"), ["-p", path.join(tmp, "client/tsconfig.json")], { cwd: root }).catch(
      (error: { stdout: string }) => ({ stdout: error.stdout, failed: true }),
    );
    expect("failed" in result ? result.stdout : "").toBe("");
    expect(types).toMatch(/pitlane-api\.d\.ts$/);
  }, 60_000);

  it("calls the live server with an API key through the committed types", async () => {
    const admin = client(t.app, await signIn(t.app, shop.staff.admin.email));
    const draft = await admin("POST", "/api/v1/invoices", {
      customerId: shop.businessCustomerId,
      lines: [{ description: "Oil service", quantityMilli: 1000, unitPrice: 9900, taxRateBp: 1900 }],
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const { key } = await createKey(t.database.db, shop, { scopes: ["invoices:read"] });
    // openapi-fetch over fastify.inject: the same requests, without a port.
    const injectFetch = async (request: Request) => {
      const res = await t.app.inject({
        method: request.method as "GET",
        url: new URL(request.url).pathname,
        headers: Object.fromEntries(request.headers),
      });
      return new Response(res.body, {
        status: res.statusCode,
        headers: res.headers as Record<string, string>,
      });
    };
    const api = createClient<paths>({
      baseUrl: "http://pitlane.test",
      headers: { authorization: `Bearer ${key}` },
      fetch: injectFetch,
    });
    const { data, error } = await api.GET("/api/v1/invoices/{id}", {
      params: { path: { id: draft.json().id } },
    });
    expect(error).toBeUndefined();
    expect(data?.totals.gross).toBe(11781);
    const missing = await api.GET("/api/v1/invoices/{id}", { params: { path: { id: "inv_missing" } } });
    expect(missing.response.status).toBe(404);
    expect(missing.error?.type).toBe("/problems/not-found");
  });
});
