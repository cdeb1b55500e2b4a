import { defineConfig } from "vitest/config";

// Three tiers (DESIGN.md): pure domain tests beside the code; API tests on a real database built by
// the real migrations (always the embedded PostgreSQL server, and the PostgreSQL server named by
// TEST_DATABASE_URL when set; a database per test file, cloned from a migrated template); browser
// flows in Debian's Chromium.
const apiProject = (name: string, db: "embedded" | "postgres") => ({
  test: {
    name,
    include: ["test/api/**/*.test.ts"],
    env: { PITLANE_TEST_DB: db, TZ: "UTC" },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  test: {
    // Starts the embedded PostgreSQL server and migrates the template databases, once per run.
    globalSetup: ["test/support/global-setup.ts"],
    projects: [
      { test: { name: "unit", include: ["src/**/*.test.ts"], env: { TZ: "UTC" } } },
      // Front-end helpers (API client, form errors, translations); files needing a DOM declare jsdom.
      { test: { name: "web-unit", include: ["test/web-unit/**/*.test.ts"], env: { TZ: "UTC" } } },
      // The same domain tests again in a zone with daylight saving time.
      { test: { name: "unit-berlin", include: ["src/**/*.test.ts"], env: { TZ: "Europe/Berlin" } } },
      apiProject("api-embedded", "embedded"),
      ...(process.env.TEST_DATABASE_URL ? [apiProject("api-postgres", "postgres")] : []),
      {
        test: {
          name: "browser",
          include: ["test/browser/**/*.test.ts"],
          env: { TZ: "UTC" },
          testTimeout: 90_000,
          hookTimeout: 120_000,
          // One Chromium at a time on a 2-core machine.
          fileParallelism: false,
          // A page (a lazily loaded route and its data) may take seconds to show on a loaded CI
          // machine; the 1 s default failed there with nothing wrong but the load.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
