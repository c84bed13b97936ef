import { and, eq, isNotNull, sql } from "drizzle-orm";
import { backlogItems, trackerIntegrations } from "#db/schema";
import type { TrackerKind } from "#db/schema/values";
import { statusKey } from "~/validation/trackers";
import type { Database, Transaction } from "~/db.server";
import { issueKey, issueOfUrl } from "~/utils/tracker-urls";
import { uuidArray } from "~/utils/uuid-array";

/**
 * Which tracker issue a backlog item follows: the one its "tracked at" address names, when that
 * address is an issue of a configured, enabled integration (Jira `<site>/browse/KEY-1`, Linear
 * `https://linear.app/<workspace>/issue/ENG-42/…`). Set whenever an item is saved, and for every
 * item at once when an integration is added or turned back on.
 */

type Executor = Pick<Database, "execute">;

/**
 * Links an item to the issue its address names, or unlinks it. What the tracker last said of the
 * issue (title, status) stays only while the item follows the same issue.
 */
export async function linkItemToTracker(tx: Executor, itemId: string, externalUrl: string | null) {
  const issue = issueOfUrl(externalUrl);
  const integration = issue
    ? sql`(select ${trackerIntegrations.id} from ${trackerIntegrations}
        where ${trackerIntegrations.enabled} and ${trackerIntegrations.kind} = ${issue.kind}
          and ${trackerIntegrations.siteUrl} = ${issue.site}
        order by ${trackerIntegrations.createdAt} limit 1)`
    : sql`null::uuid`;
  const key = issue?.key ?? null;
  await tx.execute(sql`
    with target as (select ${integration} as integration_id)
    update ${backlogItems} set
      tracker_integration_id = target.integration_id,
      tracker_issue_key = case when target.integration_id is null then null else ${key}::text end,
      tracker_issue_title = case when ${sameIssue(key)} then tracker_issue_title end,
      tracker_issue_status = case when ${sameIssue(key)} then tracker_issue_status end,
      tracker_synced_at = case when ${sameIssue(key)} then tracker_synced_at end
    from target
    where ${backlogItems.id} = ${itemId}`);
}

/** Whether the row already follows the issue it is being linked to (inside the update above). */
const sameIssue = (key: string | null) =>
  sql`(${backlogItems.trackerIntegrationId} = target.integration_id
    and ${backlogItems.trackerIssueKey} = ${key}::text)`;

/**
 * Links every item whose address is an issue of this integration and that follows nothing yet:
 * the candidates are read by the address's start, each address is read as on save, and one
 * statement links them all.
 */
export async function linkExistingItems(
  tx: Transaction,
  integration: { id: string; kind: TrackerKind; siteUrl: string },
): Promise<number> {
  const prefix = `${integration.siteUrl.replace(/[\\%_]/g, (c) => `\\${c}`)}/%`;
  const candidates = await tx
    .select({ id: backlogItems.id, externalUrl: backlogItems.externalUrl })
    .from(backlogItems)
    .where(
      and(
        isNotNull(backlogItems.externalUrl),
        sql`${backlogItems.trackerIntegrationId} is null`,
        sql`lower(${backlogItems.externalUrl}) like ${prefix}`,
      ),
    );
  const links = candidates.flatMap((item) => {
    const issue = issueOfUrl(item.externalUrl);
    return issue && issue.kind === integration.kind && issue.site === integration.siteUrl
      ? [{ id: item.id, key: issue.key }]
      : [];
  });
  if (links.length === 0) return 0;
  const linked = await tx.execute<{ id: string }>(sql`
    update ${backlogItems} set tracker_integration_id = ${integration.id},
      tracker_issue_key = link.key, tracker_issue_title = null, tracker_issue_status = null,
      tracker_synced_at = null
    from unnest(${uuidArray(links.map((link) => link.id))}::uuid[],
      ${keyArray(links.map((link) => link.key))}::text[]) as link(id, key)
    where ${backlogItems.id} = link.id and ${backlogItems.trackerIntegrationId} is null
    returning ${backlogItems.id}`);
  return linked.length;
}

/** An array literal of issue keys: each is letters, digits, "_" and one "-", nothing to quote. */
const keyArray = (keys: string[]) => `{${keys.filter((key) => issueKey(key) === key).join(",")}}`;

/** Forgets every link to an integration that is going away, and what it said of its issues. */
export async function unlinkItems(tx: Transaction, integrationId: string) {
  await tx
    .update(backlogItems)
    .set({
      trackerIntegrationId: null,
      trackerIssueKey: null,
      trackerIssueTitle: null,
      trackerIssueStatus: null,
      trackerSyncedAt: null,
    })
    .where(eq(backlogItems.trackerIntegrationId, integrationId));
}

/** The columns `withTrackerIssue` reads: select them with tracker_integrations left-joined. */
export const trackerIssueColumns = {
  trackerId: trackerIntegrations.id,
  trackerKind: trackerIntegrations.kind,
  trackerEnabled: trackerIntegrations.enabled,
  trackerStatusMap: trackerIntegrations.statusMap,
  trackerKey: backlogItems.trackerIssueKey,
  trackerTitle: backlogItems.trackerIssueTitle,
  trackerStatus: backlogItems.trackerIssueStatus,
  trackerSyncedAt: backlogItems.trackerSyncedAt,
};

type TrackerIssueRow = {
  [Key in keyof typeof trackerIssueColumns]: (typeof trackerIssueColumns)[Key]["_"]["data"] | null;
};

/**
 * The issue an item follows, as its tracker last told us, or null (staff's page and API only):
 * and whether the integration maps the status shown (null before any status was shown).
 */
export function withTrackerIssue<Row extends TrackerIssueRow>(row: Row) {
  const {
    trackerId,
    trackerKind,
    trackerEnabled,
    trackerStatusMap,
    trackerKey,
    trackerTitle,
    trackerStatus,
    trackerSyncedAt,
    ...fields
  } = row;
  const tracker =
    trackerId && trackerKind && trackerKey
      ? {
          integrationId: trackerId,
          kind: trackerKind,
          key: trackerKey,
          title: trackerTitle,
          status: trackerStatus,
          syncedAt: trackerSyncedAt,
          enabled: trackerEnabled === true,
          statusMapped:
            trackerStatus === null
              ? null
              : Object.hasOwn(trackerStatusMap ?? {}, statusKey(trackerStatus)),
        }
      : null;
  return { fields, tracker };
}
