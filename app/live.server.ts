import { sql, type SQL } from "drizzle-orm";
import { db, sqlClient } from "./db.server";
import { logger } from "./utils/logger.server";

/**
 * Live updates across processes: writers `pg_notify('thread_events', …)` inside their transaction;
 * every process LISTENs once and fans events out to the readers it serves. postgres.js re-listens
 * after a lost connection by itself. The same channel carries access changes (`AccessChange`), so
 * every process hears them in order with the events around them.
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

/**
 * Who may see what may have changed: the open streams of these people, of these threads and of
 * threads in these spaces check their access again (`everyone`: all streams, when the list would
 * not fit in one notification).
 */
export type AccessChange = {
  userIds?: string[];
  threadIds?: string[];
  spaceIds?: string[];
  everyone?: boolean;
};
type AccessEvent = AccessChange & { type: "access" };
/** An open stream, as access changes find it; its space is read again at each check. */
export type AccessWatcher = {
  userId: string;
  threadId: string;
  spaceId: string;
  onChange: () => void;
};

type Hub = {
  listeners: Map<string, Set<Listener>>;
  watchers?: Set<AccessWatcher>;
  started: boolean;
};
const registry = globalThis as typeof globalThis & { __vanguardLive?: Hub };
const hub: Hub = (registry.__vanguardLive ??= { listeners: new Map(), started: false });
const watchers = (hub.watchers ??= new Set());

export async function startLiveUpdates() {
  if (hub.started) return;
  hub.started = true;
  await sqlClient().listen("thread_events", (payload) => {
    try {
      const event = JSON.parse(payload) as ThreadEvent | AccessEvent;
      if (event.type === "access") {
        for (const watcher of watchers) if (affects(event, watcher)) watcher.onChange();
        return;
      }
      for (const listener of hub.listeners.get(event.threadId) ?? []) listener(event);
    } catch (error) {
      logger.warn({ err: error }, "ignored a malformed thread event");
    }
  });
}

function affects(change: AccessChange, watcher: AccessWatcher): boolean {
  return (
    change.everyone === true ||
    (change.userIds?.includes(watcher.userId) ?? false) ||
    (change.threadIds?.includes(watcher.threadId) ?? false) ||
    (change.spaceIds?.includes(watcher.spaceId) ?? false)
  );
}

// NOTIFY payloads stop at 8000 bytes; a longer list becomes "everyone checks".
const MAX_ACCESS_PAYLOAD = 7_000;

/**
 * Tells every process that access may have changed, so the streams it names check theirs again
 * and close if it is gone. Called by the domain functions that change access (a space's members,
 * roles, suspensions and sessions, co-authors, a thread's space, moderation or stage); inside
 * their transaction when given one, so it is heard only once the change is committed and visible.
 */
export async function publishAccessChange(
  change: AccessChange,
  executor: { execute: (query: SQL) => PromiseLike<unknown> } = db,
): Promise<void> {
  let payload = JSON.stringify({ type: "access", ...change } satisfies AccessEvent);
  if (payload.length > MAX_ACCESS_PAYLOAD)
    payload = JSON.stringify({ type: "access", everyone: true });
  await executor.execute(sql`select pg_notify('thread_events', ${payload})`);
}

