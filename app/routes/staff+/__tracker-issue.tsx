import { Link } from "@remix-run/react";
import { Alert } from "~/components/ui/alert";
import { RelativeTime } from "~/components/ui/relative-time";
import type { TrackerKind } from "#db/schema/values";
import { trackerKindLabels } from "~/validation/trackers";

/** The issue an item follows, as its tracker last told us (staff's item page only). */
export type TrackerIssue = {
  integrationId: string;
  kind: TrackerKind;
  key: string;
  title: string | null;
  status: string | null;
  syncedAt: string | Date | null;
  enabled: boolean;
  statusMapped: boolean | null;
};

/** "Jira PROJ-123 · In Review · updated 5 minutes ago", the key linking to the issue. */
export function TrackerIssueLine({ tracker, url }: { tracker: TrackerIssue; url: string }) {
  return (
    <span>
      <a
        href={url}
        rel="noreferrer noopener"
        target="_blank"
        title={tracker.title ?? undefined}
        className="issue-key"
      >
        {trackerKindLabels[tracker.kind]} {tracker.key}
      </a>
      {tracker.status ? (
        <>
          {" · "}
          <strong>{tracker.status}</strong>
          {tracker.syncedAt ? (
            <>
              {" · updated "}
              <RelativeTime date={tracker.syncedAt} />
            </>
          ) : null}
        </>
      ) : (
        <span className="muted"> · no update from {trackerKindLabels[tracker.kind]} yet</span>
      )}
      {tracker.enabled ? null : <span className="muted"> (updates are off)</span>}
    </span>
  );
}

/** Said when the tracker's status moves nothing: it is not in the integration's mapping. */
export function UnmappedTrackerStatus({
  tracker,
  mayManage,
}: {
  tracker: TrackerIssue;
  mayManage: boolean;
}) {
  if (tracker.statusMapped !== false || !tracker.status) return null;
  const kind = trackerKindLabels[tracker.kind];
  return (
    <Alert>
      {kind}’s status “{tracker.status}” is not mapped to a backlog status, so it didn’t move this
      item.{" "}
      {mayManage ? (
        <Link to={`/admin/integrations/trackers/${tracker.integrationId}`}>
          Map it in the {kind} integration’s settings
        </Link>
      ) : (
        `An admin can map it in Admin → Integrations.`
      )}
    </Alert>
  );
}
