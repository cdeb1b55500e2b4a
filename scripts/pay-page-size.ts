// The payment page's own weight as a phone downloads it: pay.html plus every script and stylesheet
// it references (and their imports), gzip-compressed. Budget: 50 KB. Needs a build (npm run build).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../dist/web");
export const payPageBudgetBytes = 50 * 1024;

export function payPageSize(): {
  files: { file: string; bytes: number; gzipBytes: number }[];
  gzipBytes: number;
} {
  const html = path.join(dist, "pay.html");
  if (!existsSync(html)) throw new Error("dist/web/pay.html is missing: run `npm run build` first");
  const seen = new Set<string>();
  const files: { file: string; bytes: number; gzipBytes: number }[] = [];
  const add = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const content = readFileSync(path.join(dist, file));
    files.push({ file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length });
    if (file.endsWith(".js")) {
      // Static imports of other chunks ("./x-abc.js" or "/assets/x-abc.js").
      for (const m of content
        .toString("utf8")
        .matchAll(
          /from\s*["']\.?\/?(?:assets\/)?([\w.-]+\.js)["']|import\s*["']\.?\/?(?:assets\/)?([\w.-]+\.js)["']/g,
        )) {
        add(path.posix.join("assets", (m[1] ?? m[2])!));
      }
    }
  };
  add("pay.html");
  const source = readFileSync(html, "utf8");
  for (const m of source.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)) add(m[1]!);
  return { files, gzipBytes: files.reduce((s, f) => s + f.gzipBytes, 0) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const size = payPageSize();
  for (const f of size.files)
    console.log(`${f.file.padEnd(40)} ${String(f.bytes).padStart(8)} B  gzip ${f.gzipBytes} B`);
  console.log(
    `payment page: ${(size.gzipBytes / 1024).toFixed(1)} KB compressed (budget ${payPageBudgetBytes / 1024} KB)`,
  );
  process.exitCode = size.gzipBytes <= payPageBudgetBytes ? 0 : 1;
}
