import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { spaceMembers, users } from "#db/schema";
import {
  createTestProposal,
  createTestReply,
  createTestSpace,
  createTestThread,
  createUser,
} from "#db/testing/factories";
import { endSession, startSession } from "~/auth/session.server";
import { db } from "~/db.server";
import { suspendMember } from "~/models/member-moderation.server";
import { readProposalDocument } from "~/models/proposal-document.server";
import { saveProposal } from "~/models/proposal.server";
import { removeCoauthor } from "~/models/proposal-coauthor.server";
import { touchPresence } from "~/models/proposal-presence.server";
import { addSpaceMember, removeSpaceMember } from "~/models/space.server";
import { readStreamAccess } from "~/models/stream-access.server";
import {
  MAX_STREAMS_PER_PERSON,
  openThreadStream,
  startLiveUpdates,
  subscribeToThread,
} from "./live.server";
import { loader as eventsLoader } from "./routes/resources+/threads.$threadId.events";

const context = { cspNonce: "", requestId: "test", clientIp: "127.0.0.1" };

describe("live updates", () => {
  it("closing a stream twice does not drop another reader's updates", async () => {
    await startLiveUpdates();
    const threadId = "00000000-0000-4000-8000-00000000abcd";
    const first = subscribeToThread(threadId, () => {});
    first();
    const received = new Promise<number>((resolve) =>
      subscribeToThread(threadId, (event) => resolve("position" in event ? event.position : -1)),
    );
    first();
    await db.execute(
      sql`select pg_notify('thread_events', ${JSON.stringify({ threadId, postId: threadId, position: 7 })})`,
    );
    expect(await received).toBe(7);
  });

  it("caps the streams one person can hold open, and frees one when it closes", async () => {
    const member = await createUser();
    const space = await createTestSpace();
    const { threadId } = await createTestThread(member, space.id);
    const cookie = (await startSession(member.id)).split(";")[0];
    const open = () => {
      const controller = new AbortController();
      const request = new Request(`http://localhost/resources/threads/${threadId}/events`, {
        headers: { Cookie: cookie },
        signal: controller.signal,
      });
      return { controller, response: eventsLoader({ request, params: { threadId }, context }) };
    };
    const streams = [];
    for (let i = 0; i < MAX_STREAMS_PER_PERSON; i++) {
      const stream = open();
      expect((await stream.response).status).toBe(200);
      streams.push(stream);
    }
    const refused = await open().response.catch((error: unknown) => error);
    expect(refused).toMatchObject({ init: { status: 429 } });
    // Closing the same stream twice frees exactly one place.
    streams[0].controller.abort();
    streams[0].controller.abort();
    expect((await open().response).status).toBe(200);
    expect(await open().response.catch((error: unknown) => error)).toMatchObject({
      init: { status: 429 },
    });
    for (const stream of streams) stream.controller.abort();
  });
});

/** Long enough for a busy machine, far short of the ten minutes a stream used to outlive access. */
const PROMPTLY = { timeout: 5_000, interval: 20 };
/** For events that must arrive: generous, since waiting costs nothing when they do. */
const EVENTUALLY = { timeout: 15_000, interval: 20 };

type Person = {
  id: string;
  role: "member" | "moderator" | "staff" | "admin";
  accountId: string | null;
};

/** Opens a thread's event stream as the browser would and reads it as it arrives. */
async function openStream(person: Person, threadId: string, cookie?: string) {
  cookie ??= (await startSession(person.id)).split(";")[0];
  const controller = new AbortController();
  const request = new Request(`http://localhost/resources/threads/${threadId}/events`, {
    headers: { Cookie: cookie },
    signal: controller.signal,
  });
  const response = await eventsLoader({ request, params: { threadId }, context });
  expect(response.status).toBe(200);
  return { ...read(response.body!), abort: () => controller.abort(), cookie };
}

function read(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const state = { text: "", closed: false };
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return void (state.closed = true);
      state.text += decoder.decode(value, { stream: true });
    }
  })();
  return {
    state,
    /** The stream's events of one type, as their data. */
    events: (type: string) =>
      [...state.text.matchAll(new RegExp(`event: ${type}\ndata: (.*)\n`, "g"))].map(
        (match) => JSON.parse(match[1]) as Record<string, unknown>,
      ),
  };
}

async function save(author: Person, threadId: string, baseRevision: number, problem: string) {
  const document = readProposalDocument({
    problem: { text: problem },
    proposal: { text: "Schedule them." },
  });
  if (!document.ok) throw new Error("bad test document");
  const saved = await saveProposal(author, threadId, {
    baseRevision,
    title: "Scheduled exports",
    sections: document.sections,
  });
  expect(saved.status).toBe("saved");
  return saved.revision;
}

async function handleOf(person: Person) {
  const [row] = await db
    .select({ handle: users.handle })
    .from(users)
    .where(eq(users.id, person.id));
  return row.handle;
}

