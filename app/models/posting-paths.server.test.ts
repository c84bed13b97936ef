import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { moderationNotices, posts, type UserRole } from "#db/schema";
import {
  createTestProposal,
  createTestReply,
  createTestSpace,
  createTestThread,
  createUser,
} from "#db/testing/factories";
import type { Viewer } from "~/auth/policy.server";
import { db } from "~/db.server";
import { createBacklogItem, updateBacklogItem } from "./backlog.server";
import { moderateContent } from "./content-moderation.server";
import { flagContent } from "./flag.server";
import { addInternalNote } from "./internal-note.server";
import { silenceMember } from "./member-moderation.server";
import { postNoticeMessage } from "./moderation-notice.server";
import { readPostContent } from "./post-content.server";
import { createReply, getPostForViewer } from "./post.server";
import { editPost } from "./post-edit.server";
import { documentAsPost, readProposalDocument } from "./proposal-document.server";
import { saveProposal } from "./proposal.server";
import { setProposalStage } from "./proposal-stage.server";
import { addSectionComment } from "./proposal-comment.server";
import { endorseProposal } from "./proposal-endorsement.server";
import { createThread } from "./thread.server";
import { flagWorthALook } from "./triage.server";
import { addWatchedWord } from "./watched-word.server";

/**
 * Every path that writes words people read, each through its real domain function: a blocked
 * word is refused, a held word is held where the path has a held state (and otherwise refused,
 * or let through where only the moderators read it), and a silenced person is refused, except
 * in an appeal about their own notice. See docs/decisions/0010-moderation-states-and-reviews.md.
 */

const suffix = randomBytes(3).toString("hex");
const BLOCKED = `blockedword${suffix}`;
const HELD = `heldword${suffix}`;

function content(text: string) {
  const read = readPostContent(undefined, text);
  if (!read.ok) throw new Error(read.message);
  return read.content;
}

function sections(text: string) {
  const read = readProposalDocument({ problem: { text }, proposal: { text: "Schedule it." } });
  if (!read.ok) throw new Error(JSON.stringify(read.fieldErrors));
  return read.sections;
}

async function isHeld(postId: string) {
  const [post] = await db
    .select({ moderation: posts.moderation })
    .from(posts)
    .where(eq(posts.id, postId));
  return post.moderation === "held";
}

/** A thread and one reply in it, by someone other than the writer. */
async function someonesReply() {
  const space = await createTestSpace();
  const author = await createUser();
  const { threadId } = await createTestThread(author, space.id);
  const reply = await createTestReply(author, threadId, "Something worth flagging");
  return { space, threadId, replyId: reply.postId };
}

async function openProposal() {
  const space = await createTestSpace();
  const author = await createUser();
  const { threadId } = await createTestProposal(author, space.id, { open: true });
  return threadId;
}

type Path = {
  name: string;
  /** Who writes on this path (staff for the team's words). */
  writer: UserRole;
  /** Sets up what the writer writes on, and answers the write (and, for a post, its id). */
  prepare: (writer: Viewer) => Promise<(text: string) => Promise<string | void>>;
  /** What a held word does here: held for review, refused, or passed (team, or moderators read it). */
  held: "held" | "refused" | "passes";
  /** An appeal is the silenced person's way to question it. */
  silenced: "refused" | "allowed";
};

