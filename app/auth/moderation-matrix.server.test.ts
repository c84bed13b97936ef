import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { moderationReviews, posts, threads, users, type UserRole } from "#db/schema";
import {
  createTestReply,
  createTestSpace,
  createTestThread,
  createUser,
} from "#db/testing/factories";
import { db } from "~/db.server";
import {
  dismissReview,
  holdNewContent,
  moderateContent,
  setContentState,
} from "~/models/content-moderation.server";
import { flagContent } from "~/models/flag.server";
import { liftRestriction, silenceMember, suspendMember } from "~/models/member-moderation.server";
import {
  getNoticeForViewer,
  postNoticeMessage,
  recordNotice,
} from "~/models/moderation-notice.server";
import { readPostContent } from "~/models/post-content.server";
import { getPostForViewer, listPostsPage } from "~/models/post.server";
import { editPost } from "~/models/post-edit.server";
import { mergeThreads, moveThread, setThreadFlag } from "~/models/thread-moderation.server";
import {
  moderationActions,
  moderationMatrix,
  type ModerationAction,
  type ModerationTargetRole,
} from "./policy.server";

/**
 * The matrix, written out once more by hand: a change to who may act on whom shows here, in
 * review, as well as in the policy. Columns are the actor's role; each cell lists whom they act
 * on (by role, or "self").
 */
const threadRow: Record<UserRole, ModerationTargetRole[]> = {
  member: [],
  moderator: ["member", "self"],
  staff: ["member", "moderator", "self"],
  admin: ["member", "moderator", "staff", "self"],
};
const personRow: Record<UserRole, ModerationTargetRole[]> = {
  member: [],
  moderator: ["member"],
  staff: ["member", "moderator"],
  admin: ["member", "moderator", "staff"],
};
const written: Record<ModerationAction, Record<UserRole, ModerationTargetRole[]>> = {
  hide: {
    member: [],
    moderator: ["member"],
    staff: ["member", "moderator"],
    admin: ["member", "moderator", "staff"],
  },
  remove: {
    member: [],
    moderator: ["member"],
    staff: ["member", "moderator"],
    admin: ["member", "moderator", "staff"],
  },
  restore: {
    member: [],
    moderator: ["member"],
    staff: ["member", "moderator"],
    admin: ["member", "moderator", "staff"],
  },
  "restore-removed": {
    member: [],
    moderator: [],
    staff: [],
    admin: ["member", "moderator", "staff"],
  },
  approve: {
    member: [],
    moderator: ["member"],
    staff: ["member", "moderator"],
    admin: ["member", "moderator", "staff", "admin", "self"],
  },
  dismiss: {
    member: [],
    moderator: ["member", "moderator", "staff", "admin"],
    staff: ["member", "moderator", "staff", "admin"],
    admin: ["member", "moderator", "staff", "admin"],
  },
  edit: {
    member: ["self"],
    moderator: ["member", "self"],
    staff: ["self"],
    admin: ["member", "moderator", "staff", "self"],
  },
  lock: threadRow,
  unlock: threadRow,
  pin: threadRow,
  unpin: threadRow,
  move: threadRow,
  merge: threadRow,
  "merge-into": threadRow,
  silence: personRow,
  suspend: personRow,
  lift: personRow,
  "read-notice": {
    member: ["self"],
    moderator: ["member", "self"],
    staff: ["member", "moderator", "self"],
    admin: ["member", "moderator", "staff", "admin", "self"],
  },
  "answer-notice": {
    member: [],
    moderator: ["member"],
    staff: ["member", "moderator"],
    admin: ["member", "moderator", "staff", "admin"],
  },
};

const roles = ["member", "moderator", "staff", "admin"] as const;
const targets = [...roles, "self"] as const;
type Person = Awaited<ReturnType<typeof createUser>>;

function content(text: string) {
  const result = readPostContent(undefined, text);
  if (!result.ok) throw new Error(result.message);
  return result.content;
}

