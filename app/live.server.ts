import { sqlClient } from "./db.server";
import { logger } from "./utils/logger.server";

/**
 * Live updates across processes: writers `pg_notify('thread_events', …)` inside their transaction;
 * every process LISTENs once and fans events out to the readers it serves. postgres.js re-listens
 * after a lost connection by itself.
 */
export type PostEvent = {
  type?: "post";
  threadId: string;
  postId: string;
  position: number;
  authorId: string;
};
/** A proposal was saved: editors with an older revision open are told. */
export type RevisionEvent = {
  type: "revision";
  threadId: string;
  revision: number;
  authorId: string;
  authorName: string;
};
/** Who has a proposal's editor open changed. */
export type PresenceEvent = {
  type: "presence";
  threadId: string;
  editors: { id: string; name: string }[];
};
export type ThreadEvent = PostEvent | RevisionEvent | PresenceEvent;
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

/** Subscribes to one thread's events; returns the unsubscribe function, safe to call twice. */
export function subscribeToThread(threadId: string, listener: Listener): () => void {
  const set = hub.listeners.get(threadId) ?? new Set<Listener>();
  set.add(listener);
  hub.listeners.set(threadId, set);
  let subscribed = true;
  return () => {
    if (!subscribed) return;
    subscribed = false;
    set.delete(listener);
    // Only if the map still holds this set: a later subscriber may have started a new one.
    if (set.size === 0 && hub.listeners.get(threadId) === set) hub.listeners.delete(threadId);
  };
}

/** Open live streams per person in this process: a few tabs each, not a flood of connections. */
export const MAX_STREAMS_PER_PERSON = 8;
const streamsByPerson = new Map<string, number>();

/**
 * Reserves one of the person's live streams; returns its release function (safe to call twice),
 * or null when they already have the maximum open.
 */
export function reserveStream(userId: string): (() => void) | null {
  const open = streamsByPerson.get(userId) ?? 0;
  if (open >= MAX_STREAMS_PER_PERSON) return null;
  streamsByPerson.set(userId, open + 1);
  let held = true;
  return () => {
    if (!held) return;
    held = false;
    const left = (streamsByPerson.get(userId) ?? 1) - 1;
    if (left > 0) streamsByPerson.set(userId, left);
    else streamsByPerson.delete(userId);
  };
}