const paths: Path[] = [
  {
    name: "reply",
    writer: "member",
    held: "held",
    silenced: "refused",
    prepare: async (writer) => {
      const { threadId } = await someonesReply();
      return async (text) =>
        (await createReply(writer, threadId, { content: content(text), replyToPostId: null }))
          .postId;
    },
  },
  {
    name: "new thread",
    writer: "member",
    held: "held",
    silenced: "refused",
    prepare: async (writer) => {
      const space = await createTestSpace();
      return async (text) =>
        (
          await createThread(writer, space.id, {
            kind: "discussion",
            title: "A question",
            content: content(text),
          })
        ).postId;
    },
  },
  {
    name: "post edit",
    writer: "member",
    held: "held",
    silenced: "refused",
    prepare: async (writer) => {
      const space = await createTestSpace();
      const { postId } = await createTestThread(writer, space.id);
      return async (text) => {
        const post = await getPostForViewer(writer, postId);
        await editPost(writer, post!, { title: "A question", content: content(text) });
        return postId;
      };
    },
  },
  {
    name: "idea",
    writer: "member",
    held: "held",
    silenced: "refused",
    prepare: async (writer) => {
      const space = await createTestSpace({ ideasEnabled: true });
      return async (text) =>
        (
          await createThread(writer, space.id, {
            kind: "idea",
            title: "Scheduled exports",
            content: content(text),
          })
        ).postId;
    },
  },
  {
    name: "learning publish",
    writer: "staff",
    held: "passes",
    silenced: "refused",
    prepare: async (writer) => {
      const space = await createTestSpace();
      return async (text) =>
        (
          await createThread(writer, space.id, {
            kind: "learning",
            title: "What we heard",
            content: content(text),
          })
        ).postId;
    },
  },
  {
    name: "learning correction",
    writer: "member",
    held: "held",
    silenced: "refused",
    prepare: async (writer) => {
      const space = await createTestSpace();
      const staff = await createUser({ role: "staff" });
      const { threadId } = await createTestThread(staff, space.id, { kind: "learning" });
      // A correction is a reply to the learning (the route then marks it as one).
      return async (text) =>
        (await createReply(writer, threadId, { content: content(text), replyToPostId: null }))
          .postId;
    },
  },
  {
    name: "proposal create",
    writer: "member",
    held: "refused",
    silenced: "refused",
    prepare: async (writer) => {
      const space = await createTestSpace();
      return async (text) => {
        const document = sections(text);
        await createThread(writer, space.id, {
          kind: "proposal",
          title: "Scheduled exports",
          content: documentAsPost(document),
          proposal: { sections: document, sourceIdeaId: null },
        });
      };
    },
  },
  {
    name: "proposal save",
    writer: "member",
    held: "refused",
    silenced: "refused",
    prepare: async (writer) => {
      const space = await createTestSpace();
      const { threadId } = await createTestProposal(writer, space.id);
      return async (text) => {
        const saved = await saveProposal(writer, threadId, {
          baseRevision: 1,
          title: "Scheduled exports",
          sections: sections(text),
        });
        expect(saved.status).toBe("saved");
      };
    },
  },
  {
    name: "section comment",
    writer: "member",
    held: "refused",
    silenced: "refused",
    prepare: async (writer) => {
      const threadId = await openProposal();
      return async (text) => {
        await addSectionComment(writer, threadId, {
          section: "problem",
          body: text,
          quote: null,
          parentId: null,
        });
      };
    },
  },
  {
    name: "stage rationale",
    writer: "staff",
    held: "passes",
    silenced: "refused",
    prepare: async (writer) => {
      const threadId = await openProposal();
      return async (text) => {
        const moved = await setProposalStage(writer, threadId, {
          to: "under_review",
          rationale: text,
        });
        // The rationale is posted as the mover's reply.
        return moved.announcement!.postId;
      };
    },
  },
  {
    name: "endorsement reason",
    writer: "member",
    held: "refused",
    silenced: "refused",
    prepare: async (writer) => {
      const threadId = await openProposal();
      return (text) => endorseProposal(writer, threadId, text);
    },
  },
  {
    name: "appeal message",
    writer: "member",
    held: "passes",
    silenced: "allowed",
    prepare: async (writer) => {
      const space = await createTestSpace();
      const { threadId } = await createTestThread(await createUser(), space.id);
      const reply = await createTestReply(writer, threadId, "A heated reply");
      const moderator = await createUser({ role: "moderator" });
      await moderateContent(moderator, reply.postId, "hide", "Too heated");
      const [notice] = await db
        .select({ id: moderationNotices.id })
        .from(moderationNotices)
        .where(eq(moderationNotices.userId, writer.id));
      return (text) => postNoticeMessage(writer, notice.id, { body: text });
    },
  },
  {
    name: "internal note",
    writer: "staff",
    held: "passes",
    silenced: "refused",
    prepare: async (writer) => {
      const { threadId } = await someonesReply();
      return async (text) => {
        await addInternalNote(writer, { threadId }, { postId: null, content: content(text) });
      };
    },
  },
  {
    name: "flag note",
    writer: "member",
    held: "passes",
    silenced: "refused",
    prepare: async (writer) => {
      const { replyId } = await someonesReply();
      return async (text) => {
        await flagContent(writer, { postId: replyId, reason: "other", note: text });
      };
    },
  },
  {
    name: "worth-a-look note",
    writer: "staff",
    held: "passes",
    silenced: "refused",
    prepare: async (writer) => {
      const { replyId } = await someonesReply();
      return (text) => flagWorthALook(writer, replyId, text);
    },
  },
  {
    name: "backlog item (new)",
    writer: "staff",
    held: "passes",
    silenced: "refused",
    prepare: async (writer) => async (text) => {
      await createBacklogItem(writer, backlogFields(writer, text), null);
    },
  },
  {
    name: "backlog item (edit)",
    writer: "staff",
    held: "passes",
    silenced: "refused",
    prepare: async (writer) => {
      const itemId = await createBacklogItem(writer, backlogFields(writer, "First words"), null);
      return (text) => updateBacklogItem(writer, itemId, backlogFields(writer, text));
    },
  },
];