let space: Awaited<ReturnType<typeof createTestSpace>>;
let elsewhere: Awaited<ReturnType<typeof createTestSpace>>;
const actors = {} as Record<UserRole, Person>;

beforeAll(async () => {
  space = await createTestSpace();
  elsewhere = await createTestSpace();
  for (const role of roles) actors[role] = await createUser({ role });
});

/** A reply by `author` in a thread they started, and its thread. */
async function replyBy(author: Person) {
  const { threadId } = await createTestThread(author, space.id);
  const { postId } = await createTestReply(author, threadId, "Words to moderate");
  return { threadId, postId };
}

async function setState(postId: string, state: "held" | "hidden" | "removed") {
  const [post] = await db
    .select({ position: posts.position, threadId: posts.threadId })
    .from(posts)
    .where(eq(posts.id, postId));
  await db.transaction((tx) =>
    setContentState(tx, { postId, position: post.position, threadId: post.threadId }, state, "x"),
  );
}

/**
 * Each action through its domain function, on something by (or about) `subject`, prepared so
 * that only the matrix can refuse it: the state is the one the action needs.
 */
const perform: Record<ModerationAction, (actor: Person, subject: Person) => Promise<unknown>> = {
  hide: async (actor, subject) =>
    moderateContent(actor, (await replyBy(subject)).postId, "hide", "Testing the matrix"),
  remove: async (actor, subject) =>
    moderateContent(actor, (await replyBy(subject)).postId, "remove", "Testing the matrix"),
  restore: async (actor, subject) => {
    const { postId } = await replyBy(subject);
    await setState(postId, "hidden");
    return moderateContent(actor, postId, "restore", null);
  },
  "restore-removed": async (actor, subject) => {
    const { postId } = await replyBy(subject);
    await setState(postId, "removed");
    return moderateContent(actor, postId, "restore-removed", null);
  },
  approve: async (actor, subject) => {
    const { threadId, postId } = await replyBy(subject);
    await holdNewContent(
      { postId, position: 2, threadId, authorId: subject.id },
      "Held for the test",
    );
    return moderateContent(actor, postId, "approve", null);
  },
  dismiss: async (actor, subject) => {
    const { postId } = await replyBy(subject);
    await flagContent(await createUser(), { postId, reason: "off_topic" });
    const [review] = await db
      .select({ id: moderationReviews.id })
      .from(moderationReviews)
      .where(eq(moderationReviews.postId, postId));
    return dismissReview(actor, review.id);
  },
  edit: async (actor, subject) => {
    const { postId } = await replyBy(subject);
    const post = await getPostForViewer(actor, postId);
    return editPost(actor, post!, { content: content("Edited words"), reason: "Matrix test" });
  },
  lock: async (actor, subject) =>
    setThreadFlag(actor, (await replyBy(subject)).threadId, "locked", true),
  unlock: async (actor, subject) => {
    const { threadId } = await replyBy(subject);
    await db.update(threads).set({ lockedAt: new Date() }).where(eq(threads.id, threadId));
    return setThreadFlag(actor, threadId, "locked", false);
  },
  pin: async (actor, subject) =>
    setThreadFlag(actor, (await replyBy(subject)).threadId, "pinned", true),
  unpin: async (actor, subject) => {
    const { threadId } = await replyBy(subject);
    await db.update(threads).set({ pinnedAt: new Date() }).where(eq(threads.id, threadId));
    return setThreadFlag(actor, threadId, "pinned", false);
  },
  move: async (actor, subject) =>
    moveThread(actor, (await replyBy(subject)).threadId, {
      spaceId: elsewhere.id,
      reason: "Belongs elsewhere",
    }),
  merge: async (actor, subject) => {
    const from = await replyBy(subject);
    const into = await replyBy(await createUser());
    return mergeThreads(actor, from.threadId, { intoId: into.threadId, reason: "Same topic" });
  },
  "merge-into": async (actor, subject) => {
    const from = await replyBy(await createUser());
    const into = await replyBy(subject);
    return mergeThreads(actor, from.threadId, { intoId: into.threadId, reason: "Same topic" });
  },
  silence: (actor, subject) =>
    silenceMember(actor, subject.id, { reason: "Testing the matrix", until: null }),
  suspend: (actor, subject) =>
    suspendMember(actor, subject.id, { reason: "Testing the matrix", until: null }),
  lift: async (actor, subject) => {
    // The actors go on acting through the file, so nobody silences one of them for this.
    if (subject.id !== actor.id)
      await db.update(users).set({ silencedAt: new Date() }).where(eq(users.id, subject.id));
    return liftRestriction(actor, subject.id, "silence");
  },
  "read-notice": async (actor, subject) => {
    const notice = await recordNotice(db, {
      userId: subject.id,
      actorId: null,
      action: "held",
      reason: "Held for the test",
      subject: "your reply",
    });
    const read = await getNoticeForViewer(actor, notice.id);
    if (!read) throw Object.assign(new Error("No such notice."), { status: 404 });
    return read;
  },
  "answer-notice": async (actor, subject) => {
    const notice = await recordNotice(db, {
      userId: subject.id,
      actorId: null,
      action: "held",
      reason: "Held for the test",
      subject: "your reply",
    });
    return postNoticeMessage(actor, notice.id, { body: "We looked again.", close: true });
  },
};

