import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { notifications, threads } from "#db/schema";
import {
  createAccount,
  createTestProposal,
  createTestReply,
  createTestSpace,
  createTestThread,
  createUser,
  emailsTo,
} from "#db/testing/factories";
import { outcome, routeContext, signedIn } from "#db/testing/requests";
import type { Viewer } from "~/auth/policy.server";
import { db } from "~/db.server";
import { loader as profileLoader } from "~/routes/u.$handle";
import { loader as similarIdeasLoader } from "~/routes/resources+/similar-ideas";
import { addEvidence, createBacklogItem, linkEvidence } from "./backlog.server";
import { setBacklogStatus } from "./backlog-status.server";
import { holdNewContent, moderateContent } from "./content-moderation.server";
import { getFirstRun, setWelcomeThread } from "./first-run.server";
import { listIdeasBoard } from "./idea.server";
import { listProxyVotesFor, recordProxyVote } from "./idea-proxy-vote.server";
import { suggestSimilarIdeas } from "./idea-similar.server";
import { sendNotificationEmail } from "./notification-email.server";
import { notifyAboutBacklogItem } from "./notification.server";
import { countUnreadNotifications, listNotificationGroups } from "./notification-inbox.server";
import { getProposal } from "./proposal.server";
import { addSpaceMember, removeSpaceMember } from "./space.server";

// Issue 19, "one visibility rule per thing": every list of threads, ideas and proposals (and
// everything that names one) passes the thread rule, not only the rule of the thread's space.

const ids = (rows: { id: string }[]) => rows.map((row) => row.id).sort();

describe("the idea board and similar-idea suggestions (hole 5)", () => {
  it("leave out held, hidden and removed ideas for everyone but their author and moderators", async () => {
    const space = await createTestSpace({ ideasEnabled: true });
    const author = await createUser();
    const moderator = await createUser({ role: "moderator" });
    const idea = (title: string) =>
      createTestThread(author, space.id, {
        kind: "idea",
        title: `Quarterly invoice export ${title}`,
        body: `Export invoices ${title}.`,
      });
    const shown = await idea("as a spreadsheet");
    const hidden = await idea("hidden by a moderator");
    const removed = await idea("removed by a moderator");
    const held = await idea("held for review");
    await moderateContent(moderator, hidden.postId, "hide", "Off-topic");
    await moderateContent(moderator, removed.postId, "remove", "Spam");
    await holdNewContent(
      { postId: held.postId, position: 1, threadId: held.threadId, authorId: author.id },
      "A watched word",
    );
    const board = (viewer: Viewer) =>
      listIdeasBoard(viewer, { sort: "new", spaceSlug: space.slug, page: 1 });

    const reader = await createUser();
    const seen = await board(reader);
    expect(ids(seen.ideas)).toEqual([shown.threadId]);
    expect(seen.total).toBe(1);
    expect(ids(await suggestSimilarIdeas(reader, "Quarterly invoice export"))).toEqual([
      shown.threadId,
    ]);
    // The suggestions the new-idea form fetches are the same list.
    const asker = await signedIn("member");
    const answer = await outcome(() =>
      similarIdeasLoader({
        request: asker.get("/resources/similar-ideas?q=Quarterly%20invoice%20export"),
        params: {},
        context: routeContext,
      }),
    );
    expect(ids((answer.body as { ideas: { id: string }[] }).ideas)).toEqual([shown.threadId]);

    // Its author still finds a held or hidden idea (its page says why), never a removed one.
    expect(ids((await board(author)).ideas)).toEqual(
      [shown.threadId, hidden.threadId, held.threadId].sort(),
    );
    const moderated = await board(moderator);
    expect(moderated.total).toBe(4);
  });
});

