import type { ProfileInfluence } from "~/models/influence-read.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { can } from "~/auth/policy.server";
import { requireUser } from "~/auth/current-user.server";
import { flagContent } from "~/models/flag.server";
import { Avatar } from "~/components/ui/avatar";
import { Badge } from "~/components/ui/badge";
import { RelativeTime } from "~/components/ui/relative-time";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { withdrawVote } from "~/models/idea.server";
import { listProxyVotesFor } from "~/models/idea-proxy-vote.server";
import { getConsentsForStaff } from "~/models/consent.server";
import { listProfileAnswersShownTo } from "~/models/profile-field.server";
import { getProfileInfluence } from "~/models/influence-read.server";
import { getProfile } from "~/models/profile.server";
import { problemsOf, useActionAnswer } from "~/utils/action-answer";
import { answerWork, invalid } from "~/utils/action-answer.server";
import { parseSubmission } from "~/utils/form.server";
import { formatCount } from "~/utils/format";
import { formatInfluence } from "~/utils/influence-labels";
import { importanceLabels, staffBadge, tierLabels } from "~/utils/labels";
import { invariantResponse } from "~/utils/responses.server";
import { ProfileActionSchema } from "./__profile-actions.server";
import { ConsentSummary, ProfileAnswers } from "./__profile-panels";
import { ModerationBadge } from "~/components/moderation-badge";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireUser(request);
  const profile = params.handle ? await getProfile(viewer, params.handle) : null;
  invariantResponse(profile, "No one here has that handle.", { status: 404 });
  const isSelf = profile.person.id === viewer.id;
  // Votes staff recorded for someone are theirs to see and undo, nobody else's business here.
  const [proxyVotes, influence, consents, answers] = await Promise.all([
    isSelf ? listProxyVotesFor(viewer) : [],
    profile.person.role === "member" ? getProfileInfluence(viewer, profile.person.id) : null,
    // Staff only (null for anyone else), and only for customers' people.
    getConsentsForStaff(viewer, profile.person.id),
    // Each answer as its member shared it: with every member, with staff, or with nobody.
    listProfileAnswersShownTo(viewer, profile.person.id),
  ]);
  return {
    ...profile,
    isSelf,
    proxyVotes,
    influence,
    consents,
    answers,
    canFlag: !isSelf && can(viewer, "flag:content:own"),
    canModerate: !isSelf && can(viewer, "moderate:member:any"),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireUser(request);
  const submission = await parseSubmission(request, ProfileActionSchema);
  if (submission.status !== "success") return invalid(submission);
  const input = submission.value;
  return answerWork(submission, async () => {
    switch (input.intent) {
      case "remove-proxy-vote":
        await withdrawVote(viewer, input.ideaId);
        return null;
      case "flag": {
        const profile = params.handle ? await getProfile(viewer, params.handle) : null;
        invariantResponse(profile, "No one here has that handle.", { status: 404 });
        const flagged = await flagContent(viewer, {
          userId: profile.person.id,
          reason: input.reason,
          note: input.note,
        });
        return flagged.status === "received"
          ? "Thanks: the moderators will look at this profile."
          : "You already flagged this profile; the moderators will look at it.";
      }
    }
  });
}

