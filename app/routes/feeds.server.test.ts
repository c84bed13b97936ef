import { parseFeed } from "@rowanmanning/feed-parser";
import { describe, expect, it } from "vitest";
import {
  createTestSpace,
  createTestThread,
  createUser,
  hideTestThread,
  setTestPerson,
} from "#db/testing/factories";
import { outcome, routeContext as context, signedIn } from "#db/testing/requests";
import { endAllSessionsOf } from "~/auth/session.server";
import { getFeedKey, resetFeedKey, turnOffFeeds, turnOnFeeds } from "~/models/feed.server";
import { addSpaceMember } from "~/models/space.server";
import { loader as activityLoader } from "./feeds.$key.activity[.]atom";
import { loader as changelogLoader } from "./feeds.$key.changelog[.]atom";
import { loader as spaceLoader } from "./feeds.$key.spaces.$slug[.]atom";
import { loader as threadLoader } from "./feeds.$key.threads.$threadId[.]atom";
import { action, loader } from "./settings_.feeds";

/** Fetches a feed as a feed reader does: no cookie, only the address. */
async function read(
  route: (args: never) => Promise<Response>,
  params: Record<string, string>,
): Promise<{ status: number; text: string }> {
  const request = new Request("http://localhost/feeds/x");
  try {
    const response = await route({ request, params, context } as never);
    return { status: response.status, text: await response.text() };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, text: await thrown.text() };
    throw thrown;
  }
}

async function readerWithFeeds(role: "member" | "moderator" | "staff" = "member") {
  const person = await createUser({ role });
  await turnOnFeeds(person);
  return { person, key: (await getFeedKey(person))! };
}

describe("private feeds", () => {
  it("serve a member exactly what they may read, parsed cleanly by a feed parser", async () => {
    const open = await createTestSpace({ name: "Open lounge" });
    const secret = await createTestSpace({ visibility: "private", name: "Board room" });
    const author = await createUser();
    const visible = await createTestThread(author, open.id, {
      title: "Quarter close tips",
      body: "Close the books on day three <script>alert(1)</script>",
    });
    const hidden = await createTestThread(author, secret.id, { title: "Acquisition plans" });
    const held = await createTestThread(author, open.id, { title: "Spam for everyone" });
    await hideTestThread(held.threadId);

    for (const role of ["member", "moderator", "staff"] as const) {
      const { key } = await readerWithFeeds(role);
      const activity = await read(activityLoader, { key });
      expect(activity.status).toBe(200);
      const feed = parseFeed(activity.text);
      const titles = feed.items.map((item) => item.title);
      expect(titles).toContain("Quarter close tips (Open lounge)");
      // Staff see every space; nobody's feed carries hidden content.
      expect(titles.includes("Acquisition plans (Board room)")).toBe(role === "staff");
      expect(titles.some((title) => title?.startsWith("Spam for everyone"))).toBe(false);
      expect(activity.text).not.toContain("<script>");
    }

    const { person, key } = await readerWithFeeds();
    expect((await read(spaceLoader, { key, slug: secret.slug })).status).toBe(404);
    expect((await read(threadLoader, { key, threadId: hidden.threadId })).status).toBe(404);
    const spaceFeed = parseFeed((await read(spaceLoader, { key, slug: open.slug })).text);
    expect(spaceFeed.title).toBe("Vanguard: Open lounge");
    const threadFeed = parseFeed(
      (await read(threadLoader, { key, threadId: visible.threadId })).text,
    );
    expect(threadFeed.items[0].title).toBe("Quarter close tips");
    expect(parseFeed((await read(changelogLoader, { key })).text).title).toBe("Vanguard changelog");

    // Let into the private space, the member's feed follows at once.
    await addSpaceMember(secret.admin, secret.id, person.handle);
    expect((await read(threadLoader, { key, threadId: hidden.threadId })).status).toBe(200);
  });

  it("stop answering a made-up, reset or turned-off address, or a suspended member's", async () => {
    const { person, key } = await readerWithFeeds();
    expect((await read(activityLoader, { key: `${person.id}.${"A".repeat(43)}` })).status).toBe(
      404,
    );
    expect((await read(activityLoader, { key: "garbage" })).status).toBe(404);

    await resetFeedKey(person);
    expect((await read(activityLoader, { key })).status).toBe(404);
    const fresh = (await getFeedKey(person))!;
    expect(fresh).not.toBe(key);
    expect((await read(activityLoader, { key: fresh })).status).toBe(200);

    // Signed out everywhere (a password change or reset): the addresses change too.
    await endAllSessionsOf(person.id);
    expect((await read(activityLoader, { key: fresh })).status).toBe(404);

    const other = await readerWithFeeds();
    await setTestPerson(other.person.id, { status: "suspended" });
    expect((await read(activityLoader, { key: other.key })).status).toBe(404);

    const third = await readerWithFeeds();
    await turnOffFeeds(third.person);
    expect((await read(activityLoader, { key: third.key })).status).toBe(404);
    // On again: new addresses; the one that was turned off never comes back.
    await turnOnFeeds(third.person);
    const renewed = (await getFeedKey(third.person))!;
    expect(renewed).not.toBe(third.key);
    expect((await read(activityLoader, { key: third.key })).status).toBe(404);
    expect((await read(activityLoader, { key: renewed })).status).toBe(200);
  });

  it("stay readable whatever characters a member puts in a title or a name", async () => {
    const space = await createTestSpace({ name: "Odd names" });
    const author = await createUser({ displayName: "O'Brien & Sons\u0001" });
    await createTestThread(author, space.id, { title: "Bell\u0007 and form\u000c feed" });
    const { key } = await readerWithFeeds();
    const feed = await read(spaceLoader, { key, slug: space.slug });
    const parsed = parseFeed(feed.text);
    expect(parsed.items[0].title).toBe("Bell and form feed");
    expect(parsed.items[0].authors[0].name).toBe("O'Brien & Sons");
  });

  it("are turned on, renewed and off from the feeds page, only for the person signed in", async () => {
    const me = await signedIn("member");
    const off = await outcome(() =>
      loader({ request: me.get("/settings/feeds"), params: {}, context }),
    );
    expect(off.body).toEqual({ on: false });
    await outcome(() =>
      action({ request: me.post("/settings/feeds", { intent: "on" }), params: {}, context }),
    );
    const on = await outcome(() =>
      loader({ request: me.get("/settings/feeds"), params: {}, context }),
    );
    const key = (await getFeedKey(me.person))!;
    expect(JSON.stringify(on.body)).toContain(`/feeds/${key}/activity.atom`);
    const bad = await outcome(() =>
      action({ request: me.post("/settings/feeds", { intent: "steal" }), params: {}, context }),
    );
    expect(bad.status).toBe(400);
    await outcome(() =>
      action({ request: me.post("/settings/feeds", { intent: "off" }), params: {}, context }),
    );
    expect(await getFeedKey(me.person)).toBeNull();
  });
});
