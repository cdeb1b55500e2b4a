// Thin fetch wrapper for the Pitlane API: same-origin JSON, CSRF header on writes,
// RFC 9457 problem details turned into ApiError, and a hook for 401 handling.
import { i18n } from "./i18n";

export interface FieldError {
  field: string;
  message: string;
}

interface ProblemBody {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export class ApiError extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail: string;
  readonly fieldErrors: FieldError[];
  /** The whole problem body, for extension members such as `running` of clocked-on-elsewhere. */
  readonly problem: ProblemBody;

  constructor(status: number, problem: ProblemBody, fallbackMessage: string) {
    const detail = problem.detail || problem.title || fallbackMessage;
    super(detail);
    this.name = "ApiError";
    this.status = status;
    this.type = problem.type ?? "about:blank";
    this.title = problem.title ?? "";
    this.detail = detail;
    this.fieldErrors = Array.isArray(problem.errors) ? problem.errors : [];
    this.problem = problem;
  }

  /** True when the problem `type` URI ends with the given slug, e.g. "reading-goes-backwards". */
  hasType(slug: string): boolean {
    return this.type.endsWith(slug);
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type UnauthorizedHandler = () => void;
let unauthorizedHandler: UnauthorizedHandler | null = null;

/** Registered by the app shell: called whenever an API call answers 401. */
export function setUnauthorizedHandler(handler: UnauthorizedHandler | null): void {
  unauthorizedHandler = handler;
}

export type QueryParams = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  body?: unknown;
  query?: QueryParams;
  signal?: AbortSignal;
  /** Do not trigger the global 401 redirect (login and session probes handle 401 themselves). */
  ignoreUnauthorized?: boolean;
}

export function buildUrl(path: string, query?: QueryParams): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === "") continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function readProblem(response: Response): Promise<ProblemBody> {
  const contentType = response.headers.get("content-type") ?? "";
  if (!contentType.includes("json")) return {};
  try {
    const body: unknown = await response.json();
    return body && typeof body === "object" ? (body as ProblemBody) : {};
  } catch {
    return {};
  }
}

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? "GET";
  const headers: Record<string, string> = { accept: "application/json, application/problem+json" };
  // A file goes as multipart/form-data; the browser sets the type with its boundary.
  const form = options.body instanceof FormData;
  if (options.body !== undefined && !form) headers["content-type"] = "application/json";
  if (method !== "GET" && csrfToken) headers["x-csrf-token"] = csrfToken;

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: "same-origin",
      body:
        options.body === undefined
          ? undefined
          : form
            ? (options.body as FormData)
            : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError(0, {}, i18n.t("errors.network"));
  }

  if (!response.ok) {
    const problem = await readProblem(response);
    const error = new ApiError(response.status, problem, i18n.t("errors.http", { status: response.status }));
    if (response.status === 401 && !options.ignoreUnauthorized) unauthorizedHandler?.();
    throw error;
  }

  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: QueryParams, signal?: AbortSignal) =>
    apiRequest<T>(path, { method: "GET", query, signal }),
  post: <T>(path: string, body?: unknown) => apiRequest<T>(path, { method: "POST", body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => apiRequest<T>(path, { method: "PATCH", body }),
  put: <T>(path: string, body: unknown) => apiRequest<T>(path, { method: "PUT", body }),
  delete: <T>(path: string) => apiRequest<T>(path, { method: "DELETE" }),
  /** One file as multipart/form-data in `field`. */
  upload: <T>(path: string, field: string, file: File) => {
    const body = new FormData();
    body.append(field, file, file.name);
    return apiRequest<T>(path, { method: "POST", body });
  },
};
