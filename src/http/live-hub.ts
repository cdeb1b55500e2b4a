// Fans live events out to the browsers connected to this process. One LISTEN per process; each
// browser gets only what concerns it: staff the events of their location, a portal account those of
// its own customer.

import { type LiveEvent, liveChannel } from "../app/support/live";
import type { PortalActor, StaffActor } from "../domain/actor";

type Subscriber = { actor: StaffActor | PortalActor; send: (event: LiveEvent) => void };

export interface LiveHub {
  subscribe(actor: StaffActor | PortalActor, send: (event: LiveEvent) => void): () => void;
  stop(): Promise<void>;
}

export function concerns(actor: StaffActor | PortalActor, event: LiveEvent): boolean {
  if (event.organisationId !== actor.organisationId || event.locationId !== actor.locationId) return false;
  return actor.kind === "staff" || event.customerId === actor.customerId;
}

export async function startLiveHub(
  listen: (channel: string, onPayload: (payload: string) => void) => Promise<() => Promise<void>>,
): Promise<LiveHub> {
  const subscribers = new Set<Subscriber>();
  const unlisten = await listen(liveChannel, (payload) => {
    let event: LiveEvent;
    try {
      event = JSON.parse(payload) as LiveEvent;
    } catch {
      return;
    }
    for (const s of subscribers) if (concerns(s.actor, event)) s.send(event);
  });
  return {
    subscribe(actor, send) {
      const s = { actor, send };
      subscribers.add(s);
      return () => subscribers.delete(s);
    },
    stop: unlisten,
  };
}
