// @vitest-environment jsdom
// The fetch wrapper: query strings, CSRF header on writes only, problem+json → ApiError, 401 hook.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError, api, buildUrl, setCsrfToken, setUnauthorizedHandler } from "../../src/web/api";

function respond(status: number, body?: unknown, type = "application/json") {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: body === undefined ? {} : { "content-type": type },
  });
}

describe("api client", () => {
  const fetchMock = vi.fn<typeof fetch>();
  beforeEach(() => {
    fetchMock.mockReset();
    vi.stubGlobal("fetch", fetchMock);
    setCsrfToken("token-1");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    setUnauthorizedHandler(null);
    setCsrfToken(null);
  });

  it("builds query strings without empty values", () => {
    expect(
      buildUrl("/api/v1/customers", { q: "", type: "business", limit: 25, offset: 0, x: undefined }),
    ).toBe("/api/v1/customers?type=business&limit=25&offset=0");
    expect(buildUrl("/api/v1/units")).toBe("/api/v1/units");
  });

  it("sends the CSRF token on writes but not on reads", async () => {
    fetchMock.mockResolvedValueOnce(respond(200, { items: [], total: 0 }));
    await api.get("/api/v1/units");
    fetchMock.mockResolvedValueOnce(respond(201, { id: "unt_1" }));
    await api.post("/api/v1/units", { make: "MAN" });
    const [, getInit] = fetchMock.mock.calls[0] ?? [];
    const [, postInit] = fetchMock.mock.calls[1] ?? [];
    const headersOf = (init: RequestInit | undefined) => (init?.headers ?? {}) as Record<string, string>;
    expect(headersOf(getInit)["x-csrf-token"]).toBeUndefined();
    expect(headersOf(postInit)["x-csrf-token"]).toBe("token-1");
    expect(postInit?.credentials).toBe("same-origin");
    expect(postInit?.body).toBe(JSON.stringify({ make: "MAN" }));
  });

  it("turns problem+json into an ApiError with field errors", async () => {
    fetchMock.mockResolvedValueOnce(
      respond(
        422,
        {
          type: "/problems/reading-goes-backwards",
          title: "Unprocessable content",
          status: 422,
          detail: "A reading cannot be lower than the last one.",
          errors: [{ field: "odometerKm", message: "Lower than 120,000 km." }],
        },
        "application/problem+json; charset=utf-8",
      ),
    );
    const error = await api.post("/api/v1/units/unt_1/readings", { odometerKm: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(422);
    expect(apiError.detail).toBe("A reading cannot be lower than the last one.");
    expect(apiError.hasType("reading-goes-backwards")).toBe(true);
    expect(apiError.fieldErrors).toEqual([{ field: "odometerKm", message: "Lower than 120,000 km." }]);
  });

  it("calls the 401 handler unless the caller handles 401 itself", async () => {
    const onUnauthorized = vi.fn();
    setUnauthorizedHandler(onUnauthorized);
    fetchMock.mockResolvedValueOnce(respond(401, { status: 401, detail: "Sign in to continue." }));
    await expect(api.get("/api/v1/customers")).rejects.toBeInstanceOf(ApiError);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it("returns undefined for 204", async () => {
    fetchMock.mockResolvedValueOnce(respond(204));
    await expect(api.post("/api/v1/auth/logout")).resolves.toBeUndefined();
  });

  it("reports network failures as status 0", async () => {
    fetchMock.mockRejectedValueOnce(new TypeError("Failed to fetch"));
    const error = (await api.get("/api/v1/units").catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(0);
    expect(error.detail).toMatch(/could not be reached|nicht erreichbar/);
  });
});
