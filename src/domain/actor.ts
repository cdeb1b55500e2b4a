// Who is acting. Every command receives one, every query is scoped by it; nothing reads "the current
// user" from a global.
import type { ApiScope } from "./api-scopes";
import type { StaffRole } from "./permissions";

export interface StaffActor {
  kind: "staff";
  id: string;
  name: string;
  organisationId: string;
  locationId: string;
  role: StaffRole;
}

export interface PortalActor {
  kind: "portal";
  id: string;
  name: string;
  organisationId: string;
  locationId: string;
  customerId: string;
}

/** A customer acting through a link mailed to them (no account): known only by the link's customer. */
export interface LinkActor {
  kind: "link";
  id: null;
  name: string;
  organisationId: string;
  locationId: string;
  customerId: string;
}

export interface SystemActor {
  kind: "system";
  id: null;
  name: string;
  organisationId: string;
  locationId: string | null;
}

/**
 * A dealer management system (or an integrator's middleware) calling with an API key. An actor of its
 * own kind, so the audit trail says "via API key WERBAS Filiale Mitte", never a person's name.
 * `name` is the key's name as the admin gave it.
 */
export interface ApiKeyActor {
  kind: "api_key";
  id: string;
  name: string;
  organisationId: string;
  locationId: string;
  scopes: readonly ApiScope[];
}

export type Actor = StaffActor | PortalActor | LinkActor | SystemActor | ApiKeyActor;

/** Who may act for the shop over the API: a signed-in staff user or a location's API key. */
export type ShopActor = StaffActor | ApiKeyActor;

/** The customer side of a negotiation: a portal account or a mailed link. */
export type CustomerActor = PortalActor | LinkActor;

/** The tenancy scope of a shop-side query: one organisation, one location. */
export interface Scope {
  organisationId: string;
  locationId: string;
}

export const actorKinds = [
  "staff",
  "portal",
  "link",
  "system",
  "api_key",
] as const satisfies readonly Actor["kind"][];
export type ActorKind = (typeof actorKinds)[number];

/** An audit event's actor kind as stored (text with a CHECK); anything unknown reads as the system. */
export const actorKindOf = (stored: string): ActorKind =>
  (actorKinds as readonly string[]).includes(stored) ? (stored as ActorKind) : "system";

/**
 * Which side of a negotiation acted, for histories shown to people: an API key acts for the shop
 * (its DMS), like staff; portal accounts and mailed links are the customer.
 */
export function sideOfActor(kind: string): "shop" | "customer" | "system" {
  const k = actorKindOf(kind);
  if (k === "staff" || k === "api_key") return "shop";
  if (k === "system") return "system";
  return "customer";
}
