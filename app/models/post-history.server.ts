// A post's history page: its versions, what changed in each, and what a redaction withholds.
import { and, desc, eq, lt, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { postRevisions, users, type RevisionChange } from "#db/schema";
import { can, type Viewer } from "~/auth/policy.server";
import { db } from "~/db.server";
import { diffRevisionTexts } from "./revision-diff.server";

export const REVISIONS_PAGE_SIZE = 10;

/**
 * One page of a post's versions, newest first, each with what changed since the one before. The
 * diffs were stored when each version was saved; versions saved before that have theirs worked
 * out here, within the same bounds.
 *
 * A moderator's redacting edit keeps everything before it from viewers below moderators (the
 * author included: what was redacted may be someone else's data, and the author was told why in
 * the notice): in SQL, so the text never leaves the database for them. Those versions come back
 * `redacted`, with no text, title or reason, and the redacting version shows only what it kept
 * and added, not what it removed.
 */
export async function listRevisionsPage(viewer: Viewer, postId: string, page: number) {
  const earlier = alias(postRevisions, "earlier");
  // In raw SQL an alias renders as its bare name, so the FROM clause names the table it stands for.
  const fromEarlier = sql`${postRevisions} as ${sql.identifier("earlier")}`;
  const isEarlierRevision = and(
    eq(earlier.postId, postRevisions.postId),
    lt(earlier.revision, postRevisions.revision),
  );
  // Versions numbered below this are redacted for the viewer (0: none).
  const redactedBelow = can(viewer, "moderate:content:any")
    ? sql`0`
    : sql`(select coalesce(max(${earlier.revision}), 0) from ${fromEarlier}
        where ${earlier.postId} = ${postId} and ${earlier.redacts})`;
  const withheld = sql`${postRevisions.revision} < ${redactedBelow}`;
  // Whether the version before this one may be shown: it is at or after the last redaction.
  const previousShown = sql`${postRevisions.revision} > ${redactedBelow}`;
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        revision: postRevisions.revision,
        redacted: sql<boolean>`${withheld}`,
        redacts: postRevisions.redacts,
        title: sql<string | null>`case when not ${withheld} then ${postRevisions.title} end`,
        // Only needed where no diff was stored.
        bodyText: sql<
          string | null
        >`case when ${postRevisions.changes} is null and not ${withheld} then ${postRevisions.bodyText} end`,
        // The redacting version's diff without what it removed.
        changes: sql<RevisionChange[] | null>`case
          when ${withheld} then null
          when ${previousShown} then ${postRevisions.changes}
          else (select coalesce(jsonb_agg(part.value order by part.n), '[]'::jsonb)
            from jsonb_array_elements(${postRevisions.changes}) with ordinality as part(value, n)
            where part.value ->> 'change' <> 'removed')
        end`,
        createdAt: postRevisions.createdAt,
        editorName: users.displayName,
        reason: sql<string | null>`case when not ${withheld} then ${postRevisions.reason} end`,
        previousText: sql<
          string | null
        >`case when ${postRevisions.changes} is null and ${previousShown} then (
          select ${earlier.bodyText} from ${fromEarlier} where ${isEarlierRevision}
          order by ${earlier.revision} desc limit 1) end`,
        previousTitle: sql<string | null>`case when ${previousShown} then (
          select ${earlier.title} from ${fromEarlier} where ${isEarlierRevision}
          order by ${earlier.revision} desc limit 1) end`,
      })
      .from(postRevisions)
      .leftJoin(users, eq(users.id, postRevisions.editorId))
      .where(eq(postRevisions.postId, postId))
      .orderBy(desc(postRevisions.revision))
      .limit(REVISIONS_PAGE_SIZE)
      .offset((page - 1) * REVISIONS_PAGE_SIZE),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(postRevisions)
      .where(eq(postRevisions.postId, postId)),
  ]);
  const versions = rows.map(({ bodyText, changes, previousText, previousTitle, ...row }) => ({
    ...row,
    titleChanged: Boolean(previousTitle && row.title && previousTitle !== row.title),
    changes: row.redacted
      ? []
      : (changes ??
        (previousText === null
          ? [{ text: bodyText ?? "", change: "same" as const }]
          : diffRevisionTexts(previousText, bodyText ?? ""))),
  }));
  return { versions, total, pageSize: REVISIONS_PAGE_SIZE };
}
