// The OpenAPI document, made one that an integrator's tools accept (issue #14): every operation
// names how it is authenticated, has an operationId, documents its problem responses, and may carry
// examples. Done here, from each route's own config (`access`, `permission`, `apiScope`,
// `rateLimit`), so no route can forget it and a new route is covered the moment it is registered.
import { STATUS_CODES } from "node:http";
import type { FastifyInstance, FastifySchema, RouteOptions } from "fastify";
import { jsonSchemaTransform, jsonSchemaTransformObject } from "fastify-type-provider-zod";
import type { OpenAPIV3_1 } from "openapi-types";
import { apiKeyPrefix } from "../domain/api-scopes";
import { sessionCookie } from "./auth";

type Document = OpenAPIV3_1.Document;
type Operation = OpenAPIV3_1.OperationObject;

/** One named example: what an integrator's docs and mock servers show. */
export interface NamedExample {
  summary?: string;
  value: unknown;
}

/**
 * Request and response examples of an operation (route `config.examples`). Keyed by name, since a
 * reader learns most from two or three contrasting cases; the media type is the operation's own
 * (application/json unless it has another). Redocly checks each against the operation's schema.
 */
export interface OperationExamples {
  request?: Record<string, NamedExample>;
  responses?: Record<number, Record<string, NamedExample>>;
}

declare module "fastify" {
  interface FastifyContextConfig {
    /** Request and response examples for the OpenAPI document (src/http/openapi.ts). */
    examples?: OperationExamples;
    /**
     * Problem statuses the route answers beyond those its shape implies (src/http/openapi.ts
     * problemStatusesOf): a public sign-in that answers 401, a 404 on a path without an id.
     */
    problems?: (400 | 401 | 403 | 404 | 409 | 410 | 413 | 414 | 415 | 422 | 429)[];
  }
}

export const apiPrefix = "/api/v1";

// ---------------------------------------------------------------------------------------------
// operationId: derived from method and path, so a generated client gets names without each route
// having to choose one (a route may still set `schema.operationId`).
// ---------------------------------------------------------------------------------------------

/** Path segments read as another word (or none) in an operationId. */
const segmentAliases: Record<string, string> = {
  // /auth/login → login, /auth/session → getSession: "auth" says nothing a name needs.
  auth: "",
  // The payment page, addressed by its mailed token.
  pay: "payment-page",
};

const camel = (words: string[]) =>
  words
    .filter(Boolean)
    .map((w, i) => (i === 0 ? w.toLowerCase() : w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()))
    .join("");

// Any other character ends a word: /payment-request.pdf → PaymentRequestPdf.
const wordsOf = (segment: string) =>
  (segmentAliases[segment] ?? segment).split(/[^A-Za-z0-9]+/).filter(Boolean);

/** Collections whose name is no plural, and what one of them is called. */
const collections: Record<string, string> = { outbox: "outbox-mail" };

const isPlural = (segment: string) => /[^s]s$/.test(segment) || segment in collections;

function singular(segment: string): string {
  const one = collections[segment];
  if (one) return one;
  if (/ies$/.test(segment)) return segment.replace(/ies$/, "y");
  if (/(?:ss|x|ch|sh)es$/.test(segment)) return segment.replace(/es$/, "");
  return isPlural(segment) ? segment.slice(0, -1) : segment;
}

const isParam = (segment: string) => segment.startsWith(":") || segment.startsWith("{");

/**
 * `GET /invoices` → listInvoices, `GET /invoices/{id}` → getInvoice, `POST /invoices` →
 * createInvoice, `PATCH /customers/{id}` → updateCustomer, `POST /invoices/{id}/book` →
 * bookInvoice, `GET /portal/estimates` → listPortalEstimates, `POST /units/{id}/readings` →
 * createUnitReading, `GET /links/estimate/{token}` → getEstimateByLink.
 */
