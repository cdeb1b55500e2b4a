// The HTTP server: one Fastify app serving the API (/api/v1), its OpenAPI document and docs, the
// health probes, and the built web app (shop dashboard, customer portal).
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fastifyCompress from "@fastify/compress";
import fastifyCookie from "@fastify/cookie";
import fastifyHelmet from "@fastify/helmet";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyServerOptions } from "fastify";
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import { PhotoStore } from "../app/inspections/photo-store";
import type { JobQueue } from "../app/support/jobs";
import type { Config } from "../config";
import type { Db } from "../db/client";
import { maskTokens } from "../domain/link-tokens";
import { paymentProviders } from "../integrations/payments/providers";
import { apiKeyRateLimit } from "./api-key-rate-limit";
import { authPlugin } from "./auth";
import { healthRoutes } from "./health";
import type { LiveHub } from "./live-hub";
import { checkOperationIds, openApiTransform, openApiTransformObject, securitySchemes } from "./openapi";
import { clientErrorProblem, errorHandler, frameworkErrorProblem, sendProblem } from "./problem";
import { accountingRoutes } from "./routes/accounting";
import { authRoutes } from "./routes/auth";
import { bankStatementRoutes } from "./routes/bank-statements";
import { bookingRoutes } from "./routes/bookings";
import { customerRoutes } from "./routes/customers";
import { dmsInvoiceRoutes } from "./routes/dms-invoices";
import { dunningRoutes } from "./routes/dunning";
import { eInvoiceRoutes } from "./routes/e-invoices";
import { estimateRoutes, portalEstimateRoutes } from "./routes/estimates";
import { eventRoutes } from "./routes/events";
import { extensionRoutes } from "./routes/extensions";
import { inspectionRoutes } from "./routes/inspections";
import { integrationRoutes } from "./routes/integrations";
import { invoiceExportRoutes } from "./routes/invoice-export";
import { invoiceUploadRoutes } from "./routes/invoice-uploads";
import { invoiceRoutes } from "./routes/invoices";
import { logoRoutes } from "./routes/logo";
import { openItemRoutes } from "./routes/open-items";
import { outboxRoutes } from "./routes/outbox";
import { paymentRoutes, sandboxCheckoutRoutes, webhookRoutes } from "./routes/payments";
import { portalRoutes } from "./routes/portal";
import { portalAccountRoutes } from "./routes/portal-accounts";
import { portalBookingRoutes } from "./routes/portal-bookings";
import { portalInvoiceRoutes } from "./routes/portal-invoices";
import { settingsRoutes } from "./routes/settings";
import { smsConsentRoutes } from "./routes/sms-consent";
import { unitRoutes } from "./routes/units";
import { webhookSettingsRoutes } from "./routes/webhooks";
import { workRoutes } from "./routes/work";
import { portalWorkOrderRoutes, workOrderRoutes } from "./routes/work-orders";
import { unsafeFields } from "./safe-input";

export const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../dist/web");

/**
 * Compressed on the fly (above 1 KB): text (HTML, CSS, CSV), JSON and problem details, JavaScript,
 * SVG. Never text/event-stream (a compressor buffers, so live updates would stall) nor PDFs and
 * images, which are compressed already.
 */
const compressibleTypes =
  /^(?:text\/(?!event-stream)|application\/(?:javascript|xml|(?:[\w.-]+\+)?json)|image\/svg\+xml)/;

/** Client-side pages whose path is a mailed credential (the same list the request log masks). */
const tokenPage = /^\/(?:pay|b|e|x)\/[^/]+/;

export interface ServerDeps {
  db: Db;
  queue: JobQueue;
  config: Config;
  hub: LiveHub;
  logger?: FastifyServerOptions["logger"];
  /** The built web app; tests point it at a folder of their own. */
  webRoot?: string;
}

export interface RegisteredRoute {
  method: string;
  url: string;
  access?: string;
  permission?: string;
  /** The scope an API key needs to call it, where a key may. */
  apiScope?: string;
}

