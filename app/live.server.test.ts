import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createTestSpace, createTestThread, createUser } from "#db/testing/factories";
import { startSession } from "~/auth/session.server";
import { db } from "~/db.server";
import { MAX_STREAMS_PER_PERSON, startLiveUpdates, subscribeToThread } from "./live.server";
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