export function deriveOperationId(method: string, url: string): string {
  let segments = url
    .replace(/^\/api\/v1(?=\/|$)/, "")
    .split("/")
    .filter(Boolean);
  // A mailed link's routes (/links/estimate/{token}/…) are the customer's view of that record.
  const byLink = segments[0] === "links";
  if (byLink) segments = segments.slice(1);
  const verb = method.toUpperCase();
  const last = segments.at(-1) ?? "";
  const lastIsParam = isParam(last);
  // The noun: static segments, each singular where a parameter picks one of them.
  const noun = (parts: string[]) =>
    parts.flatMap((segment, i) => {
      if (isParam(segment)) return [];
      const next = parts[i + 1];
      return wordsOf(next !== undefined && isParam(next) ? singular(segment) : segment);
    });

  let words: string[];
  if (lastIsParam) {
    const action = { GET: "get", PATCH: "update", PUT: "replace", DELETE: "delete", POST: "create" }[verb];
    words = [action ?? verb.toLowerCase(), ...noun(segments)];
  } else {
    const before = segments.slice(0, -1);
    // Does the last segment name the thing (a collection or a sub-resource) or the action?
    const afterParam = before.length > 0 && isParam(before.at(-1) ?? "");
    const action =
      verb === "POST" && !isPlural(last) && (afterParam || before.length > 0 || segments.length === 1)
        ? wordsOf(last)
        : null;
    if (action && !(segments.length === 1 && isPlural(last))) {
      words = [...action, ...noun(before)];
    } else if (verb === "GET") {
      words = [isPlural(last) ? "list" : "get", ...noun(segments)];
    } else if (verb === "POST") {
      words = ["create", ...noun([...before, singular(last)])];
    } else {
      const act = { PATCH: "update", PUT: "replace", DELETE: "delete" }[verb] ?? verb.toLowerCase();
      words = [act, ...noun(segments)];
    }
  }
  if (byLink) words.push("by", "link");
  return camel(words);
}

// ---------------------------------------------------------------------------------------------
// Security: how each operation is called, from its route config (src/http/auth.ts enforces it).
// ---------------------------------------------------------------------------------------------

export const securitySchemes: Record<string, OpenAPIV3_1.SecuritySchemeObject> = {
  session: {
    type: "apiKey",
    in: "cookie",
    name: sessionCookie,
    description:
      "The session of the Pitlane apps (shop dashboard, customer portal): set by POST /api/v1/auth/login.",
  },
  csrf: {
    type: "apiKey",
    in: "header",
    name: "x-csrf-token",
    description:
      "With the session cookie, every change (POST, PUT, PATCH, DELETE) sends the csrfToken that sign-in returned.",
  },
  apiKey: {
    type: "http",
    scheme: "bearer",
    bearerFormat: `${apiKeyPrefix}…`,
    description:
      `An API key of a location (Settings → Integrations), sent as \`Authorization: Bearer ${apiKeyPrefix}…\`. ` +
      "Accepted only by operations that name the scope it needs; no CSRF token. See docs/integrations.md.",
  },
};

type RouteConfig = RouteOptions["config"] & {
  access?: string;
  permission?: string;
  apiScope?: string;
  rateLimit?: unknown;
  examples?: OperationExamples;
  problems?: number[];
};

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

function securityOf(method: string, config: RouteConfig): OpenAPIV3_1.SecurityRequirementObject[] {
  const access = config.access;
  if (access === "public" || access === "link" || access === undefined) return [];
  const session: OpenAPIV3_1.SecurityRequirementObject = safeMethods.has(method)
    ? { session: [] }
    : { session: [], csrf: [] };
  // OpenAPI 3.1 lets a non-OAuth requirement list the roles it needs: here the key's scope.
  return config.apiScope ? [session, { apiKey: [config.apiScope] }] : [session];
}

function accessNote(method: string, url: string, config: RouteConfig): string {
  const notes: string[] = [];
  switch (config.access) {
    case "public":
      notes.push(
        /\/:token(?:\/|$)/.test(url)
          ? "Called through a mailed link: the token in the path is the credential (no session needed)."
          : "Public: no credentials.",
      );
      break;
    case "link":
      notes.push(
        "Called through a mailed link: the token in the path is the credential (no session; a shop staff session is refused).",
      );
      break;
    case "staff":
      notes.push("Shop staff session.");
      break;
    case "portal":
      notes.push("Customer portal session.");
      break;
    case "any":
      notes.push("A shop staff or customer portal session.");
      break;
  }
  if (config.permission) notes.push(`Needs the role permission \`${config.permission}\`.`);
  if (config.apiScope)
    notes.push(`An API key may call it instead: it needs the scope \`${config.apiScope}\`.`);
  if (config.access && config.access !== "public" && config.access !== "link" && !safeMethods.has(method)) {
    notes.push("With a session, send the `x-csrf-token` header.");
  }
  return notes.join(" ");
}

// ---------------------------------------------------------------------------------------------
// Problems: every error is application/problem+json (src/http/problem.ts).
// ---------------------------------------------------------------------------------------------

const problemMedia = "application/problem+json";

