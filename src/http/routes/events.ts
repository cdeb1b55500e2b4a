// GET /api/v1/events: server-sent events for live screens. The stream carries "something changed"
// nudges; clients refetch what they show, and refetch everything when they (re)connect, so a dropped
// connection never leaves a stale screen.
import type { FastifyPluginAsync } from "fastify";
import type { LiveHub } from "../live-hub";

export const eventRoutes: FastifyPluginAsync<{ hub: LiveHub }> = async (app, { hub }) => {
  app.get(
    "/events",
    {
      config: { access: "any" },
      schema: {
        tags: ["live"],
        summary: "Server-sent events: booking-request.changed and more (text/event-stream)",
      },
    },
    async (request, reply) => {
      const actor = request.auth!.actor;
      if (actor.kind !== "staff" && actor.kind !== "portal") return reply.code(403).send();
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
