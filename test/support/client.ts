// Speaks to the server the way the web app does: session cookie plus the CSRF header on changes.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { password } from "./fixtures";

export interface Session {
  cookie: string;
  csrfToken: string;
}

export async function signIn(
  app: FastifyInstance,
  email: string,
  audience: "shop" | "portal" = "shop",
  secret = password,
): Promise<Session> {
  const res = await app.inject({
    method: "POST",
    url: "/api/v1/auth/login",
    payload: { email, password: secret, audience },
  });
  if (res.statusCode !== 200) throw new Error(`sign-in failed for ${email}: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === "pitlane_session");
  if (!cookie) throw new Error("no session cookie");
  return { cookie: `pitlane_session=${cookie.value}`, csrfToken: res.json().csrfToken };
}

export type Client = (
  method: InjectOptions["method"],
  url: string,
  payload?: unknown,
) => Promise<LightMyRequestResponse>;

export function client(app: FastifyInstance, session: Session): Client {
  return (method, url, payload) =>
    app.inject({
      method,
      url,
      headers: { cookie: session.cookie, "x-csrf-token": session.csrfToken },
      ...(payload === undefined ? {} : { payload: payload as InjectOptions["payload"] }),
    });
}
