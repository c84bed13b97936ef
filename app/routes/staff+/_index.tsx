import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUserWithPermission } from "~/auth/current-user.server";
import { Badge } from "~/components/ui/badge";
import { RelativeTime } from "~/components/ui/relative-time";
import { getStaffWorkspace, WORKSPACE_DAYS } from "~/models/staff-home.server";
import { formatCount } from "~/utils/format";
import {
  backlogStatusLabels,
  backlogStatusTones,
  ideaStatusLabels,
  triageKindLabels,
} from "~/utils/labels";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "manage:backlog:any");
  return {
    workspace: await getStaffWorkspace(user),
    firstName: user.displayName.split(" ")[0],
    days: WORKSPACE_DAYS,
  };
}

type Workspace = ReturnType<typeof useLoaderData<typeof loader>>["workspace"];

/** The product team's desk: what waits, what moved, what is theirs — each one step from its list. */
export default function StaffHomePage() {
  const { workspace, firstName, days } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Workspace</h1>
          <p>
            Good to see you, {firstName}. What came in, what gained supporters and what moved in the
            last {days} days.
          </p>
        </div>
      </div>
      <div className="grid-2 workspace-grid">
        <InboxCard workspace={workspace} />
        <OwnedCard workspace={workspace} />
        <GainingCard workspace={workspace} />
        <ChangesCard workspace={workspace} />
      </div>
    </>
  );
}

function InboxCard({ workspace }: { workspace: Workspace }) {
  const { inbox, assignedToMe } = workspace;
  return (
    <section className="card" aria-labelledby="inbox-heading">
      <h2 id="inbox-heading">Waiting in the inbox</h2>
      <p>
        {inbox.open === 0
          ? "Nothing waits for triage: every entry has been reviewed."
          : `${formatCount(inbox.open)} ${inbox.open === 1 ? "entry waits" : "entries wait"} for a first look${
              assignedToMe.count > 0 ? `, ${formatCount(assignedToMe.count)} assigned to you` : ""
            }.`}
      </p>
      {inbox.newest.length > 0 ? (
        <ul className="plain-list workspace-list" aria-label="Newest inbox entries">
          {inbox.newest.map((entry) => (
            <li key={entry.key}>
              <Link to={`/p/${entry.postId}`}>{entry.threadTitle}</Link>
              <span className="muted small">
                {" "}
                {triageKindLabels[entry.kind]} · {entry.authorName ?? "a former member"}
                {entry.accountName ? `, ${entry.accountName}` : ""} ·{" "}
                <RelativeTime date={entry.at} />
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="row">
        <Link className="btn btn-primary" to="/staff/inbox">
          Open the inbox
        </Link>
        {assignedToMe.count > 0 ? <Link to="/staff/inbox?show=mine">Assigned to you</Link> : null}
      </div>
    </section>
  );
}

function OwnedCard({ workspace }: { workspace: Workspace }) {
  return (
    <section className="card" aria-labelledby="owned-heading">
      <h2 id="owned-heading">Yours</h2>
      {workspace.owned.length === 0 ? (
        <p className="muted">
          You own no open backlog item. Owners are set on an item&apos;s page; items you own show
          here with their status and target.
        </p>
      ) : (
        <ul className="plain-list workspace-list" aria-label="Backlog items you own">
          {workspace.owned.map((item) => (
            <li key={item.id}>
              <Link to={`/staff/backlog/${item.id}`}>{item.title}</Link>{" "}
              <Badge tone={backlogStatusTones[item.status]}>
                {backlogStatusLabels[item.status]}
              </Badge>
              <span className="muted small">
                {" "}
                {formatCount(item.memberCount)} {item.memberCount === 1 ? "member" : "members"}
                {item.target ? ` · target ${item.target}` : ""}
              </span>
            </li>
          ))}
        </ul>
      )}
      <div className="row">
        <Link to="/staff/backlog">The whole backlog</Link>
      </div>
    </section>
  );
}

function GainingCard({ workspace }: { workspace: Workspace }) {
  const { gainingItems, gainingIdeas } = workspace;
  const nothing = gainingItems.length === 0 && gainingIdeas.length === 0;
  return (
    <section className="card" aria-labelledby="gaining-heading">
      <h2 id="gaining-heading">Gained supporters this week</h2>
      {nothing ? (
        <p className="muted">
          Nothing gained votes or endorsements this week. New support for ideas and for the work
          they feed shows here.
        </p>
      ) : null}
      {gainingItems.length > 0 ? (
        <>
          <h3 className="small-heading">Backlog items</h3>
          <ul className="plain-list workspace-list" aria-label="Backlog items gaining supporters">
            {gainingItems.map((item) => (
              <li key={item.id}>
                <Link to={`/staff/backlog/${item.id}`}>{item.title}</Link>
                <span className="muted small">
                  {" "}
                  {backlogStatusLabels[item.status]} · +{formatCount(item.supporters)}{" "}
                  {item.supporters === 1 ? "supporter" : "supporters"}
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {gainingIdeas.length > 0 ? (
        <>
          <h3 className="small-heading">Ideas</h3>
          <ul className="plain-list workspace-list" aria-label="Ideas gaining votes">
            {gainingIdeas.map((idea) => (
              <li key={idea.id}>
                <Link to={`/t/${idea.id}`}>{idea.title}</Link>
                <span className="muted small">
                  {" "}
                  {ideaStatusLabels[idea.status]} · +{formatCount(idea.gained)} this week,{" "}
                  {formatCount(idea.votes)} in all
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <div className="row">
        <Link to="/ideas?sort=trending">Trending ideas</Link>
      </div>
    </section>
  );
}

function ChangesCard({ workspace }: { workspace: Workspace }) {
  return (
    <section className="card" aria-labelledby="changes-heading">
      <h2 id="changes-heading">Changed status</h2>
      {workspace.changes.length === 0 ? (
        <p className="muted">No idea or backlog item changed status this week.</p>
      ) : (
        <ul className="plain-list workspace-list" aria-label="Recent status changes">
          {workspace.changes.map((change) => (
            <li key={change.id}>
              <Link
                to={
                  change.kind === "backlog"
                    ? `/staff/backlog/${change.targetId}`
                    : `/t/${change.targetId}`
                }
              >
                {change.title}
              </Link>
              <span className="muted small">
                {" "}
                {change.kind === "backlog" ? "Backlog item" : "Idea"}:{" "}
                {change.kind === "backlog"
                  ? `${backlogStatusLabels[change.from as keyof typeof backlogStatusLabels]} → ${backlogStatusLabels[change.to as keyof typeof backlogStatusLabels]}`
                  : `${ideaStatusLabels[change.from as keyof typeof ideaStatusLabels]} → ${ideaStatusLabels[change.to as keyof typeof ideaStatusLabels]}`}
                {change.by ? `, by ${change.by}` : ""} · <RelativeTime date={change.at} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export const meta: MetaFunction = () => [{ title: "Workspace · Vanguard" }];