export const problemSchema: OpenAPIV3_1.SchemaObject = {
  type: "object",
  description:
    "An error (RFC 9457). `type` is stable (`/problems/<code>`) and what a client should branch on; `detail` is for people; `errors` names each offending field of bad input.",
  required: ["type", "title", "status", "detail"],
  properties: {
    type: {
      type: "string",
      description: "A stable code, as `/problems/<code>`.",
      examples: ["/problems/validation"],
    },
    title: { type: "string", examples: ["Unprocessable content"] },
    status: { type: "integer", minimum: 400, maximum: 599, examples: [422] },
    detail: { type: "string", examples: ["Some fields are not valid."] },
    errors: {
      type: "array",
      items: {
        type: "object",
        required: ["field", "message"],
        properties: {
          field: { type: "string", description: "The field's path, dotted (`lines.0.taxRateBp`)." },
          message: { type: "string" },
        },
      },
    },
    requestId: { type: "string", description: "Ties the answer to the server's log." },
  },
  // Extension members: a conflict may say what the current state is, and the like.
  additionalProperties: true,
};

interface ProblemResponse {
  name: string;
  description: string;
  code: string;
  detail: string;
  headers?: Record<string, OpenAPIV3_1.HeaderObject>;
  errors?: { field: string; message: string }[];
}

const retryAfter: Record<string, OpenAPIV3_1.HeaderObject> = {
  "Retry-After": { description: "Seconds to wait before trying again.", schema: { type: "integer" } },
};

const problemResponses: Record<string, ProblemResponse> = {
  "400": {
    name: "BadRequest",
    description: "The request could not be read or its fields do not fit the schema (`errors` names them).",
    code: "validation",
    detail: "Some fields are not valid.",
    errors: [{ field: "lines.0.quantityMilli", message: "Expected number, received string" }],
  },
  "401": {
    name: "Unauthenticated",
    description: "No valid session, or the API key is unknown, revoked or expired.",
    code: "unauthenticated",
    detail: "The API key is unknown, revoked or expired.",
  },
  "403": {
    name: "Forbidden",
    description:
      "Signed in but not allowed: the role lacks the permission, the API key lacks the scope, or the CSRF token is missing.",
    code: "forbidden",
    detail: "This API key lacks the scope invoices:write. Ask your shop admin.",
  },
  "404": {
    name: "NotFound",
    description: "No such record at the caller's location (another location's records are not found either).",
    code: "not-found",
    detail: "There is no such invoice.",
  },
  "409": {
    name: "Conflict",
    description:
      "The record's state does not allow this (it changed meanwhile, or the step is not possible now).",
    code: "conflict",
    detail: "The invoice is issued and cannot be changed.",
  },
  "410": {
    name: "Gone",
    description: "The link has expired or was replaced.",
    code: "link-expired",
    detail: "This link has expired. Ask the shop for a new one.",
  },
  "413": {
    name: "PayloadTooLarge",
    description: "The body is larger than the operation accepts.",
    code: "payload-too-large",
    detail: "The request body is too large.",
  },
  "414": {
    name: "UriTooLong",
    description: "A path parameter is longer than any id or token can be.",
    code: "path-too-long",
    detail: "A part of the address is too long.",
  },
  "415": {
    name: "UnsupportedMediaType",
    description: "The body is not of a content type the operation accepts.",
    code: "unsupported-media-type",
    detail: "Send the body as application/json.",
  },
  "422": {
    name: "UnprocessableContent",
    description: "The fields are well-formed but break a rule (`errors` names the field).",
    code: "validation",
    detail: "The totals do not add up.",
    errors: [{ field: "lines.0.taxRateBp", message: "There is no tax rate of 17 % at this location." }],
  },
  "429": {
    name: "TooManyRequests",
    description: "Too many requests: wait for `Retry-After` seconds.",
    code: "rate-limited",
    detail: "Too many attempts. Wait a few minutes, then try again.",
    headers: retryAfter,
  },
  default: {
    name: "UnexpectedError",
    description:
      "A fault on the server's side: 500 (logged; quote the requestId) or 503 when the database is unavailable (with `Retry-After`).",
    code: "internal",
    detail: "Something went wrong on our side. The error has been logged.",
    headers: retryAfter,
  },
};

const titleOf: Record<string, string> = {
  "400": "Bad request",
  "401": "Not signed in",
  "403": "Forbidden",
  "404": "Not found",
  "409": "Conflict",
  "410": "Gone",
  "413": "Payload too large",
  "414": "URI too long",
  "415": "Unsupported media type",
  "422": "Unprocessable content",
  "429": "Too many requests",
  default: "Internal server error",
};

