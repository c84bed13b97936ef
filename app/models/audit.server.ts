import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { auditEvents, moderationNotices, posts, spaces, tags, threads, users } from "#db/schema";
import { can, rolesWith, type Permission, type Viewer } from "~/auth/policy.server";
import { db, type Database } from "~/db.server";
import { UUID_PATTERN } from "#db/schema/values";
import { AUDIT_CATEGORIES } from "~/utils/audit-labels";
import { nameAuditReferences } from "./audit-names.server";
import { NOT_YOUR_ROLE, Refusal } from "./refusal.server";
import { noticeShownTo, spaceVisibleTo, threadRecordVisibleTo } from "./space-access.server";

export type AuditInput = {
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string;
  details?: Record<string, unknown>;
};

type Executor = Pick<Database, "insert">;

/** Records an action; pass the transaction so the record and the change commit together. */
export async function recordAuditEvent(input: AuditInput, executor: Executor = db): Promise<void> {
  await executor.insert(auditEvents).values({ ...input, details: input.details ?? {} });
}

/** Records several actions at once (a bulk change), in one statement. */
export async function recordAuditEvents(inputs: AuditInput[], executor: Executor = db) {
  if (inputs.length === 0) return;
  await executor
    .insert(auditEvents)
    .values(inputs.map((input) => ({ ...input, details: input.details ?? {} })));
}

