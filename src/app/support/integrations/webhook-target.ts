// Where a webhook may go. A URL's host is resolved and every address it resolves to is checked, at
// creation and again at every delivery — the delivery connects to the very address it checked (a
// `lookup` of its own), so a name that resolves to a public address when checked and to 127.0.0.1 a
// moment later (DNS rebinding) cannot reach the server's own network.
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import { DomainError } from "../../../domain/errors";
import { isPrivateAddress } from "../../../domain/integration-events";

export class PrivateTargetError extends Error {}

function resolveAll(host: string): Promise<LookupAddress[]> {
  const bare = host.replace(/^\[|\]$/g, "");
  if (isIP(bare)) return Promise.resolve([{ address: bare, family: isIP(bare) }]);
  return new Promise((resolve, reject) =>
    dnsLookup(bare, { all: true, verbatim: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    ),
  );
}

/** The URL's addresses, refused (PrivateTargetError) when one of them is private and that is not allowed. */
export async function checkedAddresses(host: string, allowPrivate: boolean): Promise<LookupAddress[]> {
  const addresses = await resolveAll(host);
  if (addresses.length === 0) throw new Error(`${host} has no address`);
  if (!allowPrivate) {
    const blocked = addresses.find((a) => isPrivateAddress(a.address));
    if (blocked) throw new PrivateTargetError(`${host} resolves to the private address ${blocked.address}`);
  }
  return addresses;
}

/** A `lookup` for http.request that hands out only checked addresses. */
export function checkedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    checkedAddresses(hostname, allowPrivate).then(
      (addresses) => {
        if (options.all) callback(null, addresses);
        else callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, "", 0),
    );
  };
}

/**
 * A webhook URL as given by the shop: https (or http to a private target the shop allowed), no
 * credentials in it, a host that resolves, and not to a private address unless allowed. 422 naming
 * the field otherwise.
 */
export async function validateWebhookUrl(raw: string, allowPrivate: boolean, field = "url"): Promise<string> {
  const refuse = (message: string) => new DomainError("validation", message, [{ field, message }]);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refuse("Enter a full URL, such as https://dms.example.com/pitlane/webhooks.");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw refuse("The URL must start with https://.");
  if (url.username || url.password) throw refuse("Put no user name or password in the URL.");
  if (url.hash) throw refuse("The URL cannot have a #fragment.");
  let addresses: LookupAddress[];
  try {
    addresses = await checkedAddresses(url.hostname, allowPrivate);
  } catch (error) {
    if (error instanceof PrivateTargetError) {
      throw refuse(
        "The URL points into a private network. Allow private targets for this location to reach an on-premises DMS.",
      );
    }
    throw refuse(`The host ${url.hostname} cannot be found.`);
  }
  // Plain http only where it never leaves the shop's own network.
  if (url.protocol === "http:" && !(allowPrivate && addresses.every((a) => isPrivateAddress(a.address)))) {
    throw refuse("The URL must use https://.");
  }
  return url.toString();
}
