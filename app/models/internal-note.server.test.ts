import { describe, expect, it } from "vitest";
import { internalNotes } from "#db/schema";
import {
  createAccount,
  createTestSpace,
  createTestThread,
  createUser,
} from "#db/testing/factories";
import { db } from "~/db.server";
import { routeContext, signedIn } from "#db/testing/requests";
import { action as threadAction, loader as threadLoader } from "~/routes/t+/$threadId";
import { startLiveUpdates, subscribeToThread } from "~/live.server";
import { INTERNAL_NOTES_SHOWN, listInternalNotes } from "./internal-note.server";
import { countUnreadNotifications, listNotificationGroups } from "./notification-inbox.server";
import { getProfile } from "./profile.server";
import { searchPosts } from "./search.server";
import { getThreadForViewer } from "./thread.server";

const context = routeContext;
const SECRET = "Renewal risk: procurement froze their budget";

/** Someone on a thread page: reading it (its data, as text) and posting its forms. */
async function as(person: { id: string }) {
  const session = await signedIn(person);
  return {
    open: async (threadId: string) =>
      JSON.stringify(
        await threadLoader({
          request: session.get(`/t/${threadId}`),
          params: { threadId },
          context,
        }),
      ),
    post: (threadId: string, fields: Record<string, string>) =>
      threadAction({
        request: session.post(`/t/${threadId}`, fields),
        params: { threadId },
        context,
      }),
  };
}

function noteMentioning(people: { id: string; handle: string }[], text: string) {
  return JSON.stringify({
    type: "doc",
    content: [
      {
        type: "paragraph",
        content: [
          ...people.map((person) => ({
            type: "mention",
            attrs: { id: person.id, label: person.handle },
          })),
          { type: "text", text: ` ${text}` },
        ],
      },
    ],
  });
}

describe("internal notes", () => {
  it("reach staff only: never a member's page, search, profile, notifications or counts", async () => {
    const space = await createTestSpace();
    const member = await createUser({ displayName: "Member Mo" });
    const moderator = await createUser({ role: "moderator" });
    const staff = await createUser({ role: "staff", displayName: "Staff Sue" });
    const colleague = await createUser({ role: "staff", displayName: "Staff Colleague" });
    const admin = await createUser({ role: "admin" });
    const { threadId } = await createTestThread(member, space.id, { title: "Exports" });

    const result = await (
      await as(staff)
    ).post(threadId, {
      intent: "add-note",
      noteJson: noteMentioning([colleague, member], SECRET),
    });
    expect(JSON.stringify(result)).not.toContain("error");

    // Staff and admins read it on the page; members and moderators get nothing, not even null's
    // sibling: the text appears nowhere in their page data.
    for (const [who, sees] of [
      [staff, true],
      [admin, true],
      [member, false],
      [moderator, false],
    ] as const) {
      expect((await (await as(who)).open(threadId)).includes(SECRET), who.role).toBe(sees);
      expect((await listInternalNotes(who, { threadId })).length, who.role).toBe(sees ? 1 : 0);
    }

    // The mentioned colleague is told; the mentioned member is not.
    expect((await listNotificationGroups(colleague, 1)).groups[0]?.kind).toBe("internal_note");
    expect(await countUnreadNotifications(member)).toBe(0);

    // Not searchable, not on the author's profile, not a reply.
    for (const who of [member, staff]) {
      expect((await searchPosts(who, { q: "procurement froze", page: 1 })).total).toBe(0);
      const profile = await getProfile(who, staff.handle);
      expect(JSON.stringify(profile)).not.toContain(SECRET);
    }
    expect((await getThreadForViewer(member, threadId))?.replyCount).toBe(0);
  });

  it("never reach a live update: a reader's stream carries the next reply, and no note", async () => {
    await startLiveUpdates();
    const member = await createUser();
    const staff = await createUser({ role: "staff" });
    const space = await createTestSpace();
    const { threadId } = await createTestThread(member, space.id);
    const events: string[] = [];
    const nextReply = new Promise<void>((resolve) => {
      const stop = subscribeToThread(threadId, (event) => {
        events.push(JSON.stringify(event));
        if ("position" in event && event.position === 2) {
          stop();
          resolve();
        }
      });
    });
    const note = await (await as(staff)).post(threadId, { intent: "add-note", note: SECRET });
    expect(JSON.stringify(note)).not.toContain("error");
    // Events arrive in commit order: once the later reply's event is here, a note's would be too.
    // The reply's answer is a redirect to the new post.
    await (
      await as(member)
    )
      .post(threadId, { intent: "reply", body: "A later reply" })
      .catch((thrown) => {
        if (!(thrown instanceof Response) || thrown.status !== 302) throw thrown;
      });
    await nextReply;
    expect(events.join("\n")).not.toContain("Renewal");
    expect(events).toHaveLength(1);
  });

  it("refuses members and moderators, and lets only its author delete a note", async () => {
    const space = await createTestSpace();
    const member = await createUser();
    const moderator = await createUser({ role: "moderator" });
    const staff = await createUser({ role: "staff" });
    const colleague = await createUser({ role: "staff" });
    const { threadId } = await createTestThread(member, space.id);
    for (const who of [member, moderator]) {
      const refused = await (await as(who)).post(threadId, { intent: "add-note", note: "Mine" });
      expect(JSON.stringify(refused)).toContain("Internal notes are for staff.");
    }
    expect(await listInternalNotes(staff, { threadId })).toHaveLength(0);

    await (await as(staff)).post(threadId, { intent: "add-note", note: "Check with finance" });
    const [note] = await listInternalNotes(staff, { threadId });
    const denied = await (
      await as(colleague)
    ).post(threadId, {
      intent: "delete-note",
      noteId: note.id,
    });
    expect(JSON.stringify(denied)).toContain("Only its author deletes a note");
    await (await as(staff)).post(threadId, { intent: "delete-note", noteId: note.id });
    expect(await listInternalNotes(staff, { threadId })).toHaveLength(0);
  });

  it("lists the newest notes when there are more than it shows, oldest of them first", async () => {
    const staff = await createUser({ role: "staff" });
    const account = await createAccount();
    const start = Date.now() - 1_000_000;
    await db.insert(internalNotes).values(
      Array.from({ length: INTERNAL_NOTES_SHOWN + 1 }, (_, i) => ({
        accountId: account.id,
        authorId: staff.id,
        body: { type: "doc" },
        bodyHtml: `<p>Note ${i}</p>`,
        bodyText: `Note ${i}`,
        createdAt: new Date(start + i * 1000),
      })),
    );
    const notes = await listInternalNotes(staff, { accountId: account.id });
    expect(notes).toHaveLength(INTERNAL_NOTES_SHOWN);
    expect(notes[0].bodyHtml).toBe("<p>Note 1</p>");
    expect(notes.at(-1)!.bodyHtml).toBe(`<p>Note ${INTERNAL_NOTES_SHOWN}</p>`);
  });
});
