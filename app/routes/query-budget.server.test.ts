import { describe, expect, it } from "vitest";
import {
  addTestProposalHistory,
  clearTestRateLimits,
  createTestProposal,
  createTestReply,
  createTestSpace,
  createTestThread,
  createUser,
} from "#db/testing/factories";
import { countQueries } from "#db/testing/query-count";
import { routeContext, signedIn } from "#db/testing/requests";
import { docFromPlainText } from "~/editor/content.server";
import { getPostForViewer } from "~/models/post.server";
import { editPost } from "~/models/post-edit.server";
import { castVote } from "~/models/idea.server";
import { loader as ideasLoader } from "./ideas";
import { loader as historyLoader } from "./p+/$postId.history";
import { loader as searchLoader } from "./search";
import { loader as spaceLoader } from "./spaces+/$slug._index";
import { loader as threadLoader } from "./t+/$threadId";
import { loader as proposalsLoader } from "./proposals+/_index";
import { loader as revisionsLoader } from "./proposals+/$threadId.revisions";
import { endorseProposal } from "~/models/proposal-endorsement.server";
import { notifyAboutNewPost } from "~/models/notification.server";
import { setThreadWatch } from "~/models/thread.server";
import { loader as notificationsLoader } from "./notifications";
import { loader as importPreviewLoader } from "./admin+/accounts.import_.$importId";
import { previewAccountImport } from "~/models/account-import.server";
import { loader as bookmarksLoader } from "./me.bookmarks";
import { loader as draftsLoader } from "./me.drafts";
import { saveBookmark } from "~/models/bookmark.server";
import { saveDraft } from "~/models/draft.server";

const context = routeContext;

async function asMember() {
  const { person: member, get } = await signedIn("member");
  return { member, get };
}

