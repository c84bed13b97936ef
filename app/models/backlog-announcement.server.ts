import { and, eq, gt, lte, sql } from "drizzle-orm";
import {
  backlogAnnouncements,
  backlogItems,
  changelogSubscriptions,
  users,
  type BacklogStatus,
  type Contribution,
} from "#db/schema";
import { can, type Viewer } from "~/auth/policy.server";
import { db } from "~/db.server";
import { enqueueJobs } from "~/jobs.server";
import {
  backlogNotificationHeadline,
  describeContributions,
} from "~/utils/backlog-notification-text";
import { logger } from "~/utils/logger.server";
import { publicPlaceOf } from "~/utils/public-place";
import { recordAuditEvent } from "./audit.server";
import { listItemContributors } from "./backlog-demand.server";
import { ANNOUNCED_STATUSES, setBacklogStatus } from "./backlog-status.server";
import { MAX_BACKLOG_RECIPIENTS } from "./notification.server";
import type { PostContent } from "./post-content.server";
import { requirePostingAllowed } from "./posting-check.server";
import { Refusal } from "./refusal.server";

/**
 * Seconds between confirming an announced status change and its taking effect: the window in
 * which staff can undo it before anything changes or anyone is told. Tests shorten it.
 */
export function announcementUndoSeconds(): number {
  const set = Number(process.env.ANNOUNCE_UNDO_SECONDS);
  return Number.isFinite(set) && set >= 1 && set <= 3600 ? set : 60;
}

function requireBacklogStaff(viewer: Viewer) {
  if (!can(viewer, "manage:backlog:any")) throw new Refusal("The backlog is for staff.", 403);
}

const ALREADY_WAITING =
  "A status change for this item is already waiting to go out. Undo it first.";

const contributionGroups: { via: Contribution["via"]; label: string }[] = [
  { via: "author", label: "wrote an idea or post it cites" },
  { via: "coauthor", label: "co-wrote a proposal it cites" },
  { via: "excerpt", label: "are quoted in its evidence" },
  { via: "post", label: "replied in a thread it cites" },
  { via: "vote", label: "voted for an idea it cites" },
  { via: "endorsement", label: "endorsed a proposal it cites" },
];

/**
 * Everything a status change would announce, before anyone confirms it: who will be told (how
 * many, grouped by how they contributed), the message each reads, and the changelog entry when
 * the change publishes one. Nothing is written.
 */
export async function previewStatusChange(viewer: Viewer, itemId: string, to: BacklogStatus) {
  requireBacklogStaff(viewer);
  const [item] = await db
    .select({
      id: backlogItems.id,
      title: backlogItems.title,
      status: backlogItems.status,
      isPublic: backlogItems.isPublic,
      descriptionHtml: backlogItems.descriptionHtml,
      target: backlogItems.target,
    })
    .from(backlogItems)
    .where(eq(backlogItems.id, itemId));
  if (!item) throw new Refusal("No such backlog item.", 404);
  const announces = ANNOUNCED_STATUSES.includes(to) && item.status !== to;
  const publishes = publicPlaceOf({ isPublic: item.isPublic, status: to }) === "changelog";
  const [contributors, [subscribers]] = await Promise.all([
    announces ? listItemContributors(db, itemId, MAX_BACKLOG_RECIPIENTS) : [],
    publishes
      ? db
          .select({ count: sql<number>`count(*)::int` })
          .from(changelogSubscriptions)
          .innerJoin(users, eq(users.id, changelogSubscriptions.userId))
          .where(and(eq(users.status, "active"), sql`${users.id} <> ${viewer.id}`))
      : [{ count: 0 }],
  ]);
  const told = contributors.filter((person) => person.userId !== viewer.id);
  const groups = contributionGroups
    .map(({ via, label }) => {
      const people = told.filter((person) => person.contributions.some((c) => c.via === via));
      const example = people[0]?.contributions.filter((c) => c.via === via) ?? [];
      return { via, label, count: people.length, example: describeContributions(example) };
    })
    .filter((group) => group.count > 0);
  // Members read the item's name only while it is public; otherwise "work based on …".
  const headline = backlogNotificationHeadline(
    "backlog_update",
    item.isPublic ? item.title : null,
    { status: to },
    null,
  );
  return {
    item,
    to,
    announces,
    publishes,
    contributorCount: told.length,
    capped: contributors.length >= MAX_BACKLOG_RECIPIENTS,
    groups,
    headline,
    subscriberCount: publishes ? subscribers.count : 0,
    changelogHeadline: publishes
      ? backlogNotificationHeadline("changelog_entry", item.title, { status: to }, null)
      : null,
    undoSeconds: announcementUndoSeconds(),
  };
}

/**
 * Confirms a status change. One that announces waits out the undo window (the job
 * "backlog-announcement" releases it); one that tells nobody takes effect at once. Release notes
 * are staff's words that members read: they take the posting check.
 */