function backlogFields(owner: Viewer, text: string) {
  return {
    title: "Scheduled exports",
    description: content(text),
    ownerId: owner.id,
    target: "",
    externalUrl: null,
    isPublic: true,
    tagIds: [],
  };
}

async function writerFor(path: Path) {
  return createUser({ role: path.writer });
}

beforeAll(async () => {
  const admin = await createUser({ role: "admin" });
  await addWatchedWord(admin, { phrase: BLOCKED, action: "block" });
  await addWatchedWord(admin, { phrase: HELD, action: "hold" });
});

describe.each(paths)("$name", (path) => {
  it("takes ordinary words", async () => {
    const writer = await writerFor(path);
    const write = await path.prepare(writer);
    await write("Plain words about scheduled exports.");
  });

  it("refuses a blocked word, saying which", async () => {
    const writer = await writerFor(path);
    const write = await path.prepare(writer);
    await expect(write(`This says ${BLOCKED} outright.`)).rejects.toMatchObject({
      status: 422,
      message: expect.stringContaining(`“${BLOCKED}”, which this community doesn't allow`),
    });
  });

  it(`with a held word: ${path.held}`, async () => {
    const writer = await writerFor(path);
    const write = await path.prepare(writer);
    const attempt = write(`This says ${HELD} somewhere.`);
    if (path.held === "refused") {
      await expect(attempt).rejects.toMatchObject({
        status: 422,
        message: expect.stringContaining("holds for a moderator's review"),
      });
      return;
    }
    const postId = await attempt;
    if (path.held === "held") expect(await isHeld(postId as string)).toBe(true);
    else if (typeof postId === "string") expect(await isHeld(postId)).toBe(false);
  });

  it(`from a silenced person: ${path.silenced}`, async () => {
    const writer = await writerFor(path);
    const write = await path.prepare(writer);
    const admin = await createUser({ role: "admin" });
    await silenceMember(admin, writer.id, { reason: "A cooling-off week", until: null });
    const attempt = write("Plain words about scheduled exports, again.");
    if (path.silenced === "allowed") await attempt;
    else
      await expect(attempt).rejects.toMatchObject({
        status: 403,
        message: expect.stringContaining("A moderator has silenced you"),
      });
  });
});
