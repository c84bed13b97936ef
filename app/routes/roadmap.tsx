import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ROADMAP_STATUSES } from "#db/schema/values";
import { can } from "~/auth/policy.server";
import { requireUser } from "~/auth/current-user.server";
import { CreditLine } from "~/components/credit-line";
import { RelativeTime } from "~/components/ui/relative-time";
import { listRoadmap } from "~/models/roadmap.server";
import { backlogStatusLabels } from "~/utils/labels";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { columns: await listRoadmap(user), staff: can(user, "manage:backlog:any") };
}

const columnIntros = {
  planned: "Decided, and coming.",
  in_progress: "Being built now.",
  shipped: "Done lately. The changelog has everything that shipped.",
} as const;

export default function RoadmapPage() {
  const { columns, staff } = useLoaderData<typeof loader>();
  const empty = ROADMAP_STATUSES.every((status) => columns[status].length === 0);
  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Roadmap</h1>
          <p>
            What the product team has planned, is building and has shipped, and the members&apos;
            ideas that led there.
          </p>
        </div>
        <Link className="btn" to="/changelog">
          Changelog
        </Link>
      </div>
      {empty ? (
        <div className="card empty">
          <p>
            Nothing on the roadmap yet. When the team plans work from members&apos; ideas, it shows
            here.
          </p>
          <Link className="btn" to="/ideas">
            See the ideas
          </Link>
        </div>
      ) : (
        <div className="roadmap-columns">
          {ROADMAP_STATUSES.map((status) => (
            <section key={status} aria-labelledby={`column-${status}`}>
              <h2 id={`column-${status}`}>
                {backlogStatusLabels[status]}{" "}
                <span className="muted small">({columns[status].length})</span>
              </h2>
              <p className="muted small">{columnIntros[status]}</p>
              {columns[status].length === 0 ? (
                <p className="muted small">Nothing here right now.</p>
              ) : (
                <ol aria-label={backlogStatusLabels[status]}>
                  {columns[status].map((item) => (
                    <li key={item.id} id={`item-${item.id}`} className="card roadmap-item">
                      <h3>{item.title}</h3>
                      <div className="meta">
                        {item.target && status !== "shipped" ? <span>{item.target}</span> : null}
                        {item.shippedAt ? (
                          <span>
                            Shipped <RelativeTime date={item.shippedAt} />
                          </span>
                        ) : null}
                        {staff ? (
                          <Link to={`/staff/backlog/${item.id}`}>In the backlog</Link>
                        ) : null}
                      </div>
                      {item.descriptionHtml ? (
                        <div
                          className="rich-text small"
                          // backlog_items.description_html: rendered from validated tiptap JSON and sanitized with
                          // the allowlist when the item was saved: readBacklogFields calls readPostContent, which uses
                          // renderRichTextHtml in app/editor/content.server.ts. No other HTML goes here.
                          dangerouslySetInnerHTML={{ __html: item.descriptionHtml }}
                        />
                      ) : null}
                      {item.ideas.length > 0 ? (
                        <ul className="small" aria-label={`Ideas behind ${item.title}`}>
                          {item.ideas.map((idea) => (
                            <li key={idea.id}>
                              <Link to={`/t/${idea.id}`}>{idea.title}</Link>{" "}
                              <span className="muted">
                                ({idea.voteCount} {idea.voteCount === 1 ? "vote" : "votes"})
                              </span>
                            </li>
                          ))}
                        </ul>
                      ) : null}
                      <CreditLine credits={item.credits} />
                    </li>
                  ))}
                </ol>
              )}
            </section>
          ))}
        </div>
      )}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Roadmap · Vanguard" }];
