import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { can, decideLearningAction } from "~/auth/policy.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { ObserverNotice } from "~/components/observer-notice";
import { Pagination } from "~/components/ui/pagination";
import { setSpaceWatch } from "~/models/space.server";
import { listThreadsInSpace, THREADS_PAGE_SIZE } from "~/models/thread.server";
import { answer, invalid } from "~/utils/action-answer.server";
import { parseSubmission } from "~/utils/form.server";
import { threadKindLabels, visibilityLabel } from "~/utils/labels";
import { requireVisibleSpace, ThreadListQuerySchema, WatchSchema } from "./__space-queries.server";
import { ThreadRow } from "~/components/thread-row";
import { THREAD_KINDS } from "#db/schema/values";
import { useHrefWith } from "~/utils/use-href-with";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, space } = await requireVisibleSpace(request, params.slug);
  const query = ThreadListQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { threads, total } = await listThreadsInSpace(user, space.id, query);
  return {
    space,
    threads,
    total,
    query,
    pageSize: THREADS_PAGE_SIZE,
    canManage: can(user, "manage:space-members:any"),
    canPublishLearning: decideLearningAction(user, { locked: false }, "publish").ok,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, space } = await requireVisibleSpace(request, params.slug);
  const submission = await parseSubmission(request, WatchSchema);
  if (submission.status !== "success") return invalid(submission);
  const watching = submission.value.watch === "on";
  await setSpaceWatch(user, space.id, watching);
  return answer(submission, { done: watching ? "Watching this space." : "No longer watching." });
}

export default function SpacePage() {
  const { space, threads, total, query, pageSize, canManage, canPublishLearning } =
    useLoaderData<typeof loader>();
  const hrefWith = useHrefWith();
  return (
    <div className="page">
      <Breadcrumbs items={[{ to: "/spaces", label: "Spaces" }, { label: space.name }]} />
      <div className="page-header">
        <div>
          <h1>{space.name}</h1>
          {space.description ? <p>{space.description}</p> : null}
          <p className="small">{visibilityLabel(space.visibility, space.minTier)}</p>
        </div>
        <div className="row">
          {canManage ? (
            <Link className="btn" to={`/spaces/${space.slug}/manage`}>
              People
            </Link>
          ) : null}
          <Form method="post">
            <input type="hidden" name="watch" value={space.watching ? "off" : "on"} />
            <button type="submit" className="btn" aria-pressed={space.watching}>
              {space.watching ? "Watching" : "Watch space"}
            </button>
          </Form>
          {space.ideasEnabled ? (
            <Link className="btn" to={`/spaces/${space.slug}/new?kind=idea`}>
              Post an idea
            </Link>
          ) : null}
          <Link className="btn" to={`/proposals/new?space=${space.slug}`}>
            Write a proposal
          </Link>
          {canPublishLearning ? (
            <Link className="btn" to={`/spaces/${space.slug}/new?kind=learning`}>
              Publish a learning
            </Link>
          ) : null}
          <Link className="btn btn-primary" to={`/spaces/${space.slug}/new`}>
            New thread
          </Link>
        </div>
      </div>
      <ObserverNotice observers={space.observers} />
      <div className="row" style={{ justifyContent: "space-between", margin: "1rem 0 0.75rem" }}>
        <nav className="tabs" aria-label="Order">
          {(["latest", "new", "top"] as const).map((sort) => (
            <Link
              key={sort}
              to={hrefWith({ sort: sort === "latest" ? undefined : sort })}
              aria-current={query.sort === sort ? "page" : undefined}
            >
              {{ latest: "Latest activity", new: "New", top: "Top" }[sort]}
            </Link>
          ))}
        </nav>
        <nav className="tabs" aria-label="Kind">
          {[undefined, ...THREAD_KINDS].map((kind) => (
            <Link
              key={kind ?? "all"}
              to={hrefWith({ kind })}
              aria-current={query.kind === kind ? "page" : undefined}
            >
              {kind ? `${threadKindLabels[kind]}s` : "All kinds"}
            </Link>
          ))}
        </nav>
      </div>
      {threads.length === 0 ? (
        <div className="card empty">
          <p>
            {query.kind
              ? `No ${query.kind} threads here yet.`
              : "Nothing has been posted here yet."}
          </p>
          <Link className="btn btn-primary" to={`/spaces/${space.slug}/new`}>
            Start the first thread
          </Link>
        </div>
      ) : (
        <ul className="thread-list" aria-label="Threads">
          {threads.map((thread) => (
            <ThreadRow key={thread.id} thread={thread} />
          ))}
        </ul>
      )}
      <Pagination page={query.page} pageSize={pageSize} total={total} />
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: loaderData }) => [
  { title: `${loaderData?.space.name ?? "Space"} · Vanguard` },
];
