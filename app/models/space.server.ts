import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import {
  spaceMembers,
  spaceObservers,
  spaces,
  spaceWatches,
  threadReads,
  threads,
  users,
  type GatedTier,
  type SpaceVisibility,
} from "#db/schema";
import { can, canPostIdea, type Permission, type Viewer } from "~/auth/policy.server";
import { db, violatedConstraint } from "~/db.server";
import { publishAccessChange } from "~/live.server";
import { recordAuditEvent } from "./audit.server";
import { spaceVisibleTo, threadVisibleTo } from "./space-access.server";
import { findPersonByHandleOrEmail } from "./user.server";
import { NOT_YOUR_ROLE, Refusal } from "./refusal.server";

/**
 * Spaces are the admins' to create and configure, their people lists staff's to keep. Refused as
 * the route refuses someone without the permission (a 403 page), whoever calls.
 */
function requireSpacePermission(actor: Viewer, permission: Permission) {
  if (!can(actor, permission)) throw new Refusal(NOT_YOUR_ROLE, 403);
}

export type Observer = { id: string; displayName: string; handle: string };

/** Observers of some spaces, grouped by space, in one query. */
async function observersOf(spaceIds: string[]): Promise<Map<string, Observer[]>> {
  const grouped = new Map<string, Observer[]>();
  if (spaceIds.length === 0) return grouped;
  const rows = await db
    .select({
      spaceId: spaceObservers.spaceId,
      id: users.id,
      displayName: users.displayName,
      handle: users.handle,
    })
    .from(spaceObservers)
    .innerJoin(users, eq(users.id, spaceObservers.userId))
    .where(inArray(spaceObservers.spaceId, spaceIds))
    .orderBy(asc(users.displayName));
  for (const { spaceId, ...observer } of rows) {
    grouped.set(spaceId, [...(grouped.get(spaceId) ?? []), observer]);
  }
  return grouped;
}

/** The spaces this viewer may see, with activity and their unread count, for the spaces index. */
export async function listSpacesForViewer(viewer: Viewer) {
  const rows = await db
    .select({
      id: spaces.id,
      slug: spaces.slug,
      name: spaces.name,
      description: spaces.description,
      visibility: spaces.visibility,
      minTier: spaces.minTier,
      threadCount: db.$count(threads, and(eq(threads.spaceId, spaces.id), threadVisibleTo(viewer))),
      lastActivityAt: sql<Date | null>`(select max(${threads.lastActivityAt}) from ${threads} where ${and(eq(threads.spaceId, spaces.id), threadVisibleTo(viewer))})`,
      unreadThreads: sql<number>`(
        select count(*)::int from ${threads}
        left join ${threadReads} on ${and(eq(threadReads.threadId, threads.id), eq(threadReads.userId, viewer.id))}
        where ${and(eq(threads.spaceId, spaces.id), threadVisibleTo(viewer))}
          and ${threads.lastPosition} > coalesce(${threadReads.lastReadPosition}, 0)
      )`,
    })
    .from(spaces)
    .where(spaceVisibleTo(viewer))
    .orderBy(asc(spaces.position), asc(spaces.name));
  const observers = await observersOf(rows.map((row) => row.id));
  return rows.map((row) => ({
    ...row,
    lastActivityAt: row.lastActivityAt ? new Date(row.lastActivityAt) : null,
    observers: observers.get(row.id) ?? [],
  }));
}

/** A space by slug if the viewer may see it; null otherwise (the route answers 404 either way). */
export async function getSpaceForViewer(viewer: Viewer, slug: string) {
  const [space] = await db
    .select({
      id: spaces.id,
      slug: spaces.slug,
      name: spaces.name,
      description: spaces.description,
      visibility: spaces.visibility,
      minTier: spaces.minTier,
      ideasEnabled: spaces.ideasEnabled,
      watching: sql<boolean>`exists (select 1 from ${spaceWatches} where ${and(eq(spaceWatches.spaceId, spaces.id), eq(spaceWatches.userId, viewer.id))})`,
    })
    .from(spaces)
    .where(and(eq(spaces.slug, slug), spaceVisibleTo(viewer)));
  if (!space) return null;
  const observers = await observersOf([space.id]);
  return { ...space, observers: observers.get(space.id) ?? [] };
}

