// Brotli and gzip copies of the built web app (x.js → x.js.br, x.js.gz), made once at build time so
// the server sends them as they are (@fastify/static `preCompressed`) instead of compressing every
// response again: brotli at its best quality is far too slow to run per request.
import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { type BrotliOptions, brotliCompress, constants, gzip, type ZlibOptions } from "node:zlib";
import type { Plugin } from "vite";

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** What compresses: text formats. Images and fonts are compressed already. */
const compressible = /\.(?:html|js|mjs|css|svg|json|txt|xml|map|webmanifest)$/;

/** Brotli at its best quality: slow, but it runs once per build. */
export const brotliOptions = (size: number): BrotliOptions => ({
  params: {
    [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
    [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
    [constants.BROTLI_PARAM_SIZE_HINT]: size,
  },
});
export const gzipOptions: ZlibOptions = { level: 9 };

export interface PrecompressedFile {
  file: string;
  bytes: number;
  brBytes: number;
  gzipBytes: number;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    // Dot folders (Vite's .vite/manifest.json) are never sent.
    entries
      .filter((entry) => !entry.name.startsWith("."))
      .map((entry) => {
        const full = path.join(dir, entry.name);
        return entry.isDirectory() ? filesUnder(full) : Promise.resolve([full]);
      }),
  );
  return nested.flat();
}

/**
 * Writes .br and .gz next to every compressible file under `dir`. Small files too: a file without a
 * precompressed copy would be compressed on the fly on every request instead.
 */
export async function precompressDir(dir: string): Promise<PrecompressedFile[]> {
  const files = (await filesUnder(dir)).filter((file) => compressible.test(file));
  return Promise.all(
    files.map(async (file) => {
      const content = await readFile(file);
      const [br, gzipped] = await Promise.all([
        brotli(content, brotliOptions(content.length)),
        gz(content, gzipOptions),
      ]);
      await Promise.all([writeFile(`${file}.br`, br), writeFile(`${file}.gz`, gzipped)]);
      return {
        file: path.relative(dir, file).split(path.sep).join("/"),
        bytes: (await stat(file)).size,
        brBytes: br.length,
        gzipBytes: gzipped.length,
      };
    }),
  );
}

/** Vite plugin: precompress the output folder once the build has written it (public files included). */
export function precompress(): Plugin {
  let outDir = "";
  return {
    name: "pitlane-precompress",
    apply: "build",
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      await precompressDir(outDir);
    },
  };
}
