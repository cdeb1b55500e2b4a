// Examples for Settings → Integrations' API keys (issue #14), shown in the OpenAPI document beside
// each operation. Taken from what the server answers (a key made, listed, revoked, revoked again);
// the document's lint (test/api/openapi-lint.test.ts) checks each against its schema.
import type { OperationExamples } from "../openapi";

const keyId = "key_d0zyd1m942m7b269pjhz469k";

const active = {
  id: keyId,
  name: "WERBAS Filiale Mitte",
  visiblePrefix: "pl_live_bjwxT5",
  scopes: ["invoices:write", "invoices:read", "events:read"],
  createdAt: "2026-11-30T14:58:02.000Z",
  createdByName: "Petra Admin",
  lastUsedAt: "2026-11-30T15:05:40.000Z",
  expiresAt: "2027-12-31T23:59:59.000Z",
  revokedAt: null,
  status: "active",
};

const problem = (status: number, type: string, title: string, detail: string, requestId: string) => ({
  type: `/problems/${type}`,
  title,
  status,
  detail,
  requestId,
});

export const apiKeyExamples = {
  list: {
    responses: {
      200: {
        keys: {
          summary: "One active key, one revoked",
          value: {
            items: [
              active,
              {
                ...active,
                id: "key_5m8q2w7e4r1t9y6u3i0o8p2a",
                name: "WERBAS Testsystem",
                visiblePrefix: "pl_live_Qx4k9Z",
                scopes: ["invoices:read"],
                lastUsedAt: null,
                expiresAt: null,
                revokedAt: "2026-11-29T09:12:44.000Z",
                status: "revoked",
              },
            ],
          },
        },
      },
    },
  },
  create: {
    request: {
      dms: {
        summary: "A key for the DMS: push invoices, read them back, read the event feed; expires",
        value: {
          name: "WERBAS Filiale Mitte",
          scopes: ["invoices:write", "invoices:read", "events:read"],
          expiresAt: "2027-12-31T23:59:59Z",
        },
      },
    },
    responses: {
      201: {
        created: {
          summary: "The key itself is in `key`, shown this once",
          value: { ...active, lastUsedAt: null, key: "pl_live_bjwxT5My2GsUL4SbEGPa1ZA-7sQURzS-daCIG2LgyyU" },
        },
      },
      422: {
        invalid: {
          summary: "No name, no scope",
          value: {
            ...problem(
              422,
              "validation",
              "Unprocessable content",
              "Some fields are not valid.",
              "990b1325-eedc-4426-a304-3dbd8bd5bddb",
            ),
            errors: [
              { field: "name", message: "Give the key a name, e.g. the DMS and the branch." },
              { field: "scopes", message: "Choose at least one scope." },
            ],
          },
        },
      },
    },
  },
  revoke: {
    responses: {
      200: {
        revoked: {
          summary: "Refused from the next request on",
          value: { ...active, revokedAt: "2026-12-01T08:30:00.000Z", status: "revoked" },
        },
      },
      409: {
        alreadyRevoked: {
          summary: "Revoked before",
          value: problem(
            409,
            "conflict",
            "Conflict",
            "This API key was revoked already.",
            "b2f058a7-9643-467f-9a74-5dee65620f55",
          ),
        },
      },
    },
  },
} satisfies Record<string, OperationExamples>;