/** Whether the domain function let it through; a refusal must be the policy's (403 or 404). */
async function allowed(run: Promise<unknown>): Promise<boolean> {
  try {
    await run;
    return true;
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 403 || status === 404) return false;
    throw error;
  }
}

describe("the moderation matrix", () => {
  it("is the one written out here, and names every action", () => {
    expect(Object.keys(moderationMatrix).sort()).toEqual([...moderationActions].sort());
    for (const action of moderationActions) {
      for (const role of roles) {
        expect([...moderationMatrix[action][role]].sort(), `${action} by ${role}`).toEqual(
          [...written[action][role]].sort(),
        );
      }
    }
  });

  // Every action × actor role × author or person (each role, and the actor themselves), through
  // the domain function every path calls: allowed exactly where the matrix says.
  describe.each(moderationActions)("%s", (action) => {
    it.each(roles.flatMap((actor) => targets.map((target) => [actor, target] as const)))(
      "by a %s on %s",
      async (actorRole, target) => {
        const actor = actors[actorRole];
        const subject = target === "self" ? actor : await createUser({ role: target });
        const expected = moderationMatrix[action][actorRole].includes(target);
        expect(await allowed(perform[action](actor, subject))).toBe(expected);
      },
    );
  });
});

describe("state the matrix doesn't cover", () => {
  it("never merges a held, hidden or removed thread, nor into one, so its replies stay unread", async () => {
    const admin = actors.admin;
    const author = await createUser();
    for (const state of ["held", "hidden", "removed"] as const) {
      const removed = await createTestThread(author, space.id, { replies: 1 });
      const open = await createTestThread(author, space.id);
      await setState(removed.postId, state);
      await expect(
        mergeThreads(admin, removed.threadId, { intoId: open.threadId, reason: "Same" }),
      ).rejects.toMatchObject({ status: 409 });
      await expect(
        mergeThreads(admin, open.threadId, { intoId: removed.threadId, reason: "Same" }),
      ).rejects.toMatchObject({ status: 409 });
      const reader = await createUser();
      const seen = await listPostsPage(reader, open.threadId, 1);
      expect(
        seen.map((post) => post.position),
        state,
      ).toEqual([1]);
      const [still] = await db
        .select({ mergedInto: threads.mergedIntoId })
        .from(threads)
        .where(eq(threads.id, removed.threadId));
      expect(still.mergedInto).toBeNull();
    }
  });
});
