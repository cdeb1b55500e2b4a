import type {} from "@fastify/rate-limit";
import { eq } from "drizzle-orm";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { login } from "../../app/auth/login";
import { deviceTrustSeconds, throttlePolicy } from "../../app/support/auth/login-throttle";
import { deleteSession, resolveSession } from "../../app/support/auth/sessions";
import type { Config } from "../../config";
import type { Db } from "../../db/client";
import { portalAccounts, staffUsers } from "../../db/schema";
import { languages } from "../../domain/customer";
import { DomainError } from "../../domain/errors";
import { permissions, staffRoles } from "../../domain/permissions";
import { clearSessionCookie, deviceCookie, sessionCookie, setDeviceCookie, setSessionCookie } from "../auth";

const userSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    kind: z.enum(["staff", "portal"]),
    role: z.enum(staffRoles).optional(),
    customerId: z.string().optional(),
    customerName: z.string().optional(),
    language: z.enum(languages),
    permissions: z.array(z.enum(permissions)),
  })
  .meta({ id: "SessionUser" });

const sessionSchema = z
  .object({
    user: userSchema,
    csrfToken: z.string(),
    organisation: z.object({ id: z.string(), name: z.string() }),
    location: z.object({
      id: z.string(),
      name: z.string(),
      timeZone: z.string(),
      currency: z.string(),
      locale: z.string(),
    }),
  })
  .meta({ id: "Session" });

export const authRoutes: FastifyPluginAsyncZod<{ db: Db; config: Config }> = async (app, { db, config }) => {
  const throttle = throttlePolicy(config.LOGIN_ACCOUNT_LIMIT);
  app.post(
    "/auth/login",
    {
      config: {
        access: "public",
        // Wrong email or password.
        problems: [401],
        // Per address and client: slows password guessing without letting one attacker lock out a shop.
        // Per account, whatever the address, app/support/auth/login-throttle.ts (in the database).
        rateLimit: {
          max: config.LOGIN_RATE_LIMIT,
          timeWindow: "5 minutes",
          keyGenerator: (req: FastifyRequest) =>
            `${req.ip}|${String((req.body as { email?: unknown } | undefined)?.email ?? "").toLowerCase()}`,
        },
      },
      schema: {
        tags: ["auth"],
        summary: "Sign in (shop staff or customer portal) and receive a session cookie",
        body: z.object({
          email: z.string().trim().min(1, "Enter your email address.").max(254),
          password: z.string().min(1, "Enter your password.").max(200),
          audience: z.enum(["shop", "portal"]).default("shop"),
          language: z
            .enum(languages)
            .optional()
            .describe(
              "The language picked on the sign-in page: stored on the account, which then opens in it on every device.",
            ),
        }),
        response: { 200: sessionSchema },
      },
    },
    async (request, reply) => {
      const { token, deviceToken } = await login(
        db,
        {
          ...request.body,
          userAgent: request.headers["user-agent"],
          deviceToken: request.cookies[deviceCookie],
        },
        { ttlHours: config.SESSION_TTL_HOURS, throttle },
      );
      const session = await resolveSession(db, token);
      if (!session) throw new DomainError("unauthenticated", "Email or password is wrong.");
      setSessionCookie(reply, token, config.secureCookies, config.SESSION_TTL_HOURS);
      setDeviceCookie(reply, deviceToken, config.secureCookies, deviceTrustSeconds);
      return {
        user: session.user,
        csrfToken: session.csrfToken,
        organisation: session.organisation,
        location: session.location,
      };
    },
  );

  app.post(
    "/auth/logout",
    {
      config: { access: "any" },
      schema: { tags: ["auth"], summary: "Sign out", response: { 204: z.null() } },
    },
    async (request, reply) => {
      const token = request.cookies[sessionCookie];
      if (token) await deleteSession(db, token);
      clearSessionCookie(reply, config.secureCookies);
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/auth/session",
    {
      config: { access: "any" },
      schema: { tags: ["auth"], summary: "The signed-in user", response: { 200: sessionSchema } },
    },
    async (request) => {
      const auth = request.auth!;
      return {
        user: auth.user,
        csrfToken: auth.csrfToken,
        organisation: auth.organisation,
        location: auth.location,
      };
    },
  );

  app.patch(
    "/auth/me",
    {
      config: { access: "any" },
      schema: {
        tags: ["auth"],
        summary: "Remember the signed-in user's language",
        body: z.object({ language: z.enum(languages) }),
        response: { 200: z.object({ user: userSchema }) },
      },
    },
    async (request) => {
      const actor = request.auth!.actor;
      const table = actor.kind === "staff" ? staffUsers : portalAccounts;
      await db.update(table).set({ language: request.body.language }).where(eq(table.id, actor.id));
      return { user: { ...request.auth!.user, language: request.body.language } };
    },
  );
};
