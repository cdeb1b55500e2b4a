// What a browser downloads to show the shop's sign-in page (/login), compressed the way the server
// sends it: index.html, its scripts, modulepreloads and stylesheets, every chunk those import
// statically, and the lazy modules the sign-in page starts loading at once (the toasts). The shop,
// the portal and German load later, when they are needed. Budget: 250 KB compressed (gzip, the
// larger of the two encodings the server offers). Needs a build (npm run build).
//
//   npx tsx scripts/first-load-size.ts
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { brotliOptions, gzipOptions } from "./precompress";

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../dist/web");
export const firstLoadBudgetBytes = 250 * 1024;

/** Lazy modules (Vite manifest keys) that /login requests as soon as it renders. */
export const loadedAtOnce = ["shared/Toasts.tsx"];

export interface LoadedFile {
  file: string;
  bytes: number;
  brBytes: number;
  gzipBytes: number;
}

interface ManifestChunk {
  file: string;
  imports?: string[];
  css?: string[];
}

export function firstLoadSize(): { files: LoadedFile[]; brBytes: number; gzipBytes: number } {
  const html = path.join(dist, "index.html");
  const manifestPath = path.join(dist, ".vite/manifest.json");
  if (!existsSync(html) || !existsSync(manifestPath)) {
    throw new Error("dist/web is missing or has no manifest: run `npm run build` first");
  }
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as Record<string, ManifestChunk>;
  const files: LoadedFile[] = [];
  const seen = new Set<string>();
  const add = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const content = readFileSync(path.join(dist, file));
    files.push({
      file,
      bytes: content.length,
      brBytes: brotliCompressSync(content, brotliOptions(content.length)).length,
      gzipBytes: gzipSync(content, gzipOptions).length,
    });
  };
  const followed = new Set<string>();
  const follow = (key: string) => {
    if (followed.has(key)) return;
    followed.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the build's manifest`);
    add(chunk.file);
    for (const css of chunk.css ?? []) add(css);
    for (const imported of chunk.imports ?? []) follow(imported);
  };

  add("index.html");
  // What the page names itself, as the browser sees it (the manifest's entry says the same, but the
  // HTML is what is sent).
  const source = readFileSync(html, "utf8");
  for (const m of source.matchAll(/(?:src|href)="\/([^"]+\.(?:js|css|svg))"/g)) add(m[1]!);
  follow("index.html");
  for (const key of loadedAtOnce) follow(key);
  return {
    files,
    brBytes: files.reduce((sum, f) => sum + f.brBytes, 0),
    gzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const size = firstLoadSize();
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`.padStart(9);
  console.log(`${"file".padEnd(48)} ${"raw".padStart(9)} ${"brotli".padStart(9)} ${"gzip".padStart(9)}`);
  for (const f of size.files) {
    console.log(`${f.file.padEnd(48)} ${kb(f.bytes)} ${kb(f.brBytes)} ${kb(f.gzipBytes)}`);
  }
  const raw = size.files.reduce((sum, f) => sum + f.bytes, 0);
  console.log(`${"total".padEnd(48)} ${kb(raw)} ${kb(size.brBytes)} ${kb(size.gzipBytes)}`);
  console.log(
    `/login first load: ${(size.gzipBytes / 1024).toFixed(1)} KB gzip, ${(size.brBytes / 1024).toFixed(1)} KB brotli (budget ${firstLoadBudgetBytes / 1024} KB)`,
  );
  process.exitCode = size.gzipBytes <= firstLoadBudgetBytes ? 0 : 1;
}
