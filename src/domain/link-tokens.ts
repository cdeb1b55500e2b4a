// Links mailed to customers carry their credential in the path (/pay/<token>, /e/<token>, the API's
// /links/…/<token>). Request logs show the path, and staff read the mails in the Outbox: both get the
// token cut out, so nobody but the customer ever holds it (issue #12: an advisor who could read a
// link approved an estimate as if the customer had).
import type { Permission } from "./permissions";

const tokenInPath = /\/(pay|b|e|x|links\/[a-z-]+|sandbox\/checkout)\/[A-Za-z0-9_-]{16,}/g;

export function maskTokens(text: string, mask = "[token]"): string {
  return text.replace(tokenInPath, `/$1/${mask}`);
}

/** What staff see in place of a token in a mail: the link stays recognisably a link. */
export const hiddenToken = "••••••";

export const maskMailText = (text: string) => maskTokens(text, hiddenToken);

/** The pages a mailed link opens: /b/ booking, /e/ estimate, /x/ order extension, /pay/ invoice. */
const mailedLink = /\/(?:pay|b|e|x)\/([A-Za-z0-9_-]{16,})/g;

/** The customer-link tokens in a mail's text, in order. */
export const mailedTokensIn = (text: string): string[] => [...text.matchAll(mailedLink)].map((m) => m[1]!);

export const customerLinkPurposes = [
  "booking-response",
  "estimate-response",
  "extension-response",
  "invoice-payment",
] as const;
export type CustomerLinkPurpose = (typeof customerLinkPurposes)[number];

export type CustomerLinkState = "active" | "used" | "expired" | "cancelled";

export function customerLinkState(
  link: { usedAt: Date | null; revokedAt: Date | null; expiresAt: Date },
  now = new Date(),
): CustomerLinkState {
  if (link.revokedAt) return "cancelled";
  if (link.usedAt) return "used";
  return link.expiresAt <= now ? "expired" : "active";
}

/** Resending a link's mail is sending that document again: it takes the right to send it. */
export const resendPermission: Record<CustomerLinkPurpose, Permission> = {
  "booking-response": "bookings:write",
  "estimate-response": "estimates:write",
  "extension-response": "work-orders:write",
  "invoice-payment": "invoices:write",
};

/**
 * Why a link's mail cannot be sent again, or null. An expired link is the usual reason to resend (a
 * fresh link replaces it); a used one has served its purpose, and a cancelled one the shop withdrew
 * (or a newer mail replaced it).
 */
export function resendRefusal(state: CustomerLinkState): string | null {
  if (state === "used") return "The customer already answered through this link: there is nothing to resend.";
  if (state === "cancelled") {
    return "This link was cancelled, or a newer email replaced it: resend the newest one, or send the document again from its page.";
  }
  return null;
}