export async function confirmStatusChange(
  actor: Viewer,
  itemId: string,
  input: { to: BacklogStatus; notes: PostContent | null },
) {
  requireBacklogStaff(actor);
  if (input.notes) {
    await requirePostingAllowed(
      actor,
      { action: "edit", content: input.notes, noun: "release notes", held: "refuse" },
      (refusal) => new Refusal(refusal.message, refusal.status, "notes"),
    );
  }
  if (!ANNOUNCED_STATUSES.includes(input.to)) {
    // A change waiting out its window would land after this one and undo it, telling everyone.
    if (await getPendingStatusChange(actor, itemId)) throw new Refusal(ALREADY_WAITING, 409);
    const moved = await setBacklogStatus(actor, itemId, input.to);
    return { scheduled: false as const, ...moved };
  }
  const undoSeconds = announcementUndoSeconds();
  const sendAt = new Date(Date.now() + undoSeconds * 1000);
  const scheduled = await db.transaction(async (tx) => {
    const [item] = await tx
      .select({ status: backlogItems.status })
      .from(backlogItems)
      .where(eq(backlogItems.id, itemId))
      .for("update");
    if (!item) throw new Refusal("No such backlog item.", 404);
    if (item.status === input.to) throw new Refusal("The item already has that status.", 409);
    const [row] = await tx
      .insert(backlogAnnouncements)
      .values({
        itemId,
        fromStatus: item.status,
        toStatus: input.to,
        notes: input.notes?.body ?? null,
        notesHtml: input.notes?.bodyHtml ?? "",
        notesText: input.notes?.bodyText ?? "",
        createdById: actor.id,
        sendAt,
      })
      .onConflictDoNothing({ target: backlogAnnouncements.itemId })
      .returning({ id: backlogAnnouncements.id });
    if (!row) {
      throw new Refusal(ALREADY_WAITING, 409);
    }
    await recordAuditEvent(
      {
        actorId: actor.id,
        action: "backlog.announcement_scheduled",
        targetType: "backlog_item",
        targetId: itemId,
        details: { from: item.status, to: input.to },
      },
      tx,
    );
    return row;
  });
  await enqueueJobs("backlog-announcement", [{ id: scheduled.id }], {
    startAfter: sendAt,
  });
  return { scheduled: true as const, sendAt, undoSeconds };
}

/** Takes back a confirmed change while its window is open: nothing changed, nobody was told. */
export async function undoStatusChange(actor: Viewer, itemId: string) {
  requireBacklogStaff(actor);
  await db.transaction(async (tx) => {
    const [undone] = await tx
      .delete(backlogAnnouncements)
      .where(
        and(eq(backlogAnnouncements.itemId, itemId), gt(backlogAnnouncements.sendAt, sql`now()`)),
      )
      .returning({ from: backlogAnnouncements.fromStatus, to: backlogAnnouncements.toStatus });
    if (!undone) {
      throw new Refusal(
        "There is nothing to undo: the change already went out, or was undone.",
        409,
      );
    }
    await recordAuditEvent(
      {
        actorId: actor.id,
        action: "backlog.announcement_undone",
        targetType: "backlog_item",
        targetId: itemId,
        details: { from: undone.from, to: undone.to },
      },
      tx,
    );
  });
}

/** The change waiting out its window on an item, for its page. */
export async function getPendingStatusChange(viewer: Viewer, itemId: string) {
  requireBacklogStaff(viewer);
  const [row] = await db
    .select({
      to: backlogAnnouncements.toStatus,
      sendAt: backlogAnnouncements.sendAt,
      byName: users.displayName,
      notesHtml: backlogAnnouncements.notesHtml,
    })
    .from(backlogAnnouncements)
    .leftJoin(users, eq(users.id, backlogAnnouncements.createdById))
    .where(eq(backlogAnnouncements.itemId, itemId));
  return row ?? null;
}

/**
 * Applies every change whose window has closed, as the staff member who confirmed it: the status
 * moves, the ideas follow, and everyone behind the item is told, with the notes. Each is taken
 * under a row lock and deleted with its change, so two workers never release one twice.
 */
export async function releaseDueStatusChanges(): Promise<number> {
  let released = 0;
  for (;;) {
    // The row stays locked while its change is applied and is deleted with it: a second worker
    // skips it, and a failure leaves it for the next run.
    const found = await db.transaction(async (tx) => {
      const [due] = await tx
        .select({
          id: backlogAnnouncements.id,
          itemId: backlogAnnouncements.itemId,
          to: backlogAnnouncements.toStatus,
          notes: backlogAnnouncements.notes,
          notesHtml: backlogAnnouncements.notesHtml,
          notesText: backlogAnnouncements.notesText,
          actorId: users.id,
          actorRole: users.role,
          actorAccountId: users.accountId,
          actorStatus: users.status,
        })
        .from(backlogAnnouncements)
        .leftJoin(users, eq(users.id, backlogAnnouncements.createdById))
        .where(lte(backlogAnnouncements.sendAt, sql`now()`))
        .limit(1)
        .for("update", { of: backlogAnnouncements, skipLocked: true });
      if (!due) return false;
      const actor =
        due.actorId && due.actorRole && due.actorStatus === "active"
          ? { id: due.actorId, role: due.actorRole, accountId: due.actorAccountId }
          : null;
      if (!actor || !can(actor, "manage:backlog:any")) {
        logger.warn({ itemId: due.itemId }, "a status change was dropped: its author left staff");
      } else {
        try {
          await setBacklogStatus(actor, due.itemId, due.to, {
            notes: due.notesText
              ? {
                  body: due.notes as PostContent["body"],
                  bodyHtml: due.notesHtml,
                  bodyText: due.notesText,
                  mentionIds: [],
                }
              : null,
          });
          released += 1;
        } catch (error) {
          // Moved by hand meanwhile ("already has that status"): nothing left to announce.
          if (!(error instanceof Refusal)) throw error;
          logger.info(
            { itemId: due.itemId, reason: error.message },
            "a status change was not needed",
          );
        }
      }
      await tx.delete(backlogAnnouncements).where(eq(backlogAnnouncements.id, due.id));
      return true;
    });
    if (!found) return released;
  }
}
