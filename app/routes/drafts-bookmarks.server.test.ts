import { describe, expect, it } from "vitest";
import { createTestSpace, createTestThread, createUser } from "#db/testing/factories";
import { outcome, routeContext, signedIn } from "#db/testing/requests";
import { getDraft } from "~/models/draft.server";
import { listBookmarks } from "~/models/bookmark.server";
import { action as bookmarksAction, loader as bookmarksLoader } from "./me.bookmarks";
import { action as draftsPageAction, loader as draftsLoader } from "./me.drafts";
import { action as draftsAction } from "./resources+/drafts";
import { loader as threadLoader } from "./t+/$threadId";

const context = routeContext;

describe("drafts and bookmarks through their routes", () => {
  it("saves a draft as the reply box sends it, and the thread page starts from it", async () => {
    const { person, post, get } = await signedIn("member");
    const space = await createTestSpace();
    const { threadId } = await createTestThread(person, space.id);
    const saved = await outcome(() =>
      draftsAction({
        request: post("/resources/drafts", {
          intent: "save-draft",
          place: `reply:${threadId}`,
          body: "Typed on the train",
        }),
        params: {},
        context,
      }),
    );
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ done: "Draft saved." });
    const page = await outcome(() =>
      threadLoader({ request: get(`/t/${threadId}`), params: { threadId }, context }),
    );
    expect(JSON.stringify((page.body as { draft: unknown }).draft)).toContain("Typed on the train");
  });

  it("refuses a place that isn't one, and a draft too large, with words", async () => {
    const { post } = await signedIn("member");
    const bad = await outcome(() =>
      draftsAction({
        request: post("/resources/drafts", { intent: "save-draft", place: "../x", body: "a" }),
        params: {},
        context,
      }),
    );
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain("isn't a place");
  });

  it("another member discards nothing of someone else's through the drafts page", async () => {
    const writer = await createUser();
    const space = await createTestSpace();
    const { threadId } = await createTestThread(writer, space.id);
    const { post: writerPost } = await signedIn(writer);
    await draftsAction({
      request: writerPost("/resources/drafts", {
        intent: "save-draft",
        place: `reply:${threadId}`,
        body: "Mine alone",
      }),
      params: {},
      context,
    });
    const { post, get } = await signedIn("member");
    await draftsPageAction({
      request: post("/me/drafts", { intent: "discard-draft", place: `reply:${threadId}` }),
      params: {},
      context,
    });
    expect(await getDraft(writer, { kind: "reply", threadId })).not.toBeNull();
    const theirs = await outcome(() =>
      draftsLoader({ request: get("/me/drafts"), params: {}, context }),
    );
    expect(JSON.stringify(theirs.body)).not.toContain("Mine alone");
  });

  it("bookmarks from a thread lead back to it; the list shows it; a stranger's id removes nothing", async () => {
    const { person, post, get } = await signedIn("member");
    const space = await createTestSpace();
    const { threadId, postId } = await createTestThread(person, space.id);
    const made = await outcome(() =>
      bookmarksAction({
        request: post(
          `/me/bookmarks?returnTo=${encodeURIComponent(`/t/${threadId}#post-${postId}`)}`,
          {
            intent: "bookmark",
            postId,
            remind: "tomorrow",
          },
        ),
        params: {},
        context,
      }),
    );
    expect(made.status).toBe(302);
    const listed = await outcome(() =>
      bookmarksLoader({ request: get("/me/bookmarks"), params: {}, context }),
    );
    const [bookmark] = (listed.body as { bookmarks: { id: string }[] }).bookmarks;
    expect(bookmark).toBeDefined();
    const stranger = await signedIn("member");
    await bookmarksAction({
      request: stranger.post("/me/bookmarks", {
        intent: "remove-bookmark",
        bookmarkId: bookmark.id,
      }),
      params: {},
      context,
    });
    expect((await listBookmarks(person, 1)).total).toBe(1);
    // Only an address on this site is followed back.
    const away = await outcome(() =>
      bookmarksAction({
        request: post("/me/bookmarks?returnTo=//evil.example", {
          intent: "set-reminder",
          bookmarkId: bookmark.id,
          remind: "none",
        }),
        params: {},
        context,
      }),
    );
    expect(away.status).toBe(200);
  });
});
