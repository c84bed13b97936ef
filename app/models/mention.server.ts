import { and, asc, eq, ilike, inArray, ne, or, sql } from "drizzle-orm";
import { spaces, threads, users } from "#db/schema";
import { rolesWith, type Viewer } from "~/auth/policy.server";
import { db } from "~/db.server";
import type { JSONContent } from "@tiptap/core";
import {
  MAX_MENTION_NODES,
  mentionedUserIds,
  plainTextOf,
  renderRichTextHtml,
} from "~/editor/content.server";
import { MAX_MENTIONS_PER_POST } from "~/editor/policy";
import { linkTypedMentions, typedHandles } from "~/editor/typed-mentions";
import type { PostContent } from "./post-content.server";
import { Refusal } from "./refusal.server";
import {
  openingThreadVisibleToUsersRow,
  spaceVisibleToUsersRow,
  threadVisibleToUsersRow,
} from "./space-access.server";

/** A handle, a name or a later word of the name starting with `query` (LIKE wildcards escaped). */
function nameStartsWith(query: string) {
  const prefix = `${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return or(
    ilike(users.handle, prefix),
    ilike(users.displayName, prefix),
    ilike(users.displayName, `% ${prefix}`),
  );
}

/**
 * People whose handle or name starts with `query` and who can see the space: mention candidates.
 * The writer is left out (mentioning yourself notifies nobody).
 */
export async function searchMentionCandidates(spaceId: string, query: string, writerId?: string) {
  return db
    .select({ id: users.id, handle: users.handle, displayName: users.displayName })
    .from(users)
    .innerJoin(spaces, eq(spaces.id, spaceId))
    .where(
      and(
        eq(users.status, "active"),
        writerId ? ne(users.id, writerId) : undefined,
        nameStartsWith(query),
        spaceVisibleToUsersRow(),
      ),
    )
    .orderBy(sql`lower(${users.handle}) = lower(${query}) desc`, asc(users.displayName))
    .limit(8);
}

/** Staff whose handle or name starts with `query`: who a note on a backlog item can mention. */
export async function searchStaffMentionCandidates(query: string, writerId: string) {
  return db
    .select({ id: users.id, handle: users.handle, displayName: users.displayName })
    .from(users)
    .where(
      and(
        eq(users.status, "active"),
        ne(users.id, writerId),
        inArray(users.role, rolesWith("write:internal-note:any")),
        nameStartsWith(query),
      ),
    )
    .orderBy(sql`lower(${users.handle}) = lower(${query}) desc`, asc(users.displayName))
    .limit(8);
}

const UNKNOWN_MENTION = "A mention in this post does not point to a member. Mention them again.";

/**
 * Where words are going, for typed handles: an existing thread, or a thread being opened (not a
 * proposal) in a space. Words with no such place (a backlog item, a proposal's document, a
 * note) keep typed handles as text.
 */
export type MentionAudience = { threadId: string } | { spaceId: string };

/** Whether the row of `users` is someone a typed handle there may name: who would be told. */
function mayBeMentionedThere(viewer: Viewer, audience: MentionAudience) {
  const place =
    "threadId" in audience
      ? sql`exists (select 1 from ${threads} join ${spaces} on ${spaces.id} = ${threads.spaceId}
          where ${threads.id} = ${audience.threadId} and ${threadVisibleToUsersRow()})`
      : sql`exists (select 1 from ${spaces}
          where ${spaces.id} = ${audience.spaceId} and ${openingThreadVisibleToUsersRow()})`;
  // As the suggestions: active people other than the writer (mentioning yourself tells nobody).
  return and(eq(users.status, "active"), ne(users.id, viewer.id), place);
}

/**
 * Every mention names the person it notifies: its shown label is set from its id (their handle),
 * whatever label the browser sent, so "@theo" can never notify maya. A mention of nobody is
 * refused. And "@handle" typed as text (the plain reply box, or pasted into the editor) becomes
 * a mention when it names someone who may see where the words go (`audience`), exactly as if
 * chosen from the suggestions and within the same caps; a handle of nobody stays text. One
 * query, for at most MAX_MENTIONS_PER_POST ids and MAX_MENTION_NODES typed handles; the body is
 * rendered again only when something changed. Called by the posting check, the one step every
 * write of words takes.
 */
export async function settleMentionLabels(
  viewer: Viewer,
  content: PostContent,
  audience?: MentionAudience,
): Promise<void> {
  const typed = audience ? typedHandles(content.body, MAX_MENTION_NODES) : [];
  if (content.mentionIds.length === 0 && typed.length === 0) return;
  const typedMatch =
    audience && typed.length
      ? and(inArray(sql`lower(${users.handle})`, typed), mayBeMentionedThere(viewer, audience))
      : undefined;
  const people = await db
    .select({
      id: users.id,
      handle: users.handle,
      typed: typedMatch ? sql<boolean>`coalesce(${typedMatch}, false)` : sql<boolean>`false`,
    })
    .from(users)
    .where(
      or(content.mentionIds.length ? inArray(users.id, content.mentionIds) : undefined, typedMatch),
    );
  const handles = new Map(people.map((person) => [person.id.toLowerCase(), person.handle]));
  let changed = false;
  let nodes = 0;
  const visit = (node: JSONContent) => {
    if (node.type === "mention" && node.attrs) {
      nodes++;
      const handle = handles.get(String(node.attrs.id).toLowerCase());
      if (!handle) throw new Refusal(UNKNOWN_MENTION, 400);
      if (node.attrs.label !== handle) {
        node.attrs.label = handle;
        changed = true;
      }
    }
    for (const child of node.content ?? []) visit(child);
  };
  visit(content.body);
  const named = new Map(
    people.filter((person) => person.typed).map((person) => [person.handle.toLowerCase(), person]),
  );
  if (named.size > 0) {
    const linked = linkTypedMentions(content.body, (handle) => named.get(handle), {
      mentioned: content.mentionIds,
      nodes,
      maxPeople: MAX_MENTIONS_PER_POST,
      maxNodes: MAX_MENTION_NODES,
    });
    changed ||= linked;
  }
  if (!changed) return;
  content.bodyHtml = renderRichTextHtml(content.body);
  content.bodyText = plainTextOf(content.body);
  content.mentionIds = mentionedUserIds(content.body);
}
