// One error type for the whole product. `code` is stable (it becomes the problem+json `type`);
// the HTTP layer maps it to a status. Domain code throws these; nothing else is shown to users.

export type ErrorCode =
  | "validation"
  | "unauthenticated"
  | "forbidden"
  | "csrf"
  | "not-found"
  | "conflict"
  | "clocked-on-elsewhere"
  | "stale-version"
  | "rate-limited"
  | "reading-goes-backwards"
  | "duplicate-vin"
  | "duplicate-email"
  | "capacity-exceeded"
  | "link-expired"
  | "payload-too-large"
  | "unsupported-media-type";

export interface FieldError {
  field: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields: FieldError[] = [],
    /** For `rate-limited`: when to try again, sent as Retry-After. */
    readonly retryAfterSeconds?: number,
    /** Facts a client acts on, sent as problem+json extension members (e.g. `running`). */
    readonly extensions?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export const notFound = (what: string) => new DomainError("not-found", `${what} was not found.`);

export const staleVersion = (what: string) =>
  new DomainError(
    "stale-version",
    `Someone else changed this ${what} after you opened it. Reload to see their change, then try again.`,
  );
