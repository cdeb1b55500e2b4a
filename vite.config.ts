import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { precompress } from "./scripts/precompress.ts";

// The SPA lives in src/web and is served by the Fastify backend from dist/web.
// Strict CSP (script-src 'self'): no inline scripts are emitted by this config.
export default defineConfig({
  root: "src/web",
  base: "/",
  // precompress: .br/.gz next to every built file, sent as they are by the server.
  plugins: [react(), precompress()],
  build: {
    outDir: "../../dist/web",
    emptyOutDir: true,
    sourcemap: false,
    // .vite/manifest.json: which chunks and styles each page and lazy module loads
    // (scripts/first-load-size.ts reads it; a dot folder, so the server never sends it).
    manifest: true,
    // Keep every asset a separate file so no data: URIs end up in script or style sources.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 600,
    rollupOptions: {
      // Two pages: the app, and the customer's payment page — its own small entry with no React or
      // Mantine, so it loads fast on a phone (budget: 50 KB compressed, measured by npm run bench).
      input: {
        app: fileURLToPath(new URL("src/web/index.html", import.meta.url)),
        pay: fileURLToPath(new URL("src/web/pay.html", import.meta.url)),
      },
    },
  },
  server: {
    proxy: {
      // "/api/", not "/api": the latter would also send the app's own module /api.ts to the backend.
      "/api/": "http://localhost:3000",
    },
  },
  preview: {
    proxy: {
      "/api/": "http://localhost:3000",
    },
  },
});
