import { defineConfig } from "drizzle-kit";

// Generates reviewed, numbered SQL migrations; the app applies them on start (src/db/migrate.ts).
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/db/schema.ts",
  out: "./drizzle",
});
