import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { DiffText } from "~/components/diff-text";
import { RelativeTime } from "~/components/ui/relative-time";
import { Pagination } from "~/components/ui/pagination";
import { listAcceptedCorrections } from "~/models/learning.server";
import { getPostForViewer } from "~/models/post.server";
import { listRevisionsPage } from "~/models/post-history.server";
import { pageParam, uuidParam } from "~/utils/query.server";
import { invariantResponse } from "~/utils/responses.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = uuidParam(params.postId);
  const post = id ? await getPostForViewer(user, id) : null;
  invariantResponse(
    post,
    "No such post. It may have been deleted, or be somewhere you can't see.",
    {
      status: 404,
    },
  );
  const page = pageParam(request);
  const isLearningText = post.position === 1 && post.thread.kind === "learning";
  const [{ versions, total, pageSize }, corrections] = await Promise.all([
    listRevisionsPage(user, post.id, page),
    isLearningText ? listAcceptedCorrections(post.thread.id) : [],
  ]);
  return {
    corrections,
    page,
    post: { id: post.id, thread: post.thread, space: post.space, deleted: post.deleted },
    versions,
    total,
    pageSize,
  };
}

export default function PostHistoryPage() {
  const { post, versions, page, total, pageSize, corrections } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <Breadcrumbs
        items={[
          { to: "/spaces", label: "Spaces" },
          { to: `/spaces/${post.space.slug}`, label: post.space.name },
          { to: `/p/${post.id}`, label: post.thread.title },
          { label: "History" },
        ]}
      />
      <h1>History of this post</h1>
      <p className="muted">
        <ins className="diff-added">Added text</ins> and{" "}
        <del className="diff-removed">removed text</del> are shown for each version against the one
        before. <Link to={`/p/${post.id}`}>Back to the post</Link>
      </p>
      {versions.length === 0 ? (
        <p className="card muted">
          {post.deleted ? "Its author deleted this post and its history." : "No history yet."}
        </p>
      ) : (
        <ol className="stack" aria-label="Versions, newest first">
          {versions.map((version) => {
            const correction = corrections.find((c) => c.revision === version.revision);
            return (
              <li key={version.revision} className="card" id={`revision-${version.revision}`}>
                <h2>
                  Version {version.revision}
                  {version.revision === 1 ? " (original)" : ""}
                </h2>
                <p className="muted small">
                  by {version.editorName ?? "a former member"},{" "}
                  <RelativeTime date={version.createdAt} />
                  {version.titleChanged ? ` · title changed to “${version.title}”` : ""}
                </p>
                {version.reason ? (
                  <p className="small moderator-reason">
                    <strong>Edited by a moderator:</strong> {version.reason}
                  </p>
                ) : null}
                {version.redacts ? (
                  <p className="small moderator-reason">
                    This edit redacted the earlier versions: only moderators can read them.
                  </p>
                ) : null}
                <div className={correction ? "revision-with-correction" : undefined}>
                  {version.redacted ? (
                    <p className="muted">An earlier version was redacted by a moderator.</p>
                  ) : (
                    <DiffText parts={version.changes} />
                  )}
                  {correction ? (
                    <aside
                      className="accepted-correction"
                      aria-label="The correction this version took in"
                    >
                      <p className="small">
                        <strong>
                          Took in the correction by {correction.authorName ?? "a former member"}:
                        </strong>
                      </p>
                      <p className="learning-correction-text small">{correction.excerpt}</p>
                      <Link className="small" to={`/p/${correction.postId}`}>
                        Read the correction
                      </Link>
                    </aside>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ol>
      )}
      <Pagination page={page} pageSize={pageSize} total={total} />
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Post history · Vanguard" }];
