import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The SPA lives in src/web and is served by the Fastify backend from dist/web.
// Strict CSP (script-src 'self'): no inline scripts are emitted by this config.
export default defineConfig({
  root: "src/web",
  base: "/",
  plugins: [react()],
  build: {
    outDir: "../../dist/web",
    emptyOutDir: true,
    sourcemap: false,
    // Keep every asset a separate file so no data: URIs end up in script or style sources.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: {
      "/api": "http://localhost:3000",
    },
  },
  preview: {
    proxy: {
      "/api": "http://localhost:3000",
    },
  },
});
