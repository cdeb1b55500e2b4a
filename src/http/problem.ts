// Every error leaves the server as application/problem+json (RFC 9457) with a stable `type`, a
// human `detail` and, for bad input, the offending fields. Unknown errors become a 500 whose detail
// gives nothing away; the request id ties it to the log.
import { STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { isDatabaseUnavailable } from "../db/errors";
import { DomainError, type ErrorCode, type FieldError } from "../domain/errors";

export const statusOf: Record<ErrorCode, number> = {
  validation: 422,
  unauthenticated: 401,
  forbidden: 403,
  csrf: 403,
  "not-found": 404,
  conflict: 409,
  "clocked-on-elsewhere": 409,
  "stale-version": 409,
  "rate-limited": 429,
  "reading-goes-backwards": 422,
  "duplicate-vin": 409,
  "duplicate-email": 409,
  "capacity-exceeded": 409,
  "link-expired": 410,
  "payload-too-large": 413,
  "unsupported-media-type": 415,
};

export const titles: Record<number, string> = {
  400: "Bad request",
  401: "Not signed in",
  403: "Forbidden",
  404: "Not found",
  409: "Conflict",
  410: "Gone",
  413: "Payload too large",
  414: "URI too long",
  415: "Unsupported media type",
  422: "Unprocessable content",
  429: "Too many requests",
  500: "Internal server error",
  503: "Service unavailable",
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
  requestId?: string;
  [extension: string]: unknown;
}

export const problemType = (code: string) => `/problems/${code}`;

export function sendProblem(
  reply: FastifyReply,
  status: number,
  code: string,
  detail: string,
  errors?: FieldError[],
  extensions?: Record<string, unknown>,
) {
  const body: Problem = {
    ...extensions,
    type: problemType(code),
    title: titles[status] ?? STATUS_CODES[status] ?? "Error",
    status,
    detail,
    ...(errors?.length ? { errors } : {}),
    requestId: String(reply.request.id),
  };
  return reply
    .code(status)
    .type("application/problem+json; charset=utf-8")
    .serializer(JSON.stringify)
    .send(body);
}

export function fieldOf(instancePath: string, missingProperty?: unknown): string {
  const path = instancePath.replace(/^\//, "").replaceAll("/", ".");
  if (typeof missingProperty === "string") return path ? `${path}.${missingProperty}` : missingProperty;
  return path;
}

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof DomainError) {
    if (error.retryAfterSeconds !== undefined) reply.header("retry-after", String(error.retryAfterSeconds));
    return sendProblem(
      reply,
      statusOf[error.code],
      error.code,
      error.message,
      error.fields,
      error.extensions,
    );
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const errors = error.validation.map((v) => ({
      field: fieldOf(
        v.instancePath,
        (v.params as { missingProperty?: unknown } | undefined)?.missingProperty,
      ),
      message: v.message ?? "Invalid value.",
    }));
    const where = error.validationContext === "body" ? "" : ` in the ${error.validationContext}`;
    return sendProblem(reply, 400, "validation", `Some fields${where} are not valid.`, errors);
  }
  if (error.statusCode === 429) {
    return sendProblem(reply, 429, "rate-limited", "Too many attempts. Wait a few minutes, then try again.");
  }
  if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
    return sendProblem(
      reply,
      413,
      "payload-too-large",
      "The request body is too large for this operation (for a DMS: fewer invoices per batch, or a smaller PDF).",
    );
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    // Fastify's own client errors: malformed JSON, wrong content type, body too large.
    return sendProblem(reply, error.statusCode, error.code?.toLowerCase() ?? "bad-request", error.message);
  }
  if (isDatabaseUnavailable(error)) {
    request.log.warn({ err: error }, "database unavailable or statement timed out");
    reply.header("retry-after", "5");
    return sendProblem(
      reply,
      503,
      "database-unavailable",
      "The database took too long to answer. Try again in a few seconds.",
    );
  }
  request.log.error({ err: error }, "unhandled error");
  return sendProblem(reply, 500, "internal", "Something went wrong on our side. The error has been logged.");
}

/**
 * The router's own refusals, before any route is found: a path segment longer than a route
 * parameter may be (414) or one that is not valid percent-encoded UTF-8 (400). Problems too, and
 * without echoing the address (it may be a mailed link's token).
 */
export function frameworkErrorProblem(error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  return error.code === "FST_ERR_MAX_PARAM_LENGTH"
    ? sendProblem(reply, 414, "path-too-long", "A part of the address is too long.")
    : sendProblem(
        reply,
        error.statusCode && error.statusCode < 500 ? error.statusCode : 400,
        "bad-url",
        "The address holds characters that are not valid (broken percent-encoding or UTF-8).",
      );
}

/**
 * Errors Node's HTTP parser meets before Fastify has a request (headers too large, garbage, a slow
 * client): answered as problems too, since a client reads every error the same way.
 */
export function clientErrorProblem(error: NodeJS.ErrnoException, socket: Duplex) {
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  const [status, code, detail] =
    error.code === "HPE_HEADER_OVERFLOW"
      ? [
          431,
          "headers-too-large",
          "The request's headers are too large (often: too many or too big cookies).",
        ]
      : error.code === "ERR_HTTP_REQUEST_TIMEOUT"
        ? [408, "request-timeout", "The request took too long to arrive."]
        : [400, "bad-request", "The request could not be read."];
  const body = JSON.stringify({ type: problemType(code), title: STATUS_CODES[status], status, detail });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Content-Type: application/problem+json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