function responseComponent(status: string, p: ProblemResponse): OpenAPIV3_1.ResponseObject {
  const example = {
    type: `/problems/${p.code}`,
    title: titleOf[status],
    status: status === "default" ? 500 : Number(status),
    detail: p.detail,
    ...(p.errors ? { errors: p.errors } : {}),
    requestId: "6b1f7e0c-2f4e-4d1a-9a53-0c1d2e3f4a5b",
  };
  return {
    description: p.description,
    ...(p.headers ? { headers: p.headers } : {}),
    content: { [problemMedia]: { schema: { $ref: "#/components/schemas/Problem" }, example } },
  };
}

/** The problem statuses an operation can answer, from what it takes and who may call it. */
function problemStatusesOf(method: string, path: string, op: Operation, meta: OperationMeta): string[] {
  const statuses = new Set<string>(["400"]);
  const access = meta.access;
  if (access && access !== "public") {
    if (access === "link") {
      // A staff session is refused; the token itself may be unknown (404) or expired (410).
      statuses.add("403");
      statuses.add("404");
      statuses.add("410");
    } else {
      statuses.add("401");
      statuses.add("403");
    }
  }
  // A parameter longer than the router takes is refused before the route (414).
  if (/\{[^}]+\}/.test(path)) {
    statuses.add("404");
    statuses.add("414");
  }
  const takesBody = ["POST", "PUT", "PATCH"].includes(method);
  if (takesBody) {
    statuses.add("413");
    statuses.add("415");
  }
  const hasQuery = (op.parameters ?? []).some((p) => "in" in p && p.in === "query");
  if (op.requestBody || hasQuery || takesBody) statuses.add("422");
  // A change meets the record's current state: a transition it does not allow, or a stale version.
  if (method !== "GET" && access !== "public") statuses.add("409");
  // Rate limited: routes with a limit of their own, and every API-key operation (limited per key).
  if (meta.rateLimited || meta.apiScope) statuses.add("429");
  for (const status of meta.problems ?? []) statuses.add(String(status));
  statuses.add("default");
  return [...statuses];
}

// ---------------------------------------------------------------------------------------------
// Wiring: @fastify/swagger's transform (per route, sees its config) and transformObject (the whole
// document at the end).
// ---------------------------------------------------------------------------------------------

/** What the per-route transform learns and the document pass needs; carried on the operation. */
interface OperationMeta {
  access?: string;
  apiScope?: string;
  rateLimited: boolean;
  examples?: OperationExamples;
  problems?: number[];
}
const metaKey = "x-pitlane-meta";

type TransformArgs = Parameters<typeof jsonSchemaTransform>[0] & { route: RouteOptions };

function methodsOf(route: Pick<RouteOptions, "method">): string[] {
  return (Array.isArray(route.method) ? route.method : [route.method]).map((m) => String(m).toUpperCase());
}

function isHidden(route: Pick<RouteOptions, "schema">) {
  return Boolean((route.schema as { hide?: boolean } | undefined)?.hide);
}

export function operationIdOf(route: Pick<RouteOptions, "method" | "url" | "schema">, method: string) {
  const own = (route.schema as { operationId?: string } | undefined)?.operationId;
  return own ?? deriveOperationId(method, route.url);
}

/** Per route: the zod schemas become JSON Schema, then the route's config says who may call it. */
export function openApiTransform(args: TransformArgs) {
  const result = jsonSchemaTransform(args);
  const schema = result.schema as FastifySchema & {
    hide?: boolean;
    description?: string;
    security?: OpenAPIV3_1.SecurityRequirementObject[];
  };
  if (!args.route || schema.hide) return result;
  const route = args.route;
  const config = (route.config ?? {}) as RouteConfig;
  const methods = methodsOf(route).filter((m) => m !== "HEAD");
  // One operation per route (Pitlane registers one method per route); the first names it.
  const method = methods[0] ?? "GET";
  const note = accessNote(method, route.url, config);
  const description = [schema.description, note].filter(Boolean).join("\n\n");
  const meta: OperationMeta = {
    access: config.access,
    apiScope: config.apiScope,
    rateLimited: config.rateLimit !== undefined && config.rateLimit !== false,
    examples: config.examples,
    problems: config.problems,
  };
  return {
    ...result,
    schema: <FastifySchema>{
      ...schema,
      operationId: operationIdOf(route, method),
      security: schema.security ?? securityOf(method, config),
      ...(description ? { description } : {}),
      [metaKey]: meta,
    },
  };
}

const httpMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