/** Latest events about some targets of one type, with the actor's name, newest first. */
export async function listAuditEventsFor(targetType: string, targetIds: string[], limit = 200) {
  if (targetIds.length === 0) return [];
  return db
    .select({
      id: auditEvents.id,
      action: auditEvents.action,
      targetId: auditEvents.targetId,
      details: auditEvents.details,
      createdAt: auditEvents.createdAt,
      actorName: users.displayName,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(and(eq(auditEvents.targetType, targetType), inArray(auditEvents.targetId, targetIds)))
    .orderBy(desc(auditEvents.createdAt))
    .limit(limit);
}

/** Entries on one page of the moderation log. */
export const AUDIT_LOG_PAGE_SIZE = 50;
/** The log counts matching entries up to here, so a broad filter never counts the whole table. */
export const AUDIT_LOG_COUNT_CAP = 10_000;

export type AuditLogFilter = {
  /** The handle of the person who acted, any case, with or without a leading "@". */
  actor?: string;
  /** A kind of action ("post", "user"…): every action starting "<kind>."; or one exact action. */
  action?: string;
  targetType?: string;
  targetId?: string;
  /** Days (YYYY-MM-DD), both included. */
  from?: string;
  to?: string;
  /** Text the reason given contains, any case. */
  reason?: string;
  page: number;
};

export type AuditLogEntry = {
  id: string;
  action: string;
  targetType: string;
  targetId: string | null;
  details: Record<string, unknown>;
  createdAt: Date;
  /** Null once the person who acted has been deleted. */
  actor: { name: string; handle: string } | null;
  /** The thread a thread or post target belongs to, when the viewer may see it. */
  thread: { id: string; title: string } | null;
  /** A post target's place in its thread (1 = the opening post). */
  postPosition: number | null;
  /** A person target, while they exist. */
  person: { name: string; handle: string } | null;
  /**
   * What the entry is about lies where the viewer may not look (a moderator outside a private
   * space): only who acted, when, and the kind of action are shown; no title, reason or details.
   */
  withheld: boolean;
};

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

// Target ids are text (not every target is a row with a uuid): a cast only where the text is a
// uuid, so a stray id can't fail the query, and the joins still use the primary keys.
const WHOLE_UUID = `^${UUID_PATTERN}$`;

const targetUuid = sql`(case when ${auditEvents.targetId} ~* ${WHOLE_UUID} then ${auditEvents.targetId}::uuid end)`;
const detailUuid = (key: string) =>
  sql`(case when ${auditEvents.details} ->> ${key} ~* ${WHOLE_UUID} then (${auditEvents.details} ->> ${key})::uuid end)`;

/**
 * Kinds of entry only some readers of the log see at all: those whose permission shows them the
 * same things elsewhere (internal tags, the backlog, accounts and their value, invitees' emails,
 * proxy votes with their notes). A kind of action not listed in AUDIT_CATEGORIES is an admin's
 * until it is given a rule.
 */
const RESTRICTED_ENTRIES: { actions: string; permission: Permission }[] = [
  { actions: "backlog.%", permission: "manage:backlog:any" },
  { actions: "tag.%", permission: "manage:tag:any" },
  { actions: "account.%", permission: "read:account:any" },
  { actions: "settings.tiers_changed", permission: "read:tier:any" },
  { actions: "settings.value_membership_changed", permission: "read:tier:any" },
  { actions: "invitation.%", permission: "invite:member:any" },
  { actions: "triage.%", permission: "triage:inbox:any" },
  { actions: "idea.proxy_vote_recorded", permission: "read:account:any" },
  // Where webhooks go and which internal hosts they may reach: the admins' alone.
  { actions: "settings.webhook_%", permission: "manage:webhook:any" },
  // Which trackers move the backlog, and how their statuses map: the admins' alone too.
  { actions: "settings.tracker_%", permission: "manage:webhook:any" },
];

/**
 * The first half of the log's per-entry rule, as SQL over `audit_events`: whether the viewer
 * may know the entry exists. Applied before paging and counting, so neither tells of entries
 * left out.
 */
function auditEntryListedFor(viewer: Viewer): SQL {
  const conditions: SQL[] = RESTRICTED_ENTRIES.filter(
    ({ permission }) => !can(viewer, permission),
  ).map(({ actions }) => sql`${auditEvents.action} not like ${actions}`);
  if (!can(viewer, "manage:settings:any")) {
    conditions.push(
      sql`split_part(${auditEvents.action}, '.', 1) in ${[...AUDIT_CATEGORIES] as string[]}`,
    );
  }
  if (!can(viewer, "read:internal-tag:any")) {
    // Which threads carry a tag, only for a tag that is public now (a deleted one may not be).
    conditions.push(sql`(${auditEvents.action} not in ('thread.tagged', 'thread.untagged')
      or exists (select 1 from ${tags} where ${tags.visibility} = 'public'
        and (lower(${tags.name}) = lower(${auditEvents.details} ->> 'tag')
          or ${tags.id} = ${detailUuid("tagId")})))`);
  }
  return conditions.length ? sql.join(conditions, sql` and `) : sql`true`;
}

/**
 * The second half, as a boolean SQL expression over `audit_events`: whether the viewer may see
 * what a listed entry is about, by the visibility rule of that thing: the thread rule for
 * threads and posts (for a merge, the thread it went into too; for a move, both spaces' names),
 * the space rule for spaces, the notice rule for appeals. Anything it can't place is withheld.
 */
function auditEntryDetailedFor(viewer: Viewer): SQL {
  if (can(viewer, "read:space:any") && can(viewer, "read:draft-proposal:any")) return sql`true`;
  const thread = (id: SQL) => threadRecordVisibleTo(viewer, id);
  const spaceNamed = (key: string) =>
    sql`exists (select 1 from ${spaces} where ${spaces.name} = ${auditEvents.details} ->> ${key} and ${spaceVisibleTo(viewer)})`;
  return sql`(case ${auditEvents.targetType}
    when 'thread' then ${thread(targetUuid)}
      and (${auditEvents.action} <> 'thread.merged' or ${thread(detailUuid("intoId"))})
      and (${auditEvents.action} not in ('idea.merged', 'idea.merge_undone')
        or ${thread(detailUuid("into"))})
      and (${auditEvents.action} <> 'thread.moved' or (${spaceNamed("from")} and ${spaceNamed("to")}))
    when 'post' then exists (select 1 from ${posts}
      where ${posts.id} = ${targetUuid} and ${thread(sql`${posts.threadId}`)})
    when 'space' then exists (select 1 from ${spaces}
      where ${spaces.id} = ${targetUuid} and ${spaceVisibleTo(viewer)})
    when 'notice' then exists (select 1 from ${moderationNotices}
      where ${moderationNotices.id} = ${targetUuid} and ${noticeShownTo(viewer)})
    when 'user' then true
    when 'settings' then true
    when 'watched_word' then true
    else false
  end)`;
}

function auditLogWhere(viewer: Viewer, filter: AuditLogFilter): SQL {
  const conditions: SQL[] = [auditEntryListedFor(viewer)];
  const actor = filter.actor?.trim().replace(/^@/, "");
  if (actor) {
    conditions.push(
      sql`${auditEvents.actorId} in (select ${users.id} from ${users} where lower(${users.handle}) = lower(${actor}))`,
    );
  }
  if (filter.action) {
    conditions.push(
      filter.action.includes(".")
        ? sql`${auditEvents.action} = ${filter.action}`
        : sql`${auditEvents.action} like ${`${escapeLike(filter.action)}.%`}`,
    );
  }
  if (filter.targetType) conditions.push(sql`${auditEvents.targetType} = ${filter.targetType}`);
  if (filter.targetId) conditions.push(sql`${auditEvents.targetId} = ${filter.targetId}`);
  if (filter.from) conditions.push(sql`${auditEvents.createdAt} >= ${filter.from}::date`);
  if (filter.to) conditions.push(sql`${auditEvents.createdAt} < ${filter.to}::date + 1`);
  if (filter.reason) {
    // Only reasons the viewer may read: a search must not find what the page withholds.
    conditions.push(
      sql`${auditEvents.details} ->> 'reason' ilike ${`%${escapeLike(filter.reason)}%`}`,
      auditEntryDetailedFor(viewer),
    );
  }
  return sql.join(conditions, sql` and `);
}

type AuditLogRow = {
  id: string;
  action: string;
  target_type: string;
  target_id: string;
  details: Record<string, unknown> | string | null;
  created_at: string | Date;
  actor_name: string | null;
  actor_handle: string | null;
  thread_id: string | null;
  thread_title: string | null;
  post_position: number | null;
  person_name: string | null;
  person_handle: string | null;
  detailed: boolean;
};

/**
 * One page of the moderation log, newest first (ties broken by id, so pages never overlap), with
 * who acted and a label for what they acted on, in one query; and the number of matching entries
 * up to `AUDIT_LOG_COUNT_CAP` in a second. Each entry passes the per-entry rule
 * (`auditEntryListedFor`, `auditEntryDetailedFor`) inside the SQL: left out, withheld (who and
 * when only), or shown whole.
 */
export async function listAuditLog(viewer: Viewer, filter: AuditLogFilter) {
  if (!can(viewer, "read:audit-log:any")) throw new Refusal(NOT_YOUR_ROLE, 403);
  const where = auditLogWhere(viewer, filter);
  const offset = (filter.page - 1) * AUDIT_LOG_PAGE_SIZE;
  const [rows, [{ total }]] = await Promise.all([
    db.execute<AuditLogRow>(sql`
      with page as (
        select ${auditEvents.id} as id, ${auditEvents.actorId} as actor_id,
          ${auditEvents.action} as action, ${auditEvents.targetType} as target_type,
          ${auditEvents.targetId} as target_id, ${auditEvents.details} as details,
          ${auditEvents.createdAt} as created_at, ${targetUuid} as target_uuid
        from ${auditEvents}
        where ${where}
        order by ${auditEvents.createdAt} desc, ${auditEvents.id} desc
        limit ${AUDIT_LOG_PAGE_SIZE} offset ${offset}
      )
      select page.id, page.action, page.target_type, page.target_id, page.details,
        page.created_at, actor.display_name as actor_name, actor.handle as actor_handle,
        ${threads.id} as thread_id, ${threads.title} as thread_title,
        ${posts.position} as post_position,
        person.display_name as person_name, person.handle as person_handle,
        ${auditEntryDetailedFor(viewer)} as detailed
      from page
      -- The rule reads the entry's own row: decided for the page's entries only.
      join ${auditEvents} on ${auditEvents.id} = page.id
      left join ${users} actor on actor.id = page.actor_id
      left join ${posts} on page.target_type = 'post' and ${posts.id} = page.target_uuid
      left join ${threads} on ${threads.id} = case
        when page.target_type = 'thread' then page.target_uuid
        when page.target_type = 'post' then ${posts.threadId}
      end
      left join ${users} person on page.target_type = 'user' and person.id = page.target_uuid
      order by page.created_at desc, page.id desc
    `),
    db.execute<{ total: number }>(sql`
      select count(*)::int as total from (
        select 1 from ${auditEvents} where ${where} limit ${AUDIT_LOG_COUNT_CAP}
      ) capped
    `),
  ]);
  const entries = rows.map((row): AuditLogEntry => {
    const details =
      typeof row.details === "string"
        ? (JSON.parse(row.details) as Record<string, unknown>)
        : (row.details ?? {});
    const withheld = !row.detailed;
    return {
      id: row.id,
      action: row.action,
      targetType: row.target_type,
      // A withheld entry names nothing: not even an id that could be tried elsewhere.
      targetId: withheld ? null : row.target_id,
      details: withheld ? {} : details,
      createdAt: new Date(row.created_at),
      actor:
        row.actor_name !== null && row.actor_handle !== null
          ? { name: row.actor_name, handle: row.actor_handle }
          : null,
      thread:
        row.thread_id && row.thread_title !== null && !withheld
          ? { id: row.thread_id, title: row.thread_title }
          : null,
      postPosition: row.target_type === "post" && !withheld ? row.post_position : null,
      person:
        row.person_name !== null && row.person_handle !== null
          ? { name: row.person_name, handle: row.person_handle }
          : null,
      withheld,
    };
  });
  const names = await nameAuditReferences(
    viewer,
    entries.flatMap((entry) =>
      entry.withheld || entry.targetId === null ? [] : [{ ...entry, targetId: entry.targetId }],
    ),
  );
  return { entries, names, total, capped: total >= AUDIT_LOG_COUNT_CAP };
}

/**
 * People whose role includes reading the log (those who act in it), to suggest handles for the
 * log's filter; capped, in name order.
 */
export async function listAuditActors() {
  return db
    .select({ id: users.id, displayName: users.displayName, handle: users.handle })
    .from(users)
    .where(inArray(users.role, rolesWith("read:audit-log:any")))
    .orderBy(asc(users.displayName), asc(users.id))
    .limit(500);
}
