// Sending a text message (issue #15): a port with two adapters. Without a provider the built-in
// sandbox keeps the message in the Outbox ("stored"), as mail does without SMTP; with Twilio's
// account SID, auth token and sending number the message goes through Twilio's own SDK.
import twilio from "twilio";
import type RequestClientType from "twilio/lib/base/RequestClient";

// From the package's entry, not `twilio/lib/base/RequestClient`: Node's ESM loader (the built server)
// resolves no deep path without its extension (the type import above is erased).
const { RequestClient } = twilio;

export interface TextMessage {
  /** E.164, e.g. +491711234567. */
  to: string;
  text: string;
}

export interface SmsSender {
  readonly provider: "sandbox" | "twilio";
  /** "sent" once the provider accepted it; "stored" when it is kept in the Outbox only. */
  send(message: TextMessage): Promise<{ status: "sent" | "stored"; providerId: string | null }>;
}

export interface TwilioSettings {
  accountSid: string;
  authToken: string;
  from: string;
  /** Tests only: a local stand-in for https://api.twilio.com. */
  apiBaseUrl?: string | undefined;
}

/** Sends every request of the SDK to `base` instead of Twilio's hosts (a local fake in tests). */
class RebasedRequestClient extends RequestClient {
  constructor(private readonly base: string) {
    super();
  }
  override request<TData>(opts: RequestClientType.RequestOptions<TData>) {
    const uri = new URL(opts.uri);
    return super.request({ ...opts, uri: `${this.base.replace(/\/$/, "")}${uri.pathname}${uri.search}` });
  }
}

export function createSmsSender(settings: TwilioSettings | null): SmsSender {
  if (!settings) return { provider: "sandbox", send: async () => ({ status: "stored", providerId: null }) };
  const client = twilio(settings.accountSid, settings.authToken, {
    ...(settings.apiBaseUrl ? { httpClient: new RebasedRequestClient(settings.apiBaseUrl) } : {}),
  });
  return {
    provider: "twilio",
    async send(message) {
      const sent = await client.messages.create({ to: message.to, from: settings.from, body: message.text });
      return { status: "sent", providerId: sent.sid };
    },
  };
}

export function twilioSettings(config: {
  TWILIO_ACCOUNT_SID?: string | undefined;
  TWILIO_AUTH_TOKEN?: string | undefined;
  TWILIO_FROM?: string | undefined;
  TWILIO_API_BASE_URL?: string | undefined;
}): TwilioSettings | null {
  if (!config.TWILIO_ACCOUNT_SID || !config.TWILIO_AUTH_TOKEN || !config.TWILIO_FROM) return null;
  return {
    accountSid: config.TWILIO_ACCOUNT_SID,
    authToken: config.TWILIO_AUTH_TOKEN,
    from: config.TWILIO_FROM,
    apiBaseUrl: config.TWILIO_API_BASE_URL,
  };
}