function applyExamples(op: Operation, examples: OperationExamples | undefined, doc: Document) {
  if (!examples) return;
  if (examples.request) {
    const body = op.requestBody as OpenAPIV3_1.RequestBodyObject | undefined;
    const media = body?.content ? Object.values(body.content)[0] : undefined;
    if (!media) throw new Error(`${op.operationId}: request examples, but the operation takes no body`);
    media.examples = examples.request;
  }
  for (const [status, named] of Object.entries(examples.responses ?? {})) {
    let response = op.responses?.[status] as
      | OpenAPIV3_1.ResponseObject
      | OpenAPIV3_1.ReferenceObject
      | undefined;
    // A shared problem response: this operation's own examples go on a copy of it.
    if (response && "$ref" in response) {
      const name = response.$ref.replace("#/components/responses/", "");
      const shared = doc.components?.responses?.[name] as OpenAPIV3_1.ResponseObject | undefined;
      response = structuredClone(shared);
      for (const media of Object.values(response?.content ?? {})) delete media.example;
      if (op.responses && response) op.responses[status] = response;
    }
    const media = response?.content ? Object.values(response.content)[0] : undefined;
    if (!media) throw new Error(`${op.operationId}: examples for response ${status}, which has no content`);
    media.examples = named;
  }
}

/** The whole document: components, problem responses on every operation, examples in place. */
export function openApiTransformObject(args: Parameters<typeof jsonSchemaTransformObject>[0]) {
  const doc = jsonSchemaTransformObject(args) as unknown as Document;
  doc.components ??= {};
  const components = doc.components;
  components.schemas = { ...components.schemas, Problem: problemSchema };
  components.securitySchemes = { ...components.securitySchemes, ...securitySchemes };
  components.responses = {
    ...components.responses,
    ...Object.fromEntries(
      Object.entries(problemResponses).map(([status, p]) => [p.name, responseComponent(status, p)]),
    ),
  };
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of httpMethods) {
      const op = item?.[method] as (Operation & { [metaKey]?: OperationMeta }) | undefined;
      if (!op) continue;
      const meta = op[metaKey] ?? { rateLimited: false };
      delete op[metaKey];
      op.responses ??= {};
      const responses = op.responses;
      for (const [status, response] of Object.entries(responses)) {
        // The plugin's placeholder says nothing; the status's own name says a little.
        if ("description" in response && response.description === "Default Response")
          response.description = STATUS_CODES[status] ?? "Success";
      }
      for (const status of problemStatusesOf(method.toUpperCase(), path, op, meta)) {
        // A route that documents a status itself (a richer body) keeps its own.
        const problem = problemResponses[status];
        if (problem && !responses[status])
          responses[status] = { $ref: `#/components/responses/${problem.name}` };
      }
      applyExamples(op, meta.examples, doc);
    }
  }
  pruneUnusedSchemas(doc);
  return doc as unknown as ReturnType<typeof jsonSchemaTransformObject>;
}

/**
 * The zod registry gives every named schema an input and an output version; those no operation
 * uses are left out, so a generated client carries no dead types (and the lint no warnings).
 */
function pruneUnusedSchemas(doc: Document) {
  const schemas = doc.components?.schemas;
  if (!schemas) return;
  const prefix = "#/components/schemas/";
  const used = new Set<string>();
  const walk = (node: unknown) => {
    if (Array.isArray(node)) for (const item of node) walk(item);
    else if (node && typeof node === "object") {
      for (const [key, value] of Object.entries(node)) {
        if (key === "$ref" && typeof value === "string" && value.startsWith(prefix)) {
          const name = decodeURIComponent(value.slice(prefix.length).split("/")[0] ?? "");
          if (!used.has(name)) {
            used.add(name);
            walk(schemas[name]);
          }
        } else walk(value);
      }
    }
  };
  walk(doc.paths);
  walk(doc.components?.responses);
  for (const name of Object.keys(schemas)) if (!used.has(name)) delete schemas[name];
}

/**
 * Every operation's id is unique, checked as routes are registered: a collision fails start-up,
 * naming both routes, rather than a generated client silently losing one of them.
 */
export function checkOperationIds(app: FastifyInstance) {
  const seen = new Map<string, string>();
  app.addHook("onRoute", (route) => {
    if (isHidden(route)) return;
    for (const method of methodsOf(route)) {
      if (method === "HEAD") continue;
      const id = operationIdOf(route, method);
      const where = `${method} ${route.url}`;
      const other = seen.get(id);
      if (other && other !== where) {
        throw new Error(
          `operationId ${id} is taken twice: by ${other} and by ${where}. Give one of them schema.operationId.`,
        );
      }
      seen.set(id, where);
    }
  });
}
