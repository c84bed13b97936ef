import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { internalNotes, posts, users } from "#db/schema";
import { can, rolesWith, type Viewer } from "~/auth/policy.server";
import { db, violatedConstraint } from "~/db.server";
import type { PostContent } from "./post-content.server";
import { requirePostingAllowed } from "./posting-check.server";
import { Refusal } from "./refusal.server";

/** A thread shows at most this many notes: a triage trail, not a second discussion. */
export const INTERNAL_NOTES_SHOWN = 200;

/** Staff (and admins) read and write internal notes; nobody else learns they exist. */
export function mayUseInternalNotes(viewer: Viewer) {
  return can(viewer, "write:internal-note:any");
}

/** What a note is about: a thread (optionally one of its posts), a backlog item, or an account. */
export type NoteTarget = { threadId: string } | { backlogItemId: string } | { accountId: string };

const onTarget = (target: NoteTarget) =>
  "threadId" in target
    ? eq(internalNotes.threadId, target.threadId)
    : "backlogItemId" in target
      ? eq(internalNotes.backlogItemId, target.backlogItemId)
      : eq(internalNotes.accountId, target.accountId);

function requireStaff(viewer: Viewer) {
  if (!mayUseInternalNotes(viewer)) {
    throw new Refusal("Internal notes are for staff.", 403);
  }
}

/**
 * Writes a staff note on a thread, one of its posts, a backlog item or an account. Returns the staff it
 * mentions: only they are told (a member's name in a note tells the member nothing).
 */
export async function addInternalNote(
  viewer: Viewer,
  target: NoteTarget,
  input: { postId: string | null; content: PostContent },
) {
  requireStaff(viewer);
  // Staff's words too: silence, blocked words and the team's rate (links and holds are not the
  // team's; docs/decisions/0010).
  await requirePostingAllowed(
    viewer,
    { action: "comment", content: input.content, noun: "note", held: "pass" },
    (refusal) => new Refusal(refusal.message, refusal.status),
  );
  const written = db.transaction(async (tx) => {
    if (input.postId) {
      const [post] = await tx
        .select({ id: posts.id })
        .from(posts)
        .where(
          and(
            eq(posts.id, input.postId),
            "threadId" in target ? eq(posts.threadId, target.threadId) : sql`false`,
          ),
        );
      if (!post) throw new Refusal("That post isn't in this thread.", 404);
    }
    const [note] = await tx
      .insert(internalNotes)
      .values({
        ...target,
        postId: input.postId,
        authorId: viewer.id,
        body: input.content.body,
        bodyHtml: input.content.bodyHtml,
        bodyText: input.content.bodyText,
      })
      .returning({ id: internalNotes.id });
    const mentioned = input.content.mentionIds.length
      ? await tx
          .select({ id: users.id })
          .from(users)
          .where(
            and(
              inArray(users.id, input.content.mentionIds),
              inArray(users.role, rolesWith("write:internal-note:any")),
            ),
          )
      : [];
    return { id: note.id, mentionedStaffIds: mentioned.map((person) => person.id) };
  });
  // What the note is about may be gone (or never was): an answer, not a server error.
  return written.catch((error: unknown) => {
    if (violatedConstraint(error)?.startsWith("internal_notes_")) {
      throw new Refusal("What this note is about isn't there any more.", 404);
    }
    throw error;
  });
}

/**
 * The notes on a thread, item or account: the newest `INTERNAL_NOTES_SHOWN`, shown oldest first;
 * nothing at all (and no query) for non-staff.
 */
export async function listInternalNotes(viewer: Viewer, target: NoteTarget) {
  if (!mayUseInternalNotes(viewer)) return [];
  const newest = await db
    .select({
      id: internalNotes.id,
      postId: internalNotes.postId,
      postPosition: posts.position,
      bodyHtml: internalNotes.bodyHtml,
      createdAt: internalNotes.createdAt,
      authorId: internalNotes.authorId,
      authorName: users.displayName,
    })
    .from(internalNotes)
    .leftJoin(users, eq(users.id, internalNotes.authorId))
    .leftJoin(posts, eq(posts.id, internalNotes.postId))
    .where(onTarget(target))
    .orderBy(desc(internalNotes.createdAt), desc(internalNotes.id))
    .limit(INTERNAL_NOTES_SHOWN);
  return newest.reverse();
}

/** Its author takes a note back. */
export async function deleteInternalNote(viewer: Viewer, target: NoteTarget, noteId: string) {
  requireStaff(viewer);
  const deleted = await db
    .delete(internalNotes)
    .where(
      and(eq(internalNotes.id, noteId), onTarget(target), eq(internalNotes.authorId, viewer.id)),
    )
    .returning({ id: internalNotes.id });
  if (deleted.length === 0) {
    throw new Refusal("Only its author deletes a note, and this one isn't there.", 404);
  }
}
