import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import { accounts, backlogItems, posts, spaces, tags, threads, users } from "#db/schema";
import { UUID_PATTERN } from "#db/schema/values";
import { can, type Viewer } from "~/auth/policy.server";
import { db } from "~/db.server";
import { spaceVisibleTo, threadRecordVisibleTo } from "./space-access.server";

/**
 * Names for the ids a page of the moderation log mentions (what an entry was about, and the
 * people, threads and tags its details point at), so that a reader sees words, never ids. Each
 * kind of thing is named by the rule that shows it elsewhere: a thread only if the viewer may
 * read records about it, a backlog item or account only for those who see the backlog or
 * accounts, an internal tag only for staff. Anything left unnamed is shown as a kind ("a thread"),
 * never as its id. At most one query per kind of thing, whatever the page holds.
 */

/** Detail keys that hold the id of a person, a thread, a post or a tag. */
export const PERSON_DETAIL_KEYS = ["for", "userId", "ownerId", "authorId"] as const;
export const THREAD_DETAIL_KEYS = ["into", "threadId"] as const;
export const POST_DETAIL_KEYS = ["correction"] as const;
export const TAG_DETAIL_KEYS = ["tagId"] as const;

const WHOLE_UUID = new RegExp(`^${UUID_PATTERN}$`, "i");
const isUuid = (value: unknown): value is string =>
  typeof value === "string" && value.length === 36 && WHOLE_UUID.test(value);

type NamedEntry = { targetType: string; targetId: string; details: Record<string, unknown> };

export type AuditNames = Record<string, string>;

export async function nameAuditReferences(
  viewer: Viewer,
  entries: NamedEntry[],
): Promise<AuditNames> {
  const ids = {
    people: new Set<string>(),
    threads: new Set<string>(),
    posts: new Set<string>(),
    tags: new Set<string>(),
    spaces: new Set<string>(),
    backlog: new Set<string>(),
    accounts: new Set<string>(),
  };
  const collect = (set: Set<string>, value: unknown) => {
    if (isUuid(value)) set.add(value.toLowerCase());
  };
  for (const entry of entries) {
    for (const key of PERSON_DETAIL_KEYS) collect(ids.people, entry.details[key]);
    for (const key of THREAD_DETAIL_KEYS) collect(ids.threads, entry.details[key]);
    for (const key of POST_DETAIL_KEYS) collect(ids.posts, entry.details[key]);
    for (const key of TAG_DETAIL_KEYS) collect(ids.tags, entry.details[key]);
    const target = entry.targetId;
    if (entry.targetType === "tag") collect(ids.tags, target);
    if (entry.targetType === "space") collect(ids.spaces, target);
    if (entry.targetType === "backlog_item") collect(ids.backlog, target);
    if (entry.targetType === "account") collect(ids.accounts, target);
    if (entry.targetType === "triage") {
      // A triage entry's key is "thread:<id>" or "post:<id>".
      const [kind, id] = target.split(":", 2);
      if (kind === "thread") collect(ids.threads, id);
      if (kind === "post") collect(ids.posts, id);
    }
  }
  const lookups: Promise<{ id: string; name: string }[]>[] = [];
  const when = (
    set: Set<string>,
    allowed: boolean,
    read: (list: string[]) => (typeof lookups)[0],
  ) => {
    if (allowed && set.size > 0) lookups.push(read([...set]));
  };
  when(ids.people, true, (list) =>
    db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, list)),
  );
  when(ids.threads, true, (list) =>
    db
      .select({ id: threads.id, name: threads.title })
      .from(threads)
      // As SQL, not the column: the rule reads `threads` itself in its subqueries.
      .where(and(inArray(threads.id, list), threadRecordVisibleTo(viewer, sql`${threads.id}`))),
  );
  when(ids.posts, true, async (list) => {
    const rows = await db
      .select({ id: posts.id, position: posts.position, title: threads.title })
      .from(posts)
      .innerJoin(threads, eq(threads.id, posts.threadId))
      .where(and(inArray(posts.id, list), threadRecordVisibleTo(viewer, sql`${posts.threadId}`)));
    return rows.map((row) => ({ id: row.id, name: `post #${row.position} in “${row.title}”` }));
  });
  when(ids.tags, true, (list) => {
    const shown: SQL | undefined = can(viewer, "read:internal-tag:any")
      ? undefined
      : eq(tags.visibility, "public");
    return db
      .select({ id: tags.id, name: tags.name })
      .from(tags)
      .where(and(inArray(tags.id, list), shown));
  });
  when(ids.spaces, true, (list) =>
    db
      .select({ id: spaces.id, name: spaces.name })
      .from(spaces)
      .where(and(inArray(spaces.id, list), spaceVisibleTo(viewer))),
  );
  when(ids.backlog, can(viewer, "manage:backlog:any"), (list) =>
    db
      .select({ id: backlogItems.id, name: backlogItems.title })
      .from(backlogItems)
      .where(inArray(backlogItems.id, list)),
  );
  when(ids.accounts, can(viewer, "read:account:any"), (list) =>
    db
      .select({ id: accounts.id, name: accounts.name })
      .from(accounts)
      .where(inArray(accounts.id, list)),
  );
  const found = await Promise.all(lookups);
  return Object.fromEntries(found.flat().map(({ id, name }) => [id, name]));
}