export async function buildServer({ db, queue, config, hub, logger, webRoot: web = webRoot }: ServerDeps) {
  const app = Fastify({
    logger: logger ?? {
      level: config.LOG_LEVEL,
      // Cookies and tokens never reach the log.
      redact: [
        "req.headers.cookie",
        "req.headers.authorization",
        "req.headers['x-csrf-token']",
        'res.headers["set-cookie"]',
      ],
      serializers: {
        // The path of a mailed link is its credential: log it without the token.
        req: (request: { method: string; url: string; id?: string; ip?: string }) => ({
          method: request.method,
          url: maskTokens(request.url),
          reqId: request.id,
          remoteAddress: request.ip,
        }),
      },
    },
    // Client addresses (rate limits, consent records) come from the socket unless TRUST_PROXY names
    // the proxies in front; a forwarding header from anyone else is ignored.
    trustProxy:
      typeof config.TRUST_PROXY === "number"
        ? (
            (hops: number) => (_address: string, hop: number) =>
              hop < hops
          )(config.TRUST_PROXY)
        : config.TRUST_PROXY,
    bodyLimit: 1024 * 1024,
    // Live event streams never go idle; closing the server must still end them.
    forceCloseConnections: true,
    genReqId: () => crypto.randomUUID(),
    clientErrorHandler: clientErrorProblem,
    frameworkErrors: frameworkErrorProblem,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);

  /** Every route, as registered: the isolation test walks this list, so new routes are covered. */
  const routes: RegisteredRoute[] = [];
  app.addHook("onRoute", (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods)
      routes.push({
        method,
        url: route.url,
        access: route.config?.access,
        permission: route.config?.permission,
        apiScope: route.config?.apiScope,
      });
  });
  app.decorate("registeredRoutes", routes);
  checkOperationIds(app);

  // Before every route: the plugin hooks into routes as they are registered.
  await app.register(fastifyCompress, {
    encodings: ["br", "gzip"],
    threshold: 1024,
    customTypes: compressibleTypes,
    // Request bodies are taken as sent: webhook signatures are checked on the raw bytes.
    globalDecompression: false,
  });
  await app.register(fastifyCookie);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine writes its theme variables into a <style> element and positions popovers inline.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", "data:"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: config.secureCookies ? [] : null,
      },
    },
    // As frame-ancestors 'none', for browsers that only know the older header.
    frameguard: { action: "deny" },
    // Mailed links carry their token in the address: no page tells another site where it came from.
    referrerPolicy: { policy: "no-referrer" },
    // Only over https: HSTS on a plain-http install (a workshop PC on localhost) would lock it out.
    hsts: config.secureCookies ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
  // preHandler, so the login limit can key on the (parsed) email address as well as the client.
  await app.register(fastifyRateLimit, { global: false, hook: "preHandler" });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Pitlane API",
        version: "1",
        description:
          "The service-lane API: the shop dashboard, the customer portal and dealer management systems use it. " +
          "The Pitlane apps sign in with POST /api/v1/auth/login (a session cookie) and send the returned csrfToken as `x-csrf-token` on every change. " +
          "A dealer management system sends an API key instead (`Authorization: Bearer pl_live_…`, created in Settings → Integrations) to the operations that name the scope it needs. " +
          "Errors are application/problem+json with `type`, `detail` and `errors[]` per field. Quickstart: docs/integrations.md.",
      },
      servers: [{ url: config.publicUrl }],
      // Here already (not only in the finished document): the plugin looks an operation's schemes up.
      components: { securitySchemes },
    },
    // Each operation's security, operationId, problem responses and examples: src/http/openapi.ts.
    transform: openApiTransform,
    transformObject: openApiTransformObject,
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: "/api/docs",
    staticCSP: true,
    // Over plain http (local use) upgrading requests to https would break the docs page.
    transformStaticCSP: (header) =>
      config.secureCookies ? header : header.replace("upgrade-insecure-requests;", ""),
  });

  await app.register(authPlugin, { db });
  await app.register(apiKeyRateLimit, { max: config.API_KEY_RATE_LIMIT });
  app.addHook("preValidation", async (request, reply) => {
    if (!request.url.startsWith("/api/")) return;
    const errors = [
      ...unsafeFields(request.params, ""),
      ...unsafeFields(request.query, ""),
      ...unsafeFields(request.body, ""),
    ];
    if (errors.length)
      return sendProblem(
        reply,
        400,
        "validation",
        "Some fields hold characters no text may contain.",
        errors,
      );
  });
  // API answers are personal (and the link routes' are addressed by a token): no cache keeps them
  // unless a route says otherwise (photos, the live stream).
  app.addHook("onSend", async (request, reply) => {
    if (request.url.startsWith("/api/v1/") && !reply.hasHeader("cache-control")) {
      reply.header("cache-control", "no-store");
    }
  });
  const providers = paymentProviders(config);
  await app.register(sandboxCheckoutRoutes, { db, providers });
  await app.register(healthRoutes, { db });

  await app.register(
    async (api) => {
      await api.register(authRoutes, { db, config });
      await api.register(customerRoutes, { db });
      await api.register(portalAccountRoutes, { db, queue, config });
      await api.register(unitRoutes, { db });
      await api.register(portalRoutes, { db });
      await api.register(settingsRoutes, { db });
      await api.register(integrationRoutes, { db });
      const ctx = { queue, publicUrl: config.publicUrl, linkTtlDays: 14 };
      await api.register(outboxRoutes, { db, ctx });
      await api.register(openItemRoutes, { db });
      await api.register(invoiceExportRoutes, { db });
      await api.register(accountingRoutes, { db });
      await api.register(bankStatementRoutes, { db, ctx });
      await api.register(invoiceUploadRoutes, { db, ctx });
      await api.register(dunningRoutes, { db, ctx });
      await api.register(portalInvoiceRoutes, { db, ctx });
      await api.register(smsConsentRoutes, { db });
      await api.register(eInvoiceRoutes, { db });
      await api.register(bookingRoutes, { db, ctx });
      await api.register(portalBookingRoutes, { db, ctx });
      await api.register(estimateRoutes, { db, ctx });
      await api.register(portalEstimateRoutes, { db, ctx });
      await api.register(workRoutes, { db });
      await api.register(workOrderRoutes, { db, ctx });
      await api.register(portalWorkOrderRoutes, { db });
      const photos = new PhotoStore(config.uploadDir);
      await api.register(inspectionRoutes, { db, deps: ctx, photos });
      await api.register(extensionRoutes, { db, ctx, photos });
      await api.register(invoiceRoutes, { db, ctx });
      await api.register(dmsInvoiceRoutes, { db, ctx });
      await api.register(paymentRoutes, { db, ctx, providers, photos });
      await api.register(logoRoutes, { db, photos });
      await api.register(webhookRoutes, { db, ctx, providers });
      await api.register(webhookSettingsRoutes, { db });
      await api.register(eventRoutes, { db, hub });
      api.get("/openapi.json", { config: { access: "public" }, schema: { hide: true } }, async () =>
        app.swagger(),
      );
    },
    { prefix: "/api/v1" },
  );

  const hasWeb = existsSync(path.join(web, "index.html"));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: web,
      wildcard: false,
      index: false,
      // The build writes .br and .gz copies (scripts/precompress.ts); they are sent as they are.
      preCompressed: true,
      cacheControl: false,
      setHeaders: (res, file) => {
        // `file` is the copy sent: for a precompressed one, x.js.br.
        const name = path
          .relative(web, file)
          .split(path.sep)
          .join("/")
          .replace(/\.(?:br|gz)$/, "");
        res.setHeader("vary", "accept-encoding");
        res.setHeader(
          "cache-control",
          // Vite puts a content hash in every name under assets/: such a file never changes.
          name.startsWith("assets/")
            ? "public, max-age=31536000, immutable"
            : // The pages name the current assets, so a browser asks again every time (a 304 when unchanged).
              name.endsWith(".html")
              ? "no-cache"
              : "public, max-age=3600",
        );
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith("/api/") || request.method !== "GET") {
      return sendProblem(
        reply,
        404,
        "not-found",
        `There is no ${request.method} ${request.url.split("?")[0]}.`,
      );
    }
    // A missing hashed asset (an old page asking for last deployment's chunk) is a 404, not the app's
    // HTML: a script or stylesheet that is HTML fails obscurely.
    if (request.url.startsWith("/assets/")) {
      return reply.code(404).type("text/plain").send("Not found");
    }
    if (!hasWeb) {
      return reply.code(503).type("text/plain").send("The web app is not built yet: run `npm run build`.");
    }
    // The payment page is its own small page; every other client-side route loads the app.
    const file = request.url.startsWith("/pay/") ? "pay.html" : "index.html";
    // A page whose address is a mailed link's token stays out of every cache and the history's disk copy.
    const cacheControl = tokenPage.test(request.url) ? "no-store" : "no-cache";
    return reply.header("cache-control", cacheControl).sendFile(file);
  });

  return app;
}

declare module "fastify" {
  interface FastifyInstance {
    registeredRoutes: RegisteredRoute[];
  }
}
