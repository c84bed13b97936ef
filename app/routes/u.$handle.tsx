import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/policy.server";
import { Avatar } from "~/components/ui/avatar";
import { Badge } from "~/components/ui/badge";
import { RelativeTime } from "~/components/ui/relative-time";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { IdeaRuleError, listProxyVotesFor, withdrawVote } from "~/models/idea.server";
import { getProfile } from "~/models/profile.server";
import { importanceLabels, staffBadge, tierLabels } from "~/utils/labels";
import { invariantResponse } from "~/utils/responses.server";
import { RemoveProxyVoteSchema } from "./__profile-actions.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireUser(request);
  const profile = params.handle ? await getProfile(viewer, params.handle) : null;
  invariantResponse(profile, "No one here has that handle.", { status: 404 });
  const isSelf = profile.person.id === viewer.id;
  // Votes staff recorded for someone are theirs to see and undo, nobody else's business here.
  const proxyVotes = isSelf ? await listProxyVotesFor(viewer) : [];
  return { ...profile, isSelf, proxyVotes };
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireUser(request);
  const parsed = RemoveProxyVoteSchema.safeParse(Object.fromEntries(await request.formData()));
  invariantResponse(parsed.success, "That button isn't on this page any more. Reload it.", {
    status: 400,
  });
  try {
    await withdrawVote(viewer, parsed.data.ideaId);
  } catch (error) {
    if (!(error instanceof IdeaRuleError)) throw error;
    return data({ problem: error.message }, { status: error.status });
  }
  return { problem: null };
}

export default function ProfilePage() {
  const { person, recentPosts, isSelf, proxyVotes } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
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
        {isSelf ? (
          <Link className="btn" to="/settings">
            Edit profile
          </Link>
        ) : null}
      </div>
      {person.bio ? <p className="prose">{person.bio}</p> : null}
      {answer?.problem ? <Alert tone="error">{answer.problem}</Alert> : null}
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

export const meta: MetaFunction<typeof loader> = ({ data: loaderData }) => [
  { title: `${loaderData?.person.displayName ?? "Profile"} · Vanguard` },
];
