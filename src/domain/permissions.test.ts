import { describe, expect, it } from "vitest";
import { can, permissions, permissionsOf, rolePermissions, staffRoles } from "./permissions";

describe("permission table", () => {
  it("gives the admin every permission", () => {
    expect(permissionsOf("admin")).toEqual([...permissions]);
  });

  it("lets only admins change settings and manage users", () => {
    for (const role of staffRoles) {
      expect(can(role, "settings:write")).toBe(role === "admin");
      expect(can(role, "users:manage")).toBe(role === "admin");
      expect(can(role, "integrations:manage")).toBe(role === "admin");
    }
  });

  it("leaves receivables to accounting and admins", () => {
    for (const role of staffRoles) {
      expect(can(role, "receivables:manage")).toBe(role === "admin" || role === "accounting");
    }
  });

  it("lets every role read customers and units and record readings", () => {
    for (const role of staffRoles) {
      expect(can(role, "customers:read")).toBe(true);
      expect(can(role, "units:read")).toBe(true);
      expect(can(role, "readings:write")).toBe(true);
    }
  });

  it("keeps technicians and parts from editing customer or unit master data", () => {
    for (const role of ["technician", "parts"] as const) {
      expect(can(role, "customers:write")).toBe(false);
      expect(can(role, "units:write")).toBe(false);
      expect(can(role, "portal-accounts:manage")).toBe(false);
    }
  });

  it("lets service advisors create portal logins and read the outbox", () => {
    expect(can("service_advisor", "portal-accounts:manage")).toBe(true);
    expect(can("service_advisor", "outbox:read")).toBe(true);
  });

  it("only names known permissions", () => {
    for (const set of Object.values(rolePermissions)) {
      for (const p of set) expect(permissions).toContain(p);
    }
  });
});
