import { and, asc, eq, isNull, sql } from "drizzle-orm";
import {
  communitySettings,
  notificationPreferences,
  posts,
  spaces,
  threads,
  users,
} from "#db/schema";
import { can, decideThreadAction, type Viewer } from "~/auth/policy.server";
import { db } from "~/db.server";
import { expectedFailure } from "~/utils/responses.server";
import { recordAuditEvent } from "./audit.server";
import { spaceVisibleTo, threadVisibleTo } from "./space-access.server";
import { Refusal } from "./refusal.server";

/** How many of the viewer's spaces the welcome names; the rest are a link away. */
const SPACES_NAMED = 6;

export type FirstRun = NonNullable<Awaited<ReturnType<typeof getFirstRun>>>;

/**
 * A new member's welcome: the spaces they can see and three first steps, each done when the
 * data says so (an introduction in the welcome thread, a bio, saved email settings). It is gone
 * once every step is done or the member puts it away; staff, who run the place, never get it.
 */
export async function getFirstRun(viewer: Viewer) {
  // For customers' people, who belong to an account; staff and admins have none.
  if (!viewer.accountId) return null;
  const [row] = await db
    .select({
      dismissed: sql<boolean>`${users.welcomeDismissedAt} is not null`,
      hasBio: sql<boolean>`${users.bio} <> ''`,
      choseEmail: sql<boolean>`exists (select 1 from ${notificationPreferences} where ${eq(notificationPreferences.userId, users.id)})`,
      // Only when the viewer can see it: a welcome never points into a space they can't open.
      welcomeThreadId: sql<
        string | null
      >`case when ${spaces.id} is not null then ${threads.id} end`,
      welcomeThreadTitle: sql<
        string | null
      >`case when ${spaces.id} is not null then ${threads.title} end`,
      welcomeSpaceId: spaces.id,
      introduced: sql<boolean>`exists (
        select 1 from ${posts}
        where ${and(
          eq(posts.threadId, communitySettings.welcomeThreadId),
          eq(posts.authorId, users.id),
          isNull(posts.deletedAt),
        )})`,
    })
    .from(users)
    .leftJoin(communitySettings, eq(communitySettings.id, 1))
    .leftJoin(threads, eq(threads.id, communitySettings.welcomeThreadId))
    // The thread rule, not only its space's: a hidden or merged welcome thread isn't pointed to.
    .leftJoin(spaces, and(eq(spaces.id, threads.spaceId), threadVisibleTo(viewer)))
    .where(eq(users.id, viewer.id));
  if (!row || row.dismissed) return null;
  const steps = {
    introduce: row.welcomeThreadId ? row.introduced : null,
    profile: row.hasBio,
    email: row.choseEmail,
  };
  if (Object.values(steps).every((done) => done !== false)) return null;
  const visibleSpaces = await db
    .select({
      slug: spaces.slug,
      name: spaces.name,
      visibility: spaces.visibility,
      minTier: spaces.minTier,
    })
    .from(spaces)
    .where(spaceVisibleTo(viewer))
    // The welcome thread's space first: it is where a newcomer is asked to start.
    .orderBy(sql`${spaces.id} = ${row.welcomeSpaceId}::uuid desc nulls last`, asc(spaces.name))
    .limit(SPACES_NAMED + 1);
  return {
    welcomeThread: row.welcomeThreadId
      ? { id: row.welcomeThreadId, title: row.welcomeThreadTitle ?? "" }
      : null,
    steps,
    spaces: visibleSpaces.slice(0, SPACES_NAMED),
    moreSpaces: visibleSpaces.length > SPACES_NAMED,
  };
}

export async function dismissFirstRun(viewer: Viewer) {
  await db
    .update(users)
    .set({ welcomeDismissedAt: new Date() })
    .where(and(eq(users.id, viewer.id), isNull(users.welcomeDismissedAt)));
}

/**
 * The thread new members are sent to for their introduction (admins choose it, in a space open to
 * all members: the thread rule's "welcome"); null sends them nowhere.
 */
export async function setWelcomeThread(actor: Viewer, threadId: string | null) {
  if (threadId === null) {
    if (!can(actor, "manage:settings:any")) {
      throw new Refusal("Only admins choose the welcome thread.", 403);
    }
  } else {
    const [thread] = await db
      .select({
        locked: sql<boolean>`${threads.lockedAt} is not null`,
        visibility: spaces.visibility,
        authorId: threads.authorId,
        authorRole: users.role,
      })
      .from(threads)
      .innerJoin(spaces, eq(spaces.id, threads.spaceId))
      .leftJoin(users, eq(users.id, threads.authorId))
      .where(eq(threads.id, threadId));
    if (!thread) throw expectedFailure("That thread isn't there.", { status: 404 });
    const state = { ...thread, space: { visibility: thread.visibility } };
    const decision = decideThreadAction(actor, state, "welcome");
    if (!decision.ok) throw expectedFailure(decision.message, { status: decision.status });
  }
  await db.transaction(async (tx) => {
    await tx
      .insert(communitySettings)
      .values({ id: 1, welcomeThreadId: threadId })
      .onConflictDoUpdate({
        target: communitySettings.id,
        set: { welcomeThreadId: threadId, updatedAt: new Date() },
      });
    await recordAuditEvent(
      {
        actorId: actor.id,
        action: "settings.welcome_thread_changed",
        targetType: "settings",
        targetId: "welcome-thread",
        details: { threadId },
      },
      tx,
    );
  });
}
