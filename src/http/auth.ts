// Authentication and authorisation for every route, in one place so no route can forget it.
// Each route declares `config.access` (and for staff routes a `permission`); the hook here
// enforces it, and checks the CSRF token on cookie-authenticated changes. A route that a dealer
// management system may call also names an `apiScope`: there an `Authorization: Bearer pl_live_…` key
// holding that scope stands in for a staff session (no CSRF token: a header is not sent by a browser
// on its own).
import { timingSafeEqual } from "node:crypto";
import type {} from "@fastify/cookie";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { bearerKeyOf, resolveApiKey } from "../app/support/auth/api-keys";
import { type ResolvedSession, resolveSession } from "../app/support/auth/sessions";
import type { Db } from "../db/client";
import type { ApiKeyActor, PortalActor, ShopActor, StaffActor } from "../domain/actor";
import { type ApiScope, hasScope } from "../domain/api-scopes";
import { DomainError } from "../domain/errors";
import { can, type Permission } from "../domain/permissions";

export const sessionCookie = "pitlane_session";
/** Marks a browser that signed in before (app/support/auth/login-throttle.ts); sent to the login route only. */
export const deviceCookie = "pitlane_device";

/** `link`: a customer's decision through a mailed link; public, but refused to a staff session. */
export type Access = "public" | "link" | "staff" | "portal" | "any";

declare module "fastify" {
  interface FastifyContextConfig {
    access?: Access;
    permission?: Permission;
    /** Set where an API key may call this route instead of a staff session: the scope it must hold. */
    apiScope?: ApiScope;
  }
  interface FastifyRequest {
    auth: ResolvedSession | null;
    /** The calling API key, when the request carried one. */
    apiKey: ApiKeyActor | null;
  }
}

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export const authPlugin = fp<{ db: Db }>(async (app: FastifyInstance, { db }) => {
  app.decorateRequest("auth", null);
  app.decorateRequest("apiKey", null);

  // onRequest: who may call comes before what they sent (a bad body from a stranger is a 401, not a 400).
  app.addHook("onRequest", async (request: FastifyRequest) => {
    const access = request.routeOptions.config.access;
    // Routes outside the API (static files, docs) are public by nature; API routes must say.
    if (!request.url.startsWith("/api/v1/") || request.is404) return;
    if (!access) throw new Error(`route ${request.routeOptions.url} declares no access`);
    const bearer = access === "public" ? null : bearerKeyOf(request.headers.authorization);
    if (bearer !== null) {
      const scope = request.routeOptions.config.apiScope;
      if (!scope) {
        throw new DomainError(
          "forbidden",
          "This operation is for the Pitlane apps; an API key cannot call it. See docs/integrations.md.",
        );
      }
      const key = await resolveApiKey(db, bearer);
      if (!key) throw new DomainError("unauthenticated", "The API key is unknown, revoked or expired.");
      if (!hasScope(key.scopes, scope)) {
        throw new DomainError("forbidden", `This API key lacks the scope ${scope}. Ask your shop admin.`);
      }
      request.apiKey = key;
      return;
    }
    const token = request.cookies[sessionCookie];
    request.auth = token ? ((await resolveSession(db, token)) ?? null) : null;
    if (access === "public") return;
    // A mailed link is the customer's own credential. Staff should never hold one (the Outbox masks
    // them), and a decision sent with a staff session would be recorded as the customer's. Refused
    // rather than recorded on their behalf: that path names who decided, by phone or at the counter,
    // and the link request says nothing of it.
    if (access === "link") {
      if (request.auth?.actor.kind === "staff") {
        throw new DomainError(
          "forbidden",
          "You are signed in as shop staff: a customer's link is for the customer alone. Record their decision on the customer's behalf in the shop (Record decision by phone).",
        );
      }
      return;
    }
    const auth = request.auth;
    if (!auth) throw new DomainError("unauthenticated", "Sign in to continue.");
    if (access === "staff" && auth.actor.kind !== "staff") {
      throw new DomainError("forbidden", "This is for shop staff only.");
    }
    if (access === "portal" && auth.actor.kind !== "portal") {
      throw new DomainError("forbidden", "This is for customer portal accounts only.");
    }
    const permission = request.routeOptions.config.permission;
    if (permission && (auth.actor.kind !== "staff" || !can(auth.actor.role, permission))) {
      throw new DomainError("forbidden", "Your role does not allow this. Ask your shop admin.");
    }
    if (!safeMethods.has(request.method)) {
      const header = request.headers["x-csrf-token"];
      if (typeof header !== "string" || !sameToken(header, auth.csrfToken)) {
        throw new DomainError(
          "csrf",
          "The request is missing its security token. Reload the page and try again.",
        );
      }
    }
  });
});

export function staffOf(request: FastifyRequest): StaffActor {
  const actor = request.auth?.actor;
  if (actor?.kind !== "staff") throw new DomainError("unauthenticated", "Sign in to continue.");
  return actor;
}

/** The shop-side caller of a route that declares an `apiScope`: the API key, else the staff user. */
export function shopActorOf(request: FastifyRequest): ShopActor {
  return request.apiKey ?? staffOf(request);
}

export function portalOf(request: FastifyRequest): PortalActor {
  const actor = request.auth?.actor;
  if (actor?.kind !== "portal") throw new DomainError("unauthenticated", "Sign in to continue.");
  return actor;
}

/** Never readable by scripts, not sent on cross-site requests, https-only when Pitlane is. */
const cookieOptions = (secure: boolean) => ({ path: "/", httpOnly: true, sameSite: "lax" as const, secure });

export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean, ttlHours: number) {
  reply.setCookie(sessionCookie, token, { ...cookieOptions(secure), maxAge: Math.round(ttlHours * 3600) });
}

/** Cleared with the attributes it was set with, so the browser replaces that very cookie. */
export function clearSessionCookie(reply: FastifyReply, secure: boolean) {
  reply.clearCookie(sessionCookie, cookieOptions(secure));
}

export function setDeviceCookie(reply: FastifyReply, token: string, secure: boolean, maxAgeSeconds: number) {
  reply.setCookie(deviceCookie, token, {
    path: "/api/v1/auth/login",
    httpOnly: true,
    sameSite: "strict",
    secure,
    maxAge: maxAgeSeconds,
  });
}
