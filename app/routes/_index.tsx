import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { can } from "~/auth/policy.server";
import { requireUser } from "~/auth/current-user.server";
import { FirstRunWelcome } from "~/components/first-run-welcome";
import { Alert } from "~/components/ui/alert";
import { ThreadRow } from "~/components/thread-row";
import { RelativeTime } from "~/components/ui/relative-time";
import { getHomeSummary } from "~/models/community.server";
import { hasConsentsToAnswer } from "~/models/consent.server";
import { dismissFirstRun, getFirstRun } from "~/models/first-run.server";
import { listItemsGainingDemand } from "~/models/backlog-list.server";
import { listRecentThreadsForViewer } from "~/models/thread.server";
import { countOpenTriage } from "~/models/triage.server";
import { countModerationWork } from "~/models/moderation-queue.server";
import { getAlumniNotice } from "~/models/value-membership.server";
import { answer, invalid } from "~/utils/action-answer.server";
import { parseSubmission } from "~/utils/form.server";
import { backlogStatusLabels } from "~/utils/labels";
import { formatCount, formatDate } from "~/utils/format";
import { HomeActionSchema } from "./__small-forms.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [summary, recent, firstRun, openTriage, gaining, moderationWork, alumni, consentsToAnswer] =
    await Promise.all([
      getHomeSummary(user.id),
      listRecentThreadsForViewer(user, 12),
      getFirstRun(user),
      // Staff only (null and [] without a query for anyone else).
      countOpenTriage(user),
      listItemsGainingDemand(user),
      // Moderators, staff and admins only (null without a query for members).
      countModerationWork(user),
      getAlumniNotice(user),
      // Customers' people only (false without a query for anyone else).
      hasConsentsToAnswer(user),
    ]);
  return {
    displayName: user.displayName,
    role: user.role,
    accountName: summary?.accountName ?? null,
    joinedAt: summary?.joinedAt ?? null,
    members: summary?.members ?? 0,
    accounts: summary?.accountsCount ?? 0,
    canAdminister: can(user, "read:member:any"),
    recent,
    firstRun,
    productTeam: openTriage === null ? null : { openTriage, gaining },
    moderationWork,
    alumni,
    consentsToAnswer,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = await parseSubmission(request, HomeActionSchema);
  if (submission.status !== "success") return invalid(submission);
  await dismissFirstRun(user);
  return answer(submission, { done: "The welcome is hidden." });
}

