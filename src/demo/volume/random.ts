// Deterministic randomness for the parts of the seed computed in TypeScript (the work catalogue, the
// few ids made with the app's newId): SHA-256 in counter mode over the seed, so `--seed` reproduces
// the same shop.
import { createHash } from "node:crypto";

export interface SeededRandom {
  /** Uniform in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** Random bytes, the shape newId() takes. */
  bytes(n: number): Uint8Array;
}

export function seededRandom(seed: string, stream: string): SeededRandom {
  let counter = 0;
  let pool = Buffer.alloc(0);
  const take = (n: number): Buffer => {
    while (pool.length < n) {
      const block = createHash("sha256").update(`${seed}:${stream}:${counter++}`).digest();
      pool = Buffer.concat([pool, block]);
    }
    const out = pool.subarray(0, n);
    pool = pool.subarray(n);
    return out;
  };
  const next = () => take(6).readUIntBE(0, 6) / 2 ** 48;
  return {
    next,
    int: (n) => Math.floor(next() * n),
    bytes: (n) => new Uint8Array(take(n)),
  };
}
