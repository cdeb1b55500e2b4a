// GET /api/v1/events, two ways in one operation:
// - Staff and portal sessions without `after`: server-sent events for live screens. The stream
//   carries "something changed" nudges; clients refetch what they show, and refetch everything
//   when they (re)connect, so a dropped connection never leaves a stale screen.
// - An API key with events:read (or a staff session passing `after`): the pull feed of integration
//   events for a DMS that cannot receive webhooks — the same events, in order, after a cursor,
//   long-polling up to 30 s. A long poll wakes on the live updates' LISTEN (the event's commit
//   announces it), not by polling the table.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../db/client";
import { feedEvents } from "../../db/queries/webhooks";
import type { StaffActor } from "../../domain/actor";
import { DomainError } from "../../domain/errors";
import { can } from "../../domain/permissions";
import type { LiveHub } from "../live-hub";
import { eventFeedExamples } from "./webhook-examples";

const feedQuery = z.object({
  after: z
    .string()
    .regex(/^\d{1,18}$/, "A cursor as returned in nextCursor (0 for the beginning).")
    .optional()
    .describe("Feed: the cursor of the last event read (nextCursor); 0 for the beginning"),
  limit: z.coerce.number().int().min(1).max(500).default(100).describe("Feed: at most this many events"),
  wait: z.coerce
    .number()
    .int()
    .min(0)
    .max(30)
    .default(0)
    .describe("Feed: seconds to wait for an event when there is none yet (long poll)"),
});

const feedSchema = z
  .object({
    events: z
      .array(
        z.object({
          type: z.string(),
          version: z.number().int(),
          id: z.string(),
          occurredAt: z.string(),
          data: z.record(z.string(), z.unknown()),
        }),
      )
      .describe("Integration events in the order they were recorded, the same payloads webhooks carry"),
    nextCursor: z.string().describe("Pass as `after` to read on; unchanged when there was nothing new"),
  })
  .meta({ id: "EventFeed" });

export const eventRoutes: FastifyPluginAsyncZod<{ db: Db; hub: LiveHub }> = async (app, { db, hub }) => {
  app.get(
    "/events",
    {
      config: { access: "any", apiScope: "events:read", examples: eventFeedExamples.feed },
      schema: {
        tags: ["live"],
        summary:
          "Two uses. With an API key (events:read) or `after`: the pull feed of integration events after a cursor, in order, long-polling up to `wait` seconds (JSON). With a staff or portal session and no `after`: server-sent events for live screens, booking-request.changed and more (text/event-stream)",
        querystring: feedQuery,
        response: {
          200: {
            description: "The feed (application/json), or the live stream for a session (text/event-stream)",
            content: {
              "application/json": { schema: feedSchema },
              // Written by hand on the hijacked reply (below), never through the serializer.
              "text/event-stream": {
                schema: z
                  .string()
                  .describe("Server-sent events: `event: <type>` and `data: <JSON>` per message"),
              },
            },
          },
        },
      },
    },
    async (request, reply) => {
      const key = request.apiKey;
      const actor = request.auth?.actor;
      if (key || request.query.after !== undefined) {
        const reader = key ?? (actor?.kind === "staff" ? actor : null);
        if (!reader) throw new DomainError("forbidden", "The event feed is for the shop and its DMS.");
        // It carries payments and open amounts: staff need what reading an invoice needs.
        if (reader.kind === "staff" && !can(reader.role, "invoices:read")) {
          throw new DomainError("forbidden", "Your role does not allow this. Ask your shop admin.");
        }
        const scope = { organisationId: reader.organisationId, locationId: reader.locationId };
        const after = Number(request.query.after ?? "0");
        const { limit, wait } = request.query;
        const read = async () => {
          const rows = await feedEvents(db, scope, after, limit);
          return {
            events: rows.map((r) => r.payload as z.infer<typeof feedSchema>["events"][number]),
            nextCursor: String(rows.length ? rows[rows.length - 1]!.seq : after),
          };
        };
        if (wait === 0) return read();
        // Subscribed before the first read: an event committed between the read and the wait still wakes it.
        let nudge: () => void = () => {};
        let nudged = false;
        const listener = { kind: "staff", ...scope } as StaffActor;
        const unsubscribe = hub.subscribe(listener, (event) => {
          if (event.type !== "integration-event.recorded") return;
          nudged = true;
          nudge();
        });
        let closed = false;
        const onClose = () => {
          closed = true;
          nudge();
        };
        request.raw.on("close", onClose);
        try {
          const deadline = Date.now() + wait * 1000;
          for (;;) {
            nudged = false;
            const page = await read();
            if (page.events.length > 0 || closed || Date.now() >= deadline) return page;
            await new Promise<void>((resolve) => {
              // An event announced but held back (an older transaction still running) is read again shortly.
              const timer = setTimeout(resolve, Math.min(nudged ? 100 : 30_000, deadline - Date.now()));
              nudge = () => {
                clearTimeout(timer);
                resolve();
              };
              if (nudged) nudge();
            });
            nudge = () => {};
          }
        } finally {
          unsubscribe();
          request.raw.off("close", onClose);
        }
      }
      if (actor?.kind !== "staff" && actor?.kind !== "portal") {
        throw new DomainError("forbidden", "Live updates are for the Pitlane apps.");
      }
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache, no-transform",
        connection: "keep-alive",
        "x-accel-buffering": "no",
      });
      res.write("retry: 2000\nevent: ready\ndata: {}\n\n");
      const unsubscribe = hub.subscribe(actor, (event) => {
        // The feed's wake-up call; screens have nothing to refetch for it.
        if (event.type === "integration-event.recorded") return;
        res.write(
          `event: ${event.type}\ndata: ${JSON.stringify({ id: event.id, status: event.status })}\n\n`,
        );
      });
      // A comment every 25 s keeps proxies from closing an idle stream.
      const heartbeat = setInterval(() => res.write(": keep-alive\n\n"), 25_000);
      request.raw.on("close", () => {
        clearInterval(heartbeat);
        unsubscribe();
      });
    },
  );
};