export default function HomePage() {
  const home = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const firstName = home.displayName.split(" ")[0];
  return (
    <div className="page">
      {searchParams.get("welcome") ? (
        <Alert tone="success">Welcome to the community, {firstName}. You're signed in.</Alert>
      ) : null}
      <div className="page-header">
        <div>
          <h1>
            {home.firstRun ? "Welcome" : "Welcome back"}, {firstName}
          </h1>
          <p>
            {home.accountName ? (
              <>
                You're here for <strong>{home.accountName}</strong>.{" "}
              </>
            ) : null}
            {home.firstRun ? null : (
              <>
                Member since <RelativeTime date={home.joinedAt} />.{" "}
              </>
            )}
            The community: {formatCount(home.members)} people from {formatCount(home.accounts)}{" "}
            customer organizations.
          </p>
        </div>
      </div>
      {home.alumni ? (
        <section className="card section-gap" aria-labelledby="alumni-heading">
          <h2 id="alumni-heading">Your access to top-tier spaces ended</h2>
          <p>
            {home.alumni.accountName ?? "Your account"} left the top tiers on{" "}
            {formatDate(home.alumni.since)}, so the spaces for top-tier accounts are closed to you
            now. You keep everything you wrote, your profile, and every space open to all members.
            If your account returns to the top tiers, your access comes back by itself.
          </p>
        </section>
      ) : null}
      {home.consentsToAnswer && !home.firstRun ? (
        <section className="card section-gap" aria-labelledby="consents-heading">
          <h2 id="consents-heading">How may we use your words and name?</h2>
          <p>
            Staff read posts where they observe, quote members in learnings, use their words as
            evidence on the backlog and credit them on the roadmap. Each of these has written terms:
            tell us your answer to each, and change it any time.{" "}
            <Link to="/me/data#consents">Review your answers</Link>
          </p>
        </section>
      ) : null}
      {home.firstRun ? <FirstRunWelcome firstRun={home.firstRun} /> : null}
      {home.productTeam ? <ProductTeamDesk desk={home.productTeam} /> : null}
      {home.moderationWork !== null ? (
        <section className="card section-gap" aria-labelledby="moderation-heading">
          <h2 id="moderation-heading">For the moderators</h2>
          <p>
            {home.moderationWork === 0
              ? "Nothing waits in the moderation queue."
              : `${formatCount(home.moderationWork)} ${home.moderationWork === 1 ? "item waits" : "items wait"} in the moderation queue.`}{" "}
            <Link to="/mod/queue">Open the queue</Link>
          </p>
        </section>
      ) : null}
      <section aria-labelledby="recent-heading">
        <div className="row" style={{ justifyContent: "space-between" }}>
          <h2 id="recent-heading">Latest in your spaces</h2>
          <Link to="/spaces">All spaces</Link>
        </div>
        {home.recent.length === 0 ? (
          <div className="card empty">
            <p>No conversations yet in the spaces open to you.</p>
            <Link className="btn btn-primary" to="/spaces">
              Browse spaces
            </Link>
          </div>
        ) : (
          <ul className="thread-list" aria-label="Latest threads">
            {home.recent.map((thread) => (
              <ThreadRow key={thread.id} thread={thread} />
            ))}
          </ul>
        )}
      </section>
      {home.canAdminister ? (
        <section className="card section-gap" aria-labelledby="admin-tasks">
          <h2 id="admin-tasks">Administration</h2>
          <p className="muted">
            Invite people, manage roles and suspensions, and keep account value data current.
          </p>
          <div className="row">
            <Link className="btn btn-primary" to="/admin/members/invite">
              Invite someone
            </Link>
            <Link className="btn" to="/admin/members">
              Members
            </Link>
            <Link className="btn" to="/admin/accounts">
              Accounts and tiers
            </Link>
          </div>
        </section>
      ) : null}
    </div>
  );
}

/** Staff's two questions: what came in that nobody has triaged, and what gained demand lately. */
function ProductTeamDesk({
  desk,
}: {
  desk: {
    openTriage: number;
    gaining: {
      id: string;
      title: string;
      status: keyof typeof backlogStatusLabels;
      supporters: number;
    }[];
  };
}) {
  return (
    <section className="card section-gap" aria-labelledby="product-team-heading">
      <h2 id="product-team-heading">For the product team</h2>
      <p>
        {desk.openTriage === 0
          ? "Nothing waiting in the triage inbox."
          : `${formatCount(desk.openTriage)} ${desk.openTriage === 1 ? "entry" : "entries"} in the triage inbox that nobody has reviewed yet.`}{" "}
        <Link to="/staff/inbox">Open the inbox</Link> or <Link to="/staff">your workspace</Link>
      </p>
      {desk.gaining.length > 0 ? (
        <>
          <h3 className="small-heading">Gaining demand this week</h3>
          <ul className="plain-list" aria-label="Backlog items gaining demand this week">
            {desk.gaining.map((item) => (
              <li key={item.id}>
                <Link to={`/staff/backlog/${item.id}`}>{item.title}</Link>{" "}
                <span className="muted small">
                  ({backlogStatusLabels[item.status]}, +{item.supporters} new{" "}
                  {item.supporters === 1 ? "supporter" : "supporters"})
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="muted small">No backlog item gained supporters this week.</p>
      )}
    </section>
  );
}

export const meta: MetaFunction = () => [{ title: "Home · Vanguard" }];
