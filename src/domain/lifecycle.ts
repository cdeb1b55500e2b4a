// Lifecycles are data: a table of (state, event) → next state. `transition` is the only way to move,
// so every allowed move is visible in one place and everything else is a clear domain error.
import { DomainError } from "./errors";

export type TransitionTable<S extends string, E extends string> = Readonly<
  Record<S, Partial<Readonly<Record<E, S>>>>
>;

export function transition<S extends string, E extends string>(
  table: TransitionTable<S, E>,
  what: string,
  state: S,
  event: E,
): S {
  const next = table[state][event];
  if (!next) {
    throw new DomainError(
      "conflict",
      `A ${what} that is ${state.replaceAll("_", " ")} cannot be moved by "${event}".`,
    );
  }
  return next;
}

export function allowedEvents<S extends string, E extends string>(
  table: TransitionTable<S, E>,
  state: S,
): E[] {
  return Object.keys(table[state]) as E[];
}
