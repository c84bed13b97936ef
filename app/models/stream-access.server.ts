import { and, eq, gt, sql } from "drizzle-orm";
import { proposalCoauthors, sessions, spaces, threads, users } from "#db/schema";
import type { Viewer } from "~/auth/policy.server";
import { isSuspended } from "~/auth/session.server";
import { db } from "~/db.server";
import { threadVisibleTo } from "./space-access.server";

/**
 * What an open live stream may still carry: nothing (`null`) once its session has ended or
 * expired, its person is suspended, or the thread is no longer one they see; otherwise the
 * thread's space (it may have moved) and whether they co-author it, which is what lets them
 * hear its revisions and who is editing it.
 */
export type StreamAccess = { spaceId: string; coauthor: boolean } | null;

/**
 * The thread page's rule, asked again for a stream that is already open, in one query: the
 * session (as `getCurrentSession` reads it), then `threadVisibleTo` for the viewer the stream
 * opened as. A changed role or account also answers `null`: the stream closes, the browser
 * reconnects, and the new stream is checked as the person they are now.
 */
export async function readStreamAccess(
  sessionId: string,
  viewer: Viewer,
  threadId: string,
): Promise<StreamAccess> {
  const [row] = await db
    .select({
      role: users.role,
      accountId: users.accountId,
      status: users.status,
      suspendedUntil: users.suspendedUntil,
      spaceId: threads.spaceId,
      visible: sql<boolean>`(${threads.id} is not null and ${threadVisibleTo(viewer)})`,
      coauthor: sql<boolean>`(${proposalCoauthors.userId} is not null)`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(threads, eq(threads.id, threadId))
    .leftJoin(spaces, eq(spaces.id, threads.spaceId))
    .leftJoin(
      proposalCoauthors,
      and(
        eq(proposalCoauthors.threadId, threads.id),
        eq(proposalCoauthors.userId, users.id),
        eq(proposalCoauthors.status, "accepted"),
      ),
    )
    .where(
      and(
        eq(sessions.id, sessionId),
        eq(sessions.userId, viewer.id),
        gt(sessions.expiresAt, sql`now()`),
      ),
    );
  if (!row || isSuspended(row)) return null;
  if (row.role !== viewer.role || row.accountId !== viewer.accountId) return null;
  if (!row.visible || !row.spaceId) return null;
  return { spaceId: row.spaceId, coauthor: row.coauthor };
}