/** Calls `watcher.onChange` whenever an access change names it; returns the stop function. */
export function watchAccess(watcher: AccessWatcher): () => void {
  watchers.add(watcher);
  return () => {
    watchers.delete(watcher);
  };
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

/** What an open stream may carry, as its access check answers: null once access is gone. */
export type StreamAccess = { spaceId: string; coauthor: boolean } | null;

const HEARTBEAT_MS = 25_000;
/**
 * How often an open stream checks its access again though nothing announced a change: a backstop
 * for changes no domain function announces (an account's tier moving with the revenue ranking),
 * one query per stream, spread so streams opened together don't check together.
 */
export const ACCESS_RECHECK_MS = 45_000;
// Streams still end after a while, and the browser reconnects (checked afresh), so no connection
// is held forever.
const MAX_STREAM_MS = 10 * 60_000;

/**
 * The server-sent events of one thread for one reader, for as long as they may read it: `post`
 * when a reply is added; on a proposal its co-authors also hear `revision` when it is saved and
 * `presence` when its editors come and go. Access is checked again (`checkAccess`) when an access
 * change names the reader, the thread or its space, and every `recheckMs` besides; once it is
 * gone the stream closes. `release` is called once the stream ends, however it ends.
 */
export function openThreadStream(options: {
  signal: AbortSignal;
  userId: string;
  threadId: string;
  access: NonNullable<StreamAccess>;
  checkAccess: () => Promise<StreamAccess>;
  release: () => void;
  recheckMs?: number;
}): ReadableStream<Uint8Array> {
  const { signal, userId, threadId, checkAccess, release } = options;
  const recheckMs = options.recheckMs ?? ACCESS_RECHECK_MS;
  const encoder = new TextEncoder();
  let access = options.access;
  let closed = false;
  let cleanup = () => {};
  // Events and access checks take turns in the order they arrive: an event that follows an access
  // change is judged by the answer to that change, never by the one before it.
  let turn: Promise<void> = Promise.resolve();
  let checkQueued = false;

  return new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      const deliver = (event: ThreadEvent) => {
        switch (event.type) {
          case undefined:
          case "post":
            send(
              `event: post\ndata: ${JSON.stringify({ postId: event.postId, position: event.position, authorId: event.authorId })}\n\n`,
            );
            return;
          case "revision":
          case "presence": {
            if (!access.coauthor) return;
            const { type, threadId: _, ...rest } = event;
            send(`event: ${type}\ndata: ${JSON.stringify(rest)}\n\n`);
            return;
          }
        }
      };
      const watcher: AccessWatcher = { userId, threadId, spaceId: access.spaceId, onChange: check };
      function check() {
        // A check already waiting its turn will read the change that asked for this one.
        if (closed || checkQueued) return;
        checkQueued = true;
        turn = turn.then(async () => {
          checkQueued = false;
          if (closed) return;
          try {
            const next = await checkAccess();
            // Lost altogether, or no longer a co-author: what this stream was opened to carry no
            // longer holds. Closed; if they still read the thread, the browser reconnects and
            // the new stream carries what they may hear now.
            if (!next || (access.coauthor && !next.coauthor)) return close();
            access = next;
            watcher.spaceId = next.spaceId;
          } catch (error) {
            // Unsure is no: the browser reconnects and the stream is checked from the start.
            logger.warn({ err: error }, "closed a live stream whose access check failed");
            close();
          }
        });
      }

      // Tell the browser to wait 3 s before reconnecting after a drop.
      send("retry: 3000\n\n");
      const unsubscribe = subscribeToThread(threadId, (event) => {
        turn = turn.then(() => deliver(event));
      });
      const unwatch = watchAccess(watcher);
      const heartbeat = setInterval(() => send(": keep-alive\n\n"), HEARTBEAT_MS);
      const expiry = setTimeout(() => close(), MAX_STREAM_MS);
      const spread = () => recheckMs * (0.75 + Math.random() * 0.5);
      let recheck = setTimeout(function again() {
        check();
        recheck = setTimeout(again, spread());
      }, spread());
      // Every way a stream ends (lost access, expiry, the reader leaving, a failed write) comes
      // through here; each step is safe to repeat.
      cleanup = () => {
        closed = true;
        clearInterval(heartbeat);
        clearTimeout(expiry);
        clearTimeout(recheck);
        unsubscribe();
        unwatch();
        release();
      };
      function close() {
        cleanup();
        try {
          controller.close();
        } catch {
          // already closed
        }
      }
      if (signal.aborted) close();
      else signal.addEventListener("abort", close);
    },
    cancel() {
      cleanup();
    },
  });
}
