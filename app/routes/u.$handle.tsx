import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/policy.server";
import { Avatar } from "~/components/ui/avatar";
import { Badge } from "~/components/ui/badge";
import { RelativeTime } from "~/components/ui/relative-time";
import { getProfile } from "~/models/profile.server";
import { staffBadge, tierLabels } from "~/utils/labels";
import { invariantResponse } from "~/utils/responses.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireUser(request);
  const profile = params.handle ? await getProfile(viewer, params.handle) : null;
  invariantResponse(profile, "No one here has that handle.", { status: 404 });
  return { ...profile, isSelf: profile.person.id === viewer.id };
}

export default function ProfilePage() {
  const { person, recentPosts, isSelf } = useLoaderData<typeof loader>();
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