describe("open live streams last only as long as access to their thread", () => {
  beforeAll(async () => {
    await startLiveUpdates();
  });

  it("a removed co-author hears no more revisions or editors, and their stream closes", async () => {
    const space = await createTestSpace();
    const author = await createUser();
    const coauthor = await createUser();
    const { threadId } = await createTestProposal(author, space.id, {
      coauthors: [coauthor],
      open: true,
    });
    const stream = await openStream(coauthor, threadId);
    try {
      // While a co-author, they hear saves and who is editing.
      const second = await save(author, threadId, 1, "Exports are manual and slow.");
      await touchPresence(author, threadId, true);
      await vi.waitFor(() => {
        expect(stream.events("revision").map((event) => event.revision)).toContain(second);
        expect(stream.events("presence").length).toBeGreaterThan(0);
      }, EVENTUALLY);
      const presenceBefore = stream.events("presence").length;

      await removeCoauthor(author, threadId, coauthor.id);
      const removedAt = Date.now();
      // Saved and edited right after: these follow the removal on the channel.
      const third = await save(author, threadId, second, "Exports are manual, slow and late.");
      await touchPresence(author, threadId, true);

      await vi.waitFor(() => expect(stream.state.closed).toBe(true), PROMPTLY);
      expect(Date.now() - removedAt).toBeLessThan(PROMPTLY.timeout);
      expect(stream.events("revision").map((event) => event.revision)).not.toContain(third);
      expect(stream.events("presence")).toHaveLength(presenceBefore);
    } finally {
      stream.abort();
    }
  });

  it("a reader who doesn't co-author a proposal hears its replies, not its revisions or editors", async () => {
    const space = await createTestSpace();
    const author = await createUser();
    const reader = await createUser();
    const { threadId } = await createTestProposal(author, space.id, { open: true });
    const stream = await openStream(reader, threadId);
    try {
      await save(author, threadId, 1, "Exports are manual and slow.");
      await touchPresence(author, threadId, true);
      const reply = await createTestReply(author, threadId, "Saved a new revision.");
      // The reply follows the save and the presence on the channel: once it is here, so are they.
      await vi.waitFor(
        () => expect(stream.events("post").map((event) => event.postId)).toContain(reply.postId),
        EVENTUALLY,
      );
      expect(stream.events("revision")).toEqual([]);
      expect(stream.events("presence")).toEqual([]);
      expect(stream.state.closed).toBe(false);
    } finally {
      stream.abort();
    }
  });

  it("a member taken off a private space has their open thread stream closed at once", async () => {
    const space = await createTestSpace({ visibility: "private" });
    const member = await createUser();
    const colleague = await createUser();
    await addSpaceMember(space.admin, space.id, await handleOf(member));
    await addSpaceMember(space.admin, space.id, await handleOf(colleague));
    const { threadId } = await createTestThread(colleague, space.id);
    const stream = await openStream(member, threadId);
    try {
      const before = await createTestReply(colleague, threadId, "Before the change.");
      await vi.waitFor(
        () => expect(stream.events("post").map((event) => event.postId)).toContain(before.postId),
        EVENTUALLY,
      );

      await removeSpaceMember(space.admin, space.id, member.id);
      const removedAt = Date.now();
      const after = await createTestReply(colleague, threadId, "After the change.");

      await vi.waitFor(() => expect(stream.state.closed).toBe(true), PROMPTLY);
      expect(Date.now() - removedAt).toBeLessThan(PROMPTLY.timeout);
      expect(stream.events("post").map((event) => event.postId)).not.toContain(after.postId);
    } finally {
      stream.abort();
    }
  });

  it("a suspended member's open thread stream closes at once", async () => {
    const space = await createTestSpace();
    const member = await createUser();
    const author = await createUser();
    const moderator = await createUser({ role: "moderator" });
    const { threadId } = await createTestThread(author, space.id);
    const stream = await openStream(member, threadId);
    try {
      await suspendMember(moderator, member.id, { reason: "Spam", until: null });
      const suspendedAt = Date.now();
      const after = await createTestReply(author, threadId, "After the suspension.");

      await vi.waitFor(() => expect(stream.state.closed).toBe(true), PROMPTLY);
      expect(Date.now() - suspendedAt).toBeLessThan(PROMPTLY.timeout);
      expect(stream.events("post").map((event) => event.postId)).not.toContain(after.postId);
    } finally {
      stream.abort();
    }
  });

  it("signing out closes that session's streams and leaves the person's other sessions' open", async () => {
    const space = await createTestSpace();
    const member = await createUser();
    const { threadId } = await createTestThread(member, space.id);
    const ending = await openStream(member, threadId);
    const other = await openStream(member, threadId);
    try {
      await endSession(
        new Request("http://localhost/logout", { headers: { Cookie: ending.cookie } }),
      );
      await vi.waitFor(() => expect(ending.state.closed).toBe(true), PROMPTLY);
      // The other session's stream was checked too, and still carries replies.
      const reply = await createTestReply(member, threadId, "Still here.");
      await vi.waitFor(
        () => expect(other.events("post").map((event) => event.postId)).toContain(reply.postId),
        EVENTUALLY,
      );
      expect(other.state.closed).toBe(false);
    } finally {
      ending.abort();
      other.abort();
    }
  });

  it("checks again on its own, so a change nobody announced still closes the stream", async () => {
    const space = await createTestSpace({ visibility: "private" });
    const member = await createUser();
    await addSpaceMember(space.admin, space.id, await handleOf(member));
    const { threadId } = await createTestThread(member, space.id);
    const cookie = (await startSession(member.id)).split(";")[0];
    const sessionId = cookie.split("=")[1];
    const checkAccess = () => readStreamAccess(sessionId, member, threadId);
    const access = await checkAccess();
    expect(access).not.toBeNull();
    const controller = new AbortController();
    const stream = read(
      openThreadStream({
        signal: controller.signal,
        userId: member.id,
        threadId,
        access: access!,
        checkAccess,
        release: () => {},
        recheckMs: 200,
      }),
    );
    try {
      // Straight into the table, past the domain function that would announce it.
      await db
        .delete(spaceMembers)
        .where(and(eq(spaceMembers.spaceId, space.id), eq(spaceMembers.userId, member.id)));
      await vi.waitFor(() => expect(stream.state.closed).toBe(true), PROMPTLY);
    } finally {
      controller.abort();
    }
  });
});
