import { eventHandler, type EventHandler } from '@tradepilot/messaging';

/**
 * The consumer runs one handler per event type; several reactions to one type run in order in
 * it. Each reaction is idempotent on its own, so a retry after a later one failed is harmless.
 */
export function combineReactions(reactions: EventHandler[]): EventHandler[] {
  const byType = new Map<string, EventHandler[]>();
  for (const r of reactions) byType.set(r.event.type, [...(byType.get(r.event.type) ?? []), r]);
  return [...byType.values()].map((list) =>
    list.length === 1
      ? (list[0] as EventHandler)
      : eventHandler((list[0] as EventHandler).event, async (event, meta) => {
          for (const r of list) await r.handle(event as never, meta);
        }),
  );
}
