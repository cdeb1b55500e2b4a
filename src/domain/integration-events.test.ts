import { describe, expect, it } from "vitest";
import { defaultRetryPolicy, isPrivateAddress, retryDelayMs } from "./integration-events";

describe("webhook targets", () => {
  it("refuses private, loopback and link-local addresses in IPv4 and IPv6", () => {
    for (const ip of [
      "127.0.0.1",
      "10.1.2.3",
      "172.16.0.1",
      "172.31.255.255",
      "192.168.1.10",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "::1",
      "::",
      "fe80::1",
      "fd00::1",
      "::ffff:127.0.0.1",
      "::ffff:7f00:1",
      "not an ip",
    ])
      expect(isPrivateAddress(ip), ip).toBe(true);
    for (const ip of ["93.184.216.34", "172.32.0.1", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8"])
      expect(isPrivateAddress(ip), ip).toBe(false);
  });
});

describe("retry policy", () => {
  it("doubles the wait after each failure, capped, and retries for three days", () => {
    expect(retryDelayMs(defaultRetryPolicy, 1)).toBe(30_000);
    expect(retryDelayMs(defaultRetryPolicy, 2)).toBe(60_000);
    expect(retryDelayMs(defaultRetryPolicy, 30)).toBe(6 * 3600_000);
    let waited = 0;
    let failures = 0;
    while (waited < defaultRetryPolicy.giveUpAfterMs) waited += retryDelayMs(defaultRetryPolicy, ++failures);
    // About twenty attempts spread over the three days.
    expect(failures).toBeGreaterThan(15);
    expect(failures).toBeLessThan(30);
  });
});