export async function setSpaceWatch(viewer: Viewer, spaceId: string, watching: boolean) {
  if (watching) {
    await db.insert(spaceWatches).values({ userId: viewer.id, spaceId }).onConflictDoNothing();
  } else {
    await db
      .delete(spaceWatches)
      .where(and(eq(spaceWatches.userId, viewer.id), eq(spaceWatches.spaceId, spaceId)));
  }
}

export type SpaceInput = {
  name: string;
  slug: string;
  description: string;
  visibility: SpaceVisibility;
  minTier: GatedTier | null;
  ideasEnabled: boolean;
};

function asSlugConflict(error: unknown): never {
  if (violatedConstraint(error) === "spaces_slug_key") {
    throw new Refusal("Another space already uses this address.", 409, "slug");
  }
  throw error;
}

export async function createSpace(actor: Viewer, input: SpaceInput): Promise<string> {
  requireSpacePermission(actor, "create:space:any");
  try {
    return await db.transaction(async (tx) => {
      const [space] = await tx
        .insert(spaces)
        .values({
          ...input,
          minTier: input.visibility === "tier" ? input.minTier : null,
          createdById: actor.id,
        })
        .returning({ id: spaces.id });
      await recordAuditEvent(
        {
          actorId: actor.id,
          action: "space.created",
          targetType: "space",
          targetId: space.id,
          details: { name: input.name },
        },
        tx,
      );
      return space.id;
    });
  } catch (error) {
    asSlugConflict(error);
  }
}

export async function updateSpace(
  actor: Viewer,
  spaceId: string,
  input: SpaceInput,
): Promise<void> {
  requireSpacePermission(actor, "update:space:any");
  try {
    await db.transaction(async (tx) => {
      await tx
        .update(spaces)
        .set({ ...input, minTier: input.visibility === "tier" ? input.minTier : null })
        .where(eq(spaces.id, spaceId));
      await publishAccessChange({ spaceIds: [spaceId] }, tx);
      await recordAuditEvent(
        {
          actorId: actor.id,
          action: "space.updated",
          targetType: "space",
          targetId: spaceId,
          details: { name: input.name, visibility: input.visibility, minTier: input.minTier },
        },
        tx,
      );
    });
  } catch (error) {
    asSlugConflict(error);
  }
}

/** Every space, for admins (they see all), with the people counts the admin list shows. */
export async function listSpacesForAdmin() {
  return db
    .select({
      id: spaces.id,
      slug: spaces.slug,
      name: spaces.name,
      visibility: spaces.visibility,
      minTier: spaces.minTier,
      members: db.$count(spaceMembers, eq(spaceMembers.spaceId, spaces.id)),
      observers: db.$count(spaceObservers, eq(spaceObservers.spaceId, spaces.id)),
      threads: db.$count(threads, eq(threads.spaceId, spaces.id)),
    })
    .from(spaces)
    .orderBy(asc(spaces.position), asc(spaces.name));
}

export async function getSpaceForAdmin(spaceId: string) {
  const [space] = await db.select().from(spaces).where(eq(spaces.id, spaceId));
  if (!space) return null;
  const [members, observers] = await Promise.all([
    db
      .select({ id: users.id, displayName: users.displayName, handle: users.handle })
      .from(spaceMembers)
      .innerJoin(users, eq(users.id, spaceMembers.userId))
      .where(eq(spaceMembers.spaceId, spaceId))
      .orderBy(asc(users.displayName)),
    observersOf([spaceId]),
  ]);
  return { space, members, observers: observers.get(spaceId) ?? [] };
}

async function findPerson(identifier: string) {
  const user = await findPersonByHandleOrEmail(identifier);
  if (!user) throw new Refusal("Nobody has that handle or email.", 409, "person");
  return user;
}

