// `npm start` and `npm run worker`: build what is out of date, then run the built server.
//
// - The web app (dist/web) is built by Vite when its inputs changed since the last build: src/web,
//   vite.config.ts (and the precompress plugin it loads), package-lock.json.
// - The server (dist/server) is bundled by esbuild when src outside src/web, package-lock.json or this
//   file changed. Packages stay external (loaded from node_modules), and the bundle sits two folders
//   deep like the sources did (dist/server/main.js ~ src/http/server.ts), so every path the code
//   resolves from import.meta.url ("../../drizzle", "../../dist/web") still points at the same place.
//
// Whether inputs changed is decided from a listing of their paths, sizes and modification times,
// hashed and kept in dist/.<part>-inputs: reading it takes milliseconds, so a warm start goes straight
// to the server. Plain JavaScript, so starting needs no TypeScript compiler; the tests and `npm run dev`
// run the sources through vitest and tsx and never use dist/server.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = path.join(root, "dist");
const entry = process.argv[2] === "worker" ? "worker" : "main";
/** `--build-only`: bring dist/ up to date and stop (the benchmark measures warm starts after it). */
const buildOnly = process.argv.includes("--build-only");

/** Every file under `dir` (relative to the project), except those `skip` returns true for. */
function listFiles(dir, skip = () => false) {
  const out = [];
  const walk = (current) => {
    for (const item of readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, item.name);
      const relative = path.relative(root, full);
      if (skip(relative)) continue;
      if (item.isDirectory()) walk(full);
      else out.push(relative);
    }
  };
  walk(path.join(root, dir));
  return out;
}

function fingerprint(files) {
  const hash = createHash("sha256");
  for (const file of files.sort()) {
    const stat = statSync(path.join(root, file));
    hash.update(`${file}\0${stat.size}\0${stat.mtimeMs}\n`);
  }
  return hash.digest("hex");
}

/** Runs `build` unless the inputs are those of the last successful build and `output` exists. */
async function upToDate(part, label, files, output, build) {
  const stampFile = path.join(dist, `.${part}-inputs`);
  const stamp = fingerprint(files);
  if (
    existsSync(path.join(root, output)) &&
    existsSync(stampFile) &&
    readFileSync(stampFile, "utf8") === stamp
  ) {
    return;
  }
  const started = performance.now();
  console.log(`Building the ${label} (its sources changed since the last build)…`);
  await build();
  mkdirSync(dist, { recursive: true });
  writeFileSync(stampFile, stamp);
  console.log(`Built the ${label} in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}

const isTest = (file) => /\.test\.tsx?$/.test(file);

if (entry === "main") {
  await upToDate(
    "web",
    "web app",
    [...listFiles("src/web"), "vite.config.ts", "scripts/precompress.ts", "package-lock.json"],
    "dist/web/index.html",
    () => {
      const vite = path.join(root, "node_modules/vite/bin/vite.js");
      const result = spawnSync(process.execPath, [vite, "build", "--logLevel", "warn"], {
        cwd: root,
        stdio: "inherit",
      });
      if (result.status !== 0) {
        console.error("The web app did not build (see above).");
        process.exit(result.status ?? 1);
      }
    },
  );
}

const serverDir = path.join(dist, "server");
await upToDate(
  "server",
  "server",
  [
    ...listFiles("src", (file) => file === path.join("src", "web") || isTest(file)),
    "package-lock.json",
    "scripts/start.mjs",
  ],
  `dist/server/${entry}.js`,
  async () => {
    rmSync(serverDir, { recursive: true, force: true });
    const { build } = await import("esbuild");
    try {
      await build({
        absWorkingDir: root,
        entryPoints: ["src/main.ts", "src/worker.ts"],
        outdir: "dist/server",
        bundle: true,
        splitting: true,
        platform: "node",
        format: "esm",
        target: "node20",
        packages: "external",
        sourcemap: true,
        logLevel: "warning",
      });
    } catch {
      console.error("The server did not build (see above).");
      process.exit(1);
    }
  },
);

if (!buildOnly) {
  // Stack traces name the TypeScript sources, not the bundle.
  process.setSourceMapsEnabled(true);
  await import(pathToFileURL(path.join(serverDir, `${entry}.js`)).href);
}