export default function ProfilePage() {
  const {
    person,
    recentPosts,
    isSelf,
    proxyVotes,
    influence,
    consents,
    answers,
    canFlag,
    canModerate,
  } = useLoaderData<typeof loader>();
  const outcome = useActionAnswer();
  const problem = problemsOf(outcome);
  const badge = staffBadge(person.role);
  return (
    <div className="page">
      <div className="page-header">
        <div className="row">
          <Avatar name={person.displayName} size="large" />
          <div>
            <h1>{person.displayName}</h1>
            <div className="meta">
              <span>@{person.handle}</span>
              {badge ? <Badge tone="accent">{badge}</Badge> : null}
              {person.accountName ? <span>{person.accountName}</span> : null}
              {person.tier ? (
                <Badge
                  tone={person.tier === "rest" ? "neutral" : "warning"}
                >{`${tierLabels[person.tier]} account`}</Badge>
              ) : null}
              {person.suspended ? <Badge tone="danger">Suspended</Badge> : null}
              <span>
                Joined <RelativeTime date={person.createdAt} />
              </span>
            </div>
          </div>
        </div>
        <div className="row">
          {isSelf ? (
            <Link className="btn" to="/settings">
              Edit profile
            </Link>
          ) : null}
          {canModerate ? (
            <Link className="btn" to={`/mod/people/${person.handle}`}>
              Moderate…
            </Link>
          ) : null}
          {canFlag ? <FlagProfile name={person.displayName} /> : null}
        </div>
      </div>
      {outcome?.done ? <Alert tone="success">{outcome.done}</Alert> : null}
      {person.bio ? <p className="prose">{person.bio}</p> : null}
      {answers.length > 0 ? <ProfileAnswers answers={answers} isSelf={isSelf} /> : null}
      {influence ? <InfluenceSummary personId={person.id} influence={influence} /> : null}
      {consents ? <ConsentSummary consents={consents} /> : null}
      {problem ? <Alert tone="error">{problem}</Alert> : null}
      {proxyVotes.length > 0 ? (
        <section aria-labelledby="proxy-heading" className="card section-gap">
          <h2 id="proxy-heading">Votes recorded for you</h2>
          <p className="muted small">
            Staff added these after hearing from you in a call or a meeting. Remove any that
            don&apos;t reflect what you meant.
          </p>
          <ul className="stack">
            {proxyVotes.map((vote) => (
              <li key={vote.ideaId} className="row" style={{ justifyContent: "space-between" }}>
                <span>
                  <Link to={`/t/${vote.ideaId}`}>{vote.title}</Link> ·{" "}
                  {importanceLabels[vote.importance].toLowerCase()} · added by{" "}
                  {vote.addedByName ?? "a former staff member"}
                  {vote.note ? `: “${vote.note}”` : ""}
                </span>
                {vote.votable ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="remove-proxy-vote" />
                    <input type="hidden" name="ideaId" value={vote.ideaId} />
                    <Button size="small" aria-label={`Remove your vote for ${vote.title}`}>
                      Remove
                    </Button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="recent-heading" className="section-gap">
        <h2 id="recent-heading">Recent posts</h2>
        {recentPosts.length === 0 ? (
          <p className="muted">No posts you can see yet.</p>
        ) : (
          <ul className="thread-list">
            {recentPosts.map((post) => (
              <li key={post.id} className="thread-row search-result">
                <div>
                  <Link className="thread-title" to={`/p/${post.id}`}>
                    {post.position === 1 ? post.threadTitle : `Re: ${post.threadTitle}`}
                  </Link>
                  <p className="snippet muted excerpt-lines">{post.excerpt}</p>
                  <div className="meta">
                    <ModerationBadge state={post.moderation} />
                    <span>{post.spaceName}</span>
                    <RelativeTime date={post.createdAt} />
                  </div>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

const profileFlagReasons = [
  ["spam", "Spam account"],
  ["abusive", "Abusive"],
  ["confidential", "Shares confidential information"],
  ["other", "Something else"],
] as const;

/** Flags the profile for the moderators; works without JavaScript. */
function FlagProfile({ name }: { name: string }) {
  return (
    <details className="inline-action">
      <summary className="btn">Flag profile…</summary>
      <Form method="post" className="alert alert-info flag-form">
        <input type="hidden" name="intent" value="flag" />
        <fieldset>
          <legend>Why should the moderators look at {name}&apos;s profile?</legend>
          {profileFlagReasons.map(([value, label]) => (
            <label key={value} className="radio">
              <input type="radio" name="reason" value={value} required /> {label}
            </label>
          ))}
        </fieldset>
        <label htmlFor="flag-profile-note">Anything the moderators should know (optional)</label>
        <textarea id="flag-profile-note" name="note" rows={2} maxLength={500} />
        <button type="submit" className="btn btn-small">
          Flag profile
        </button>
      </Form>
    </details>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: loaderData }) => [
  { title: `${loaderData?.person.displayName ?? "Profile"} · Vanguard` },
];

/** Staff only: where the member stands in the latest influence run, with a way to the detail. */
function InfluenceSummary({
  personId,
  influence,
}: {
  personId: string;
  influence: ProfileInfluence;
}) {
  return (
    <section aria-labelledby="influence-heading" className="card section-gap">
      <h2 id="influence-heading" className="small-heading">
        Influence <Badge>Staff only</Badge>
      </h2>
      {influence.rank === null ? (
        <p className="muted">
          No one engaged with them, nor they with anyone, as of the run of{" "}
          <RelativeTime date={influence.runCompletedAt} />.
        </p>
      ) : (
        <dl className="idea-value-figures">
          <div>
            <dt>Influence rank</dt>
            <dd>
              #{formatCount(influence.rank)} of {formatCount(influence.ranked)}
            </dd>
          </div>
          <div>
            <dt>Score</dt>
            <dd>{formatInfluence(influence.score ?? 0)}</dd>
          </div>
          <div>
            <dt>Reach, last 90 days</dt>
            <dd>
              {formatCount(influence.reachMembers)}{" "}
              {influence.reachMembers === 1 ? "member" : "members"},{" "}
              {formatCount(influence.reachAccounts)}{" "}
              {influence.reachAccounts === 1 ? "other account" : "other accounts"}
            </dd>
          </div>
        </dl>
      )}
      <p className="muted small">
        From the daily influence run of <RelativeTime date={influence.runCompletedAt} />.{" "}
        <Link to={`/insights/influence/members/${personId}`}>
          How this is computed, and who engages with them
        </Link>
      </p>
    </section>
  );
}
