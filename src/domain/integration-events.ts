// What a DMS can hear about an invoice, and the rules of delivering it: which addresses a webhook may
// not reach, and how long to wait before the next attempt. Pure: no I/O.
import { isIP } from "node:net";

export const integrationEventTypes = [
  "invoice.sent",
  "invoice.paid",
  "invoice.partially_paid",
  "payment.received",
  "payment.refunded",
  "invoice.delivered",
  "invoice.booked",
  "invoice.closed",
  "invoice.overdue",
  "invoice.credited",
] as const;

export type IntegrationEventType = (typeof integrationEventTypes)[number];

/** Sent by "Send test event" only: never in the feed, never an invoice's. */
export const testEventType = "webhook.test";

/** The version of every payload's shape; a breaking change is a new version, announced first. */
export const payloadVersion = 1;

const v4Blocked: [number, number][] = [
  // [network as a 32-bit number, prefix length]
  [0x00000000, 8], // "this" network
  [0x0a000000, 8], // 10/8 private
  [0x64400000, 10], // 100.64/10 carrier-grade NAT
  [0x7f000000, 8], // loopback
  [0xa9fe0000, 16], // link-local (cloud metadata lives here)
  [0xac100000, 12], // 172.16/12 private
  [0xc0000000, 24], // IETF protocol assignments
  [0xc0a80000, 16], // 192.168/16 private
  [0xc6120000, 15], // benchmarking
  [0xe0000000, 4], // multicast
  [0xf0000000, 4], // reserved, broadcast
];

function v4Number(ip: string): number {
  return ip.split(".").reduce((n, part) => n * 256 + Number(part), 0);
}

function v4Private(ip: string): boolean {
  const n = v4Number(ip);
  return v4Blocked.some(([net, bits]) => {
    const size = 2 ** (32 - bits);
    return n >= net && n < net + size;
  });
}

/**
 * True for an address a webhook must not reach unless the shop allowed private targets: private,
 * loopback, link-local, unspecified, multicast and reserved ranges, in IPv4 and IPv6 (IPv4-mapped
 * IPv6 addresses are judged as the IPv4 address they carry). Anything unparsable counts as private.
 */
export function isPrivateAddress(address: string): boolean {
  const kind = isIP(address);
  if (kind === 4) return v4Private(address);
  if (kind !== 6) return true;
  const ip = address.toLowerCase().split("%")[0]!;
  const mapped =
    ip.match(/^(?:0{0,4}:){0,5}(?:0{0,4}:)?ffff:(\d+\.\d+\.\d+\.\d+)$/) ??
    ip.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/);
  if (mapped) return v4Private(mapped[1]!);
  const hexMapped = ip.match(/^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/);
  if (hexMapped) {
    const hi = Number.parseInt(hexMapped[1]!, 16);
    const lo = Number.parseInt(hexMapped[2]!, 16);
    return v4Private(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
  }
  if (ip === "::" || ip === "::1") return true;
  const first = Number.parseInt(ip.split(":")[0] || "0", 16);
  if ((first & 0xfe00) === 0xfc00) return true; // fc00::/7 unique local
  if ((first & 0xffc0) === 0xfe80) return true; // fe80::/10 link-local
  if ((first & 0xffc0) === 0xfec0) return true; // fec0::/10 site-local (deprecated)
  if ((first & 0xff00) === 0xff00) return true; // multicast
  if (ip.startsWith("64:ff9b:")) return true; // NAT64 can reach IPv4 private ranges
  if (first === 0x2001 && ip.split(":")[1] === "db8") return true; // documentation
  return false;
}

export interface RetryPolicy {
  /** The wait after the first failure; it doubles after each further one. */
  baseMs: number;
  /** No wait longer than this. */
  maxDelayMs: number;
  /** How long a delivery is retried (and an endpoint may fail) before giving up / switching it off. */
  giveUpAfterMs: number;
}

/** Defaults: 30 s, 1 min, 2 min … capped at 6 h, for three days. */
export const defaultRetryPolicy: RetryPolicy = {
  baseMs: 30_000,
  maxDelayMs: 6 * 3600_000,
  giveUpAfterMs: 3 * 24 * 3600_000,
};

/** The wait before the next attempt after `failures` failed ones (1 = the first failed). */
export function retryDelayMs(policy: RetryPolicy, failures: number): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 30);
  return Math.min(policy.baseMs * 2 ** exponent, policy.maxDelayMs);
}