describe("a proposal's source idea (hole 9)", () => {
  it("is named only to readers who may see that idea", async () => {
    const secret = await createTestSpace({ ideasEnabled: true, visibility: "private" });
    const open = await createTestSpace();
    const staff = await createUser({ role: "staff" });
    const idea = await createTestThread(staff, secret.id, {
      kind: "idea",
      title: "Acquire the competitor's customers",
    });
    const proposal = await createTestProposal(staff, open.id, {
      sourceIdeaId: idea.threadId,
      open: true,
    });
    const member = await createUser();
    const forMember = await getProposal(member, proposal.threadId);
    expect(forMember?.stage).toBe("open");
    expect(forMember?.sourceIdea).toBeNull();
    expect((await getProposal(staff, proposal.threadId))?.sourceIdea).toEqual({
      id: idea.threadId,
      title: "Acquire the competitor's customers",
    });

    // Inside a space the reader sees, a removed source idea is not named either.
    const visible = await createTestSpace({ ideasEnabled: true });
    const other = await createTestThread(await createUser(), visible.id, {
      kind: "idea",
      title: "Spam idea",
    });
    const fromOther = await createTestProposal(staff, open.id, {
      sourceIdeaId: other.threadId,
      open: true,
    });
    expect((await getProposal(member, fromOther.threadId))?.sourceIdea?.title).toBe("Spam idea");
    await moderateContent(await createUser({ role: "moderator" }), other.postId, "remove", "Spam");
    expect((await getProposal(member, fromOther.threadId))?.sourceIdea).toBeNull();
  });
});

describe("backlog notifications (hole 12)", () => {
  it("name only threads the member can still see, in the list, new notifications and emails", async () => {
    const space = await createTestSpace({ visibility: "private" });
    const staff = await createUser({ role: "staff" });
    const member = await createUser({ accountId: (await createAccount()).id });
    await addSpaceMember(space.admin, space.id, member.handle);
    const thread = await createTestThread(staff, space.id, { title: "Carrier rates" });
    const reply = await createTestReply(member, thread.threadId, "We need carrier rates here.");
    const itemId = await createBacklogItem(
      staff,
      {
        title: "Carrier rate import",
        description: null,
        ownerId: null,
        target: "Q3",
        externalUrl: null,
        isPublic: false,
        tagIds: [],
      },
      null,
    );
    // Asked for credit for their reply, then told the item is planned.
    await addEvidence(staff, itemId, { postId: reply.postId });
    expect(await setBacklogStatus(staff, itemId, "planned")).toMatchObject({ told: 1 });
    const before = await listNotificationGroups(member, 1);
    expect(before.groups.map((n) => n.kind).sort()).toEqual(["backlog_update", "credit_request"]);
    expect(before.groups[0].details?.contributions).toEqual([
      { via: "post", threadTitle: "Carrier rates", postId: reply.postId },
    ]);
    const [update] = await db
      .select({ id: notifications.id })
      .from(notifications)
      .where(and(eq(notifications.userId, member.id), eq(notifications.kind, "backlog_update")));

    await removeSpaceMember(space.admin, space.id, member.id);
    await db
      .update(threads)
      .set({ title: "Carrier rates: acquisition" })
      .where(eq(threads.id, thread.threadId));

    // Nothing they were told names the thread any more, nor counts as unread.
    const after = await listNotificationGroups(member, 1);
    expect(JSON.stringify(after)).not.toContain("Carrier rates");
    expect(after.total).toBe(0);
    expect(await countUnreadNotifications(member)).toBe(0);
    // The email not sent yet isn't sent.
    expect(await sendNotificationEmail(update.id)).toBe(false);
    // A new status change tells them nothing, and emails nothing.
    expect(await setBacklogStatus(staff, itemId, "in_progress")).toMatchObject({ told: 0 });
    const rows = await db
      .select({ details: notifications.details })
      .from(notifications)
      .where(eq(notifications.userId, member.id));
    expect(JSON.stringify(rows)).not.toContain("acquisition");
    expect(JSON.stringify(await emailsTo(member.email))).not.toContain("Carrier rates");
  });

  it("keep the contributions still in sight when only some are out of it", async () => {
    const open = await createTestSpace();
    const secret = await createTestSpace({ visibility: "private" });
    const staff = await createUser({ role: "staff" });
    const member = await createUser({ accountId: (await createAccount()).id });
    await addSpaceMember(secret.admin, secret.id, member.handle);
    const seen = await createTestThread(member, open.id, {
      title: "Export to CSV",
      body: "As a spreadsheet.",
    });
    const unseen = await createTestThread(member, secret.id, {
      title: "Export to the rival",
      body: "To their format.",
    });
    const itemId = await createBacklogItem(
      staff,
      {
        title: "Exports",
        description: null,
        ownerId: null,
        target: "Q3",
        externalUrl: null,
        isPublic: false,
        tagIds: [],
      },
      null,
    );
    // Asked for credit for both while they could see both; told it shipped after leaving one.
    await linkEvidence(staff, itemId, [{ threadId: seen.threadId }, { threadId: unseen.threadId }]);
    await removeSpaceMember(secret.admin, secret.id, member.id);
    expect(await setBacklogStatus(staff, itemId, "shipped")).toMatchObject({ told: 1 });
    const csv = { via: "author", threadTitle: "Export to CSV", postId: seen.postId };
    const { groups: list } = await listNotificationGroups(member, 1);
    expect(list.map((n) => [n.kind, n.details?.contributions])).toEqual([
      ["backlog_update", [csv]],
      ["credit_request", [csv]],
    ]);
    for (const notification of list)
      expect(await sendNotificationEmail(notification.newestId)).toBe(true);
    const emails = await emailsTo(member.email);
    expect(emails).toHaveLength(2);
    for (const email of emails) {
      expect(email.text).toContain("Export to CSV");
      expect(JSON.stringify(email)).not.toContain("rival");
    }

    // Whoever asks, a notification is made only of what its reader can see.
    const unseenOnly = {
      via: "author" as const,
      threadTitle: "Export to the rival",
      postId: unseen.postId,
    };
    const told = await notifyAboutBacklogItem({
      actor: staff,
      itemId,
      kind: "backlog_update",
      recipients: [
        { userId: member.id, details: { status: "shipped", contributions: [unseenOnly] } },
      ],
    });
    expect(told).toEqual([]);
  });
});

