import { and, asc, eq, ilike, inArray, ne, or, sql } from "drizzle-orm";
import { spaces, users } from "#db/schema";
import { rolesWith } from "~/auth/policy.server";
import { db } from "~/db.server";
import type { JSONContent } from "@tiptap/core";
import { plainTextOf, renderRichTextHtml } from "~/editor/content.server";
import type { PostContent } from "./post-content.server";
import { Refusal } from "./refusal.server";
import { spaceVisibleToUsersRow } from "./space-access.server";

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
 * Every mention names the person it notifies: its shown label is set from its id (their handle),
 * whatever label the browser sent, so "@theo" can never notify maya. One query for at most
 * MAX_MENTIONS_PER_POST ids; the body is rendered again only when a label changed. A mention of
 * nobody is refused. Called by the posting check, the one step every write of words takes.
 */
export async function settleMentionLabels(content: PostContent): Promise<void> {
  if (content.mentionIds.length === 0) return;
  const people = await db
    .select({ id: users.id, handle: users.handle })
    .from(users)
    .where(inArray(users.id, content.mentionIds));
  const handles = new Map(people.map((person) => [person.id.toLowerCase(), person.handle]));
  let changed = false;
  const visit = (node: JSONContent) => {
    if (node.type === "mention" && node.attrs) {
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
  if (!changed) return;
  content.bodyHtml = renderRichTextHtml(content.body);
  content.bodyText = plainTextOf(content.body);
}