// The architecture's budget: a page's query count does not grow with the number of items on it.
describe("queries per page", () => {
  it("a thread page costs the same with 3 posts as with a full page", async () => {
    const { member, get } = await asMember();
    const space = await createTestSpace();
    const small = await createTestThread(member, space.id, { replies: 2 });
    const large = await createTestThread(member, space.id, { replies: 49 });
    const run = (threadId: string) =>
      threadLoader({ request: get(`/t/${threadId}?page=1`), params: { threadId }, context });
    await run(small.threadId); // warm the session's last-seen update
    const forSmall = await countQueries(() => run(small.threadId));
    const forLarge = await countQueries(() => run(large.threadId));
    expect(forLarge).toBe(forSmall);
    // 6 since the session is read once per request, a post's flag and unread notice come with
    // the posts, and the reactions are read beside them: session, thread, posts, reactions,
    // tags, the reader's bookmarks and draft.
    expect(forLarge).toBeLessThanOrEqual(6);
  });

  it("a page read before costs no write: the read marker and notifications move only for news", async () => {
    const { get } = await asMember();
    const space = await createTestSpace();
    const { threadId } = await createTestThread(await createUser(), space.id, { replies: 40 });
    const run = (page: number) =>
      threadLoader({ request: get(`/t/${threadId}?page=${page}`), params: { threadId }, context });
    await run(1); // the first visit marks page 1 read
    const again = await countQueries(() => run(1));
    const next = await countQueries(() => run(2));
    // Page 2 is news: its read marker moves (one write); page 1 again is not.
    expect(next).toBe(again + 1);
  });

  it("an account import's preview costs the same for 2 accounts as for 300", async () => {
    const { person: admin, get } = await signedIn("admin");
    const header = "External ID,Name,Revenue,Gross profit,Lifetime value,As of";
    const file = (rows: number, prefix: string) =>
      [
        header,
        ...Array.from(
          { length: rows },
          (_, i) => `${prefix}-${i},${prefix} ${i},${i},1,1,2026-09-30`,
        ),
      ].join("\n");
    const small = await previewAccountImport(admin, { name: "s.csv", content: file(2, "qbs") });
    const large = await previewAccountImport(admin, { name: "l.csv", content: file(300, "qbl") });
    const run = (importId: string) =>
      importPreviewLoader({
        request: get(`/admin/accounts/import/${importId}`),
        params: { importId },
        context,
      });
    await run(small);
    expect(await countQueries(() => run(large))).toBe(await countQueries(() => run(small)));
  });

  it("a space's thread list costs the same with 2 threads as with 30", async () => {
    const { member, get } = await asMember();
    const few = await createTestSpace();
    const many = await createTestSpace();
    for (let i = 0; i < 2; i++) await createTestThread(member, few.id);
    for (let i = 0; i < 30; i++) await createTestThread(member, many.id);
    const run = (slug: string) =>
      spaceLoader({ request: get(`/spaces/${slug}`), params: { slug }, context });
    await run(few.slug);
    expect(await countQueries(() => run(many.slug))).toBe(await countQueries(() => run(few.slug)));
  });

  it("the bookmarks and drafts pages cost the same with one item as with thirty", async () => {
    const few = await asMember();
    const many = await asMember();
    const space = await createTestSpace();
    for (const [person, count] of [
      [few.member, 1],
      [many.member, 30],
    ] as const) {
      for (let i = 0; i < count; i++) {
        const { threadId, postId } = await createTestThread(person, space.id);
        await saveBookmark(person, { postId }, { remind: "tomorrow" });
        await saveDraft(person, { place: { kind: "reply", threadId }, body: `Draft ${i}` });
      }
    }
    for (const loader of [bookmarksLoader, draftsLoader]) {
      const run = (get: (path: string) => Request) =>
        loader({ request: get("/me/bookmarks"), params: {}, context });
      await run(few.get);
      await run(many.get);
      expect(await countQueries(() => run(many.get))).toBe(await countQueries(() => run(few.get)));
    }
  });

  it("the notifications page costs the same with one group as with a page of busy ones", async () => {
    const { member, get } = await asMember();
    const writer = await createUser();
    const space = await createTestSpace();
    const busyThread = async (replies: number) => {
      const { threadId } = await createTestThread(writer, space.id);
      await setThreadWatch(member, threadId, true);
      for (let i = 0; i < replies; i++) {
        const { postId } = await createTestReply(writer, threadId, `Reply ${i}`);
        await notifyAboutNewPost({
          actor: writer,
          threadId,
          postId,
          mentionIds: [],
          isNewThread: false,
        });
      }
    };
    const run = () => notificationsLoader({ request: get("/notifications"), params: {}, context });
    await busyThread(1);
    await run();
    const forOne = await countQueries(run);
    for (let i = 0; i < 30; i++) await busyThread(3);
    expect(await countQueries(run)).toBe(forOne);
    expect(forOne).toBeLessThanOrEqual(4);
  });

  it("the ideas board costs the same with 1 idea as with a full page, and an idea page like a thread", async () => {
    const { member, get } = await asMember();
    const few = await createTestSpace({ ideasEnabled: true });
    const many = await createTestSpace({ ideasEnabled: true });
    await createTestThread(member, few.id, { kind: "idea" });
    for (let i = 0; i < 25; i++) {
      const { threadId } = await createTestThread(member, many.id, { kind: "idea" });
      await castVote(await createUser(), threadId, "critical");
    }
    const run = (slug: string) =>
      ideasLoader({ request: get(`/ideas?space=${slug}`), params: {}, context });
    await run(few.slug);
    expect(await countQueries(() => run(many.slug))).toBe(await countQueries(() => run(few.slug)));

    const idea = await createTestThread(member, few.id, { kind: "idea", replies: 3 });
    const plain = await createTestThread(member, few.id, { replies: 3 });
    const open = (threadId: string) =>
      threadLoader({ request: get(`/t/${threadId}?page=1`), params: { threadId }, context });
    await open(plain.threadId);
    await open(idea.threadId);
    // The idea's votes, history, voters and proposals: four more queries, whatever their number.
    expect(await countQueries(() => open(idea.threadId))).toBeLessThanOrEqual(
      (await countQueries(() => open(plain.threadId))) + 4,
    );
  });

  it("a proposal page with 200 revisions and 300 comments costs what a new one does", async () => {
    const { member, get } = await asMember();
    const space = await createTestSpace();
    const fresh = await createTestProposal(member, space.id, { open: true });
    const busy = await createTestProposal(member, space.id, { open: true });
    // 199 more revisions (200 in all) and 300 comments: the budget is about reading them.
    await addTestProposalHistory(busy.threadId, member.id, { revisions: 199, comments: 300 });
    for (let i = 0; i < 5; i++)
      await endorseProposal(await createUser(), busy.threadId, "We'd use it");
    const open = (threadId: string) =>
      threadLoader({ request: get(`/t/${threadId}`), params: { threadId }, context });
    await open(fresh.threadId);
    await open(busy.threadId);
    const forFresh = await countQueries(() => open(fresh.threadId));
    expect(await countQueries(() => open(busy.threadId))).toBe(forFresh);
    // 13 since the reader's bookmarks and draft reply came to every thread page (one query).
    expect(forFresh).toBeLessThanOrEqual(13);

    const history = (threadId: string) =>
      revisionsLoader({
        request: get(`/proposals/${threadId}/revisions`),
        params: { threadId },
        context,
      });
    await history(fresh.threadId);
    expect(await countQueries(() => history(busy.threadId))).toBeLessThanOrEqual(
      (await countQueries(() => history(fresh.threadId))) + 1,
    );

    const list = () => proposalsLoader({ request: get(`/proposals`), params: {}, context });
    await list();
    const forTwo = await countQueries(list);
    for (let i = 0; i < 20; i++) await createTestProposal(member, space.id, { open: true });
    expect(await countQueries(list)).toBe(forTwo);
  });

  it("a search page costs the same for 1 hit as for 20", async () => {
    const { member, get } = await asMember();
    const space = await createTestSpace();
    await createTestThread(member, space.id, { title: "Solitary walrus" });
    for (let i = 0; i < 20; i++)
      await createTestThread(member, space.id, { title: `Common penguin ${i}` });
    const run = (q: string) =>
      searchLoader({ request: get(`/search?q=${q}`), params: {}, context });
    await run("walrus");
    expect(await countQueries(() => run("penguin"))).toBe(await countQueries(() => run("walrus")));
  });

  it("a 50,000-character post edited 100 times opens its history like any page", async () => {
    const { member, get } = await asMember();
    const space = await createTestSpace();
    const { postId } = await createTestThread(member, space.id);
    const base = "All the words of a long post. ".repeat(1_700);
    for (let edit = 1; edit <= 100; edit++) {
      const text = `${base}Edit number ${edit}.`;
      const post = await getPostForViewer(member, postId);
      // A hundred edits in seconds are over anyone's edit rate: the test is about reading them.
      await clearTestRateLimits(member.id, "edit");
      // Content built directly: the test is about the history, not about rendering posts.
      await editPost(member, post!, {
        content: { body: docFromPlainText(text), bodyHtml: "", bodyText: text, mentionIds: [] },
      });
    }
    const run = (page: number) =>
      historyLoader({
        request: get(`/p/${postId}/history?page=${page}`),
        params: { postId },
        context,
      });
    await run(1);
    const before = process.cpuUsage();
    const first = await run(1);
    const cpu = process.cpuUsage(before);
    // Each version's diff was stored when it was saved: the page only reads ten of them.
    expect((cpu.user + cpu.system) / 1000).toBeLessThan(300);
    expect(first.versions).toHaveLength(10);
    expect(first.total).toBe(101);
    expect(first.versions[0].changes).toContainEqual({ text: "100", change: "added" });
    const last = await run(11);
    expect(last.versions.map((version) => version.revision)).toEqual([1]);
    expect(await countQueries(() => run(11))).toBe(await countQueries(() => run(1)));
  });
});
