import { sqlClient } from "./db.server";
import { logger } from "./utils/logger.server";

/**
 * Live updates across processes: writers `pg_notify('thread_events', …)` inside their transaction;
 * every process LISTENs once and fans events out to the readers it serves. postgres.js re-listens
 * after a lost connection by itself.
 */
export type ThreadEvent = { threadId: string; postId: string; position: number };
type Listener = (event: ThreadEvent) => void;

const registry = globalThis as typeof globalThis & {
  __vanguardLive?: { listeners: Map<string, Set<Listener>>; started: boolean };
};
const hub = (registry.__vanguardLive ??= { listeners: new Map(), started: false });

export async function startLiveUpdates() {
  if (hub.started) return;
  hub.started = true;
  await sqlClient().listen("thread_events", (payload) => {
    try {
      const event = JSON.parse(payload) as ThreadEvent;
      for (const listener of hub.listeners.get(event.threadId) ?? []) listener(event);
    } catch (error) {
      logger.warn({ err: error }, "ignored a malformed thread event");
    }
  });
}

/** Subscribes to one thread's events; returns the unsubscribe function. */
export function subscribeToThread(threadId: string, listener: Listener): () => void {
  const set = hub.listeners.get(threadId) ?? new Set<Listener>();
  set.add(listener);
  hub.listeners.set(threadId, set);
  return () => {
    set.delete(listener);
    if (set.size === 0) hub.listeners.delete(threadId);
  };
}