describe("proxy votes on a member's own profile (hole 14)", () => {
  it("list only ideas the member can still see", async () => {
    const space = await createTestSpace({ ideasEnabled: true, visibility: "private" });
    const staff = await createUser({ role: "staff" });
    const customer = await createUser();
    await addSpaceMember(space.admin, space.id, customer.handle);
    const idea = await createTestThread(staff, space.id, { kind: "idea", title: "Bulk refunds" });
    await recordProxyVote(staff, idea.threadId, {
      person: customer.handle,
      importance: "critical",
      note: "Renewal at risk, said the CFO",
    });
    expect(await listProxyVotesFor(customer)).toMatchObject([{ ideaId: idea.threadId }]);

    await removeSpaceMember(space.admin, space.id, customer.id);
    expect(await listProxyVotesFor(customer)).toEqual([]);
    const me = await signedIn(customer);
    const page = await outcome(() =>
      profileLoader({
        request: me.get(`/u/${customer.handle}`),
        params: { handle: customer.handle },
        context: routeContext,
      }),
    );
    expect(page.status).toBe(200);
    expect(JSON.stringify(page.body)).not.toContain("Renewal at risk");

    // Nor an idea a moderator has since hidden.
    const open = await createTestSpace({ ideasEnabled: true });
    const other = await createTestThread(await createUser(), open.id, {
      kind: "idea",
      title: "Dark mode",
    });
    await recordProxyVote(staff, other.threadId, {
      person: customer.handle,
      importance: "important",
      note: "From the call",
    });
    expect(await listProxyVotesFor(customer)).toHaveLength(1);
    await moderateContent(await createUser({ role: "moderator" }), other.postId, "hide", "Dup");
    expect(await listProxyVotesFor(customer)).toEqual([]);
  });
});

describe("the welcome's thread (the class: everything that names a thread)", () => {
  it("is pointed to only while it passes the thread rule", async () => {
    const host = await createUser({ role: "admin" });
    const lounge = await createTestSpace();
    const author = await createUser();
    const welcome = await createTestThread(author, lounge.id, { title: "Say hello here" });
    await setWelcomeThread(host, welcome.threadId);
    const member = await createUser();
    expect((await getFirstRun(member))?.welcomeThread?.title).toBe("Say hello here");
    await moderateContent(
      await createUser({ role: "moderator" }),
      welcome.postId,
      "remove",
      "Spam",
    );
    expect(await getFirstRun(member)).toMatchObject({
      welcomeThread: null,
      steps: { introduce: null },
    });
  });
});
