// Both drivers report PostgreSQL's SQLSTATE as `code`; drizzle wraps the driver error in `cause`.
export function pgErrorCode(error: unknown): string | undefined {
  let e: unknown = error;
  for (let depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

export const isUniqueViolation = (error: unknown) => pgErrorCode(error) === "23505";

/**
 * The database gave up on the statement (statement_timeout, an idle transaction ended, shutdown) or
 * could not be reached in time. The request may well succeed if tried again: a 503, not a 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = pgErrorCode(error);
  if (code)
    return (
      code === "57014" ||
      code === "25P03" ||
      code.startsWith("57P") ||
      code === "53300" ||
      code.startsWith("08")
    );
  let e: unknown = error;
  for (let depth = 0; e && depth < 4; depth++) {
    const message = (e as { message?: unknown }).message;
    if (
      typeof message === "string" &&
      /timeout exceeded when trying to connect|Connection terminated|ECONNREFUSED|ENOENT.*\.s\.PGSQL/.test(
        message,
      )
    )
      return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
