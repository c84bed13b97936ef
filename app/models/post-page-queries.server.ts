import { and, asc, eq, sql } from "drizzle-orm";
import type postgres from "postgres";
import {
  accounts,
  accountTiers,
  notifications,
  postReactions,
  posts,
  threads,
  users,
} from "#db/schema";
import { db, sqlClient } from "~/db.server";
import { openFlagByOn } from "./flag.server";

// The thread page's two queries, the app's most frequent, built once and prepared: drizzle
// doesn't assemble them on every request, and PostgreSQL parses and plans them once per
// connection. Their values are placeholders: the viewer, the thread, the first and last position.

const viewerId = sql.placeholder("viewerId");
const threadId = sql.placeholder("threadId");
const onPage = sql`${posts.threadId} = ${threadId} and ${posts.position} between ${sql.placeholder("first")} and ${sql.placeholder("last")}`;

function build(mayFlag: boolean) {
  const replyTo = db
    .select({ id: posts.id, position: posts.position, authorId: posts.authorId })
    .from(posts)
    .as("reply_to");
  const replyToAuthor = db
    .select({ id: users.id, displayName: users.displayName })
    .from(users)
    .as("reply_to_author");
  return db
    .select({
      id: posts.id,
      position: posts.position,
      bodyHtml: posts.bodyHtml,
      // Whether the reader flagged each post, and whether a notification about it waits unread.
      flaggedByMe: mayFlag ? openFlagByOn(viewerId, posts.id) : sql<boolean>`false`,
      unreadNotice: sql<boolean>`exists (select 1 from ${notifications} where ${notifications.postId} = ${posts.id} and ${notifications.userId} = ${viewerId} and ${notifications.readAt} is null)`,
      createdAt: posts.createdAt,
      editedAt: posts.editedAt,
      deleted: sql<boolean>`${posts.deletedAt} is not null`,
      moderation: posts.moderation,
      moderationReason: posts.moderationReason,
      threadLocked: sql<boolean>`${threads.lockedAt} is not null`,
      threadKind: threads.kind,
      author: {
        id: users.id,
        displayName: users.displayName,
        handle: users.handle,
        role: users.role,
      },
      authorAccount: { name: accounts.name, tier: accountTiers.tier },
      replyTo: {
        id: replyTo.id,
        position: replyTo.position,
        authorName: replyToAuthor.displayName,
      },
    })
    .from(posts)
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .leftJoin(users, eq(users.id, posts.authorId))
    .leftJoin(accounts, eq(accounts.id, users.accountId))
    .leftJoin(accountTiers, eq(accountTiers.accountId, users.accountId))
    .leftJoin(replyTo, eq(replyTo.id, posts.replyToPostId))
    .leftJoin(replyToAuthor, eq(replyToAuthor.id, replyTo.authorId))
    .where(onPage)
    .orderBy(asc(posts.position))
    .prepare(mayFlag ? "thread_page_posts_flags" : "thread_page_posts");
}

function buildReactions() {
  return db
    .select({
      postId: postReactions.postId,
      kind: postReactions.kind,
      count: sql<number>`count(*)::int`,
      mine: sql<boolean>`bool_or(${postReactions.userId} = ${viewerId})`,
      names: sql<
        string[]
      >`(array_agg(${users.displayName} order by ${postReactions.createdAt}))[1:10]`,
    })
    .from(postReactions)
    .innerJoin(posts, eq(posts.id, postReactions.postId))
    .innerJoin(users, eq(users.id, postReactions.userId))
    .where(and(onPage))
    .groupBy(postReactions.postId, postReactions.kind)
    .prepare("thread_page_reactions");
}

type Prepared = {
  posts: ReturnType<typeof build>;
  postsWithFlags: ReturnType<typeof build>;
  reactions: ReturnType<typeof buildReactions>;
};
// Per database client: a closed pool (tests, a restart) takes its statements with it.
const prepared = new WeakMap<postgres.Sql, Prepared>();

function statements(): Prepared {
  const client = sqlClient();
  let found = prepared.get(client);
  if (!found) {
    found = { posts: build(false), postsWithFlags: build(true), reactions: buildReactions() };
    prepared.set(client, found);
  }
  return found;
}

/** The posts at positions first…last of a thread, and their reactions, read at once. */
export function readPostsPage(
  viewer: { id: string },
  thread: string,
  first: number,
  last: number,
  mayFlag: boolean,
) {
  const values = { viewerId: viewer.id, threadId: thread, first, last };
  const { posts: plain, postsWithFlags, reactions } = statements();
  return Promise.all([
    (mayFlag ? postsWithFlags : plain).execute(values),
    reactions.execute(values),
  ]);
}
