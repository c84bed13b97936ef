import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { can } from "~/auth/policy.server";
import { requireUser } from "~/auth/current-user.server";
import { Badge } from "~/components/ui/badge";
import { RelativeTime } from "~/components/ui/relative-time";
import { listSpacesForViewer } from "~/models/space.server";
import { visibilityLabel } from "~/utils/labels";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { spaces: await listSpacesForViewer(user), canCreate: can(user, "create:space:any") };
}

export default function SpacesPage() {
  const { spaces, canCreate } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Spaces</h1>
          <p>
            Where members talk with each other. Each space says who can see it and which staff
            observe it.
          </p>
        </div>
        {canCreate ? (
          <Link className="btn" to="/admin/spaces/new">
            Create a space
          </Link>
        ) : null}
      </div>
      {spaces.length === 0 ? (
        <div className="card empty">
          <p>No spaces are open to you yet.</p>
          {canCreate ? (
            <Link className="btn btn-primary" to="/admin/spaces/new">
              Create the first space
            </Link>
          ) : (
            <p>An admin opens spaces; you'll see them here.</p>
          )}
        </div>
      ) : (
        <ul className="space-list">
          {spaces.map((space) => (
            <li key={space.id} className="card space-item">
              <h2>
                <Link to={`/spaces/${space.slug}`}>{space.name}</Link>
              </h2>
              {space.description ? <p className="muted">{space.description}</p> : null}
              <div className="meta">
                <span>{visibilityLabel(space.visibility, space.minTier)}</span>
                <span>
                  {space.threadCount} {space.threadCount === 1 ? "thread" : "threads"}
                </span>
                {space.unreadThreads > 0 ? (
                  <Badge tone="accent">{space.unreadThreads} with unread posts</Badge>
                ) : null}
                {space.lastActivityAt ? (
                  <span>
                    Active <RelativeTime date={space.lastActivityAt} />
                  </span>
                ) : null}
                {space.observers.length > 0 ? (
                  <span>
                    Observed by {space.observers.map((o) => o.displayName).join(", ")} (staff)
                  </span>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Spaces · Vanguard" }];