// The two people lists of a space: its members (for private spaces) and its staff observers.
const peopleLists = {
  member: spaceMembers,
  observer: spaceObservers,
} as const;
type PeopleList = keyof typeof peopleLists;

/** Puts someone on one of a space's lists; recorded as `space.<list>_added`. */
async function addToSpaceList(list: PeopleList, actor: Viewer, spaceId: string, userId: string) {
  requireSpacePermission(actor, "manage:space-members:any");
  await db.transaction(async (tx) => {
    const values =
      list === "member" ? { spaceId, userId, addedById: actor.id } : { spaceId, userId };
    await tx.insert(peopleLists[list]).values(values).onConflictDoNothing();
    await recordAuditEvent(
      {
        actorId: actor.id,
        action: `space.${list}_added`,
        targetType: "space",
        targetId: spaceId,
        details: { userId },
      },
      tx,
    );
  });
}

/** Takes someone off one of a space's lists; recorded as `space.<list>_removed`. */
async function removeFromSpaceList(
  list: PeopleList,
  actor: Viewer,
  spaceId: string,
  userId: string,
) {
  requireSpacePermission(actor, "manage:space-members:any");
  const table = peopleLists[list];
  await db.transaction(async (tx) => {
    await tx.delete(table).where(and(eq(table.spaceId, spaceId), eq(table.userId, userId)));
    // A member taken off a private space stops reading it now, open live pages included.
    if (list === "member") await publishAccessChange({ userIds: [userId] }, tx);
    await recordAuditEvent(
      {
        actorId: actor.id,
        action: `space.${list}_removed`,
        targetType: "space",
        targetId: spaceId,
        details: { userId },
      },
      tx,
    );
  });
}

export async function addSpaceMember(actor: Viewer, spaceId: string, identifier: string) {
  requireSpacePermission(actor, "manage:space-members:any");
  const user = await findPerson(identifier);
  await addToSpaceList("member", actor, spaceId, user.id);
  return user;
}

export async function removeSpaceMember(actor: Viewer, spaceId: string, userId: string) {
  await removeFromSpaceList("member", actor, spaceId, userId);
}

export async function addSpaceObserver(actor: Viewer, spaceId: string, identifier: string) {
  requireSpacePermission(actor, "manage:space-members:any");
  const user = await findPerson(identifier);
  if (!can(user, "observe:space:any")) {
    throw new Refusal("Only staff observe spaces; members take part as members.", 409, "person");
  }
  await addToSpaceList("observer", actor, spaceId, user.id);
  return user;
}

export async function removeSpaceObserver(actor: Viewer, spaceId: string, userId: string) {
  await removeFromSpaceList("observer", actor, spaceId, userId);
}

export async function getSpaceByIdForViewer(viewer: Viewer, spaceId: string) {
  const [space] = await db
    .select({ id: spaces.id, slug: spaces.slug })
    .from(spaces)
    .where(and(eq(spaces.id, spaceId), spaceVisibleTo(viewer)));
  return space ?? null;
}

/** Just the names of the spaces this viewer may see, for choosing one (moving a thread). */
export async function listSpaceChoices(viewer: Viewer) {
  return db
    .select({ id: spaces.id, name: spaces.name, slug: spaces.slug })
    .from(spaces)
    .where(spaceVisibleTo(viewer))
    .orderBy(asc(spaces.position), asc(spaces.name));
}

/**
 * The spaces this viewer may post an idea in, for "New idea": those they see (seeing a space
 * means posting in it) where the idea rule lets them, the ones that take ideas first.
 */
export async function listSpacesForNewIdea(viewer: Viewer) {
  const visible = await db
    .select({
      id: spaces.id,
      slug: spaces.slug,
      name: spaces.name,
      description: spaces.description,
      visibility: spaces.visibility,
      minTier: spaces.minTier,
      ideasEnabled: spaces.ideasEnabled,
    })
    .from(spaces)
    .where(spaceVisibleTo(viewer))
    .orderBy(desc(spaces.ideasEnabled), asc(spaces.position), asc(spaces.name));
  return visible.filter((space) => canPostIdea(viewer, space));
}
