import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { IDEA_STATUSES } from "#db/schema/values";
import { requireUser } from "~/auth/current-user.server";
import { Alert } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { FilterSelect, labelledOptions } from "~/components/ui/filter-select";
import { Pagination } from "~/components/ui/pagination";
import { RelativeTime } from "~/components/ui/relative-time";
import { searchPosts } from "~/models/search.server";
import { parseSearchQuery } from "./__search-query.server";
import { listSpacesForViewer } from "~/models/space.server";
import { MATCH_END, MATCH_START, SEARCH_PAGE_SIZE } from "~/utils/search-marks";
import { ideaStatusLabels, ideaStatusTones, threadKindLabels } from "~/utils/labels";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { query, problem } = parseSearchQuery(new URL(request.url));
  const spaces = (await listSpacesForViewer(user)).map((space) => ({
    slug: space.slug,
    name: space.name,
  }));
  if (problem) return data({ query, spaces, search: null, problem }, { status: 400 });
  const search = query.q
    ? await searchPosts(user, {
        q: query.q,
        spaceSlug: query.space || undefined,
        kind: query.kind,
        status: query.status,
        author: query.author || undefined,
        from: query.from,
        to: query.to,
        sort: query.sort,
        page: query.page,
      })
    : null;
  return { query, spaces, search, problem: null };
}

/** Renders a snippet's matches as <mark> without ever treating post text as HTML. */
function Snippet({ text }: { text: string }) {
  const parts = text.split(new RegExp(`(${MATCH_START}[^${MATCH_END}]*${MATCH_END})`));
  return (
    <p className="snippet">
      {parts.map((part, index) =>
        part.startsWith(MATCH_START) ? (
          <mark key={index}>{part.slice(1, -1)}</mark>
        ) : (
          <span key={index}>{part}</span>
        ),
      )}
    </p>
  );
}

/** The kinds of thread a search can be narrowed to. */
const searchKinds = [
  { value: "discussion", label: "Discussions" },
  { value: "insight", label: "Insights" },
  { value: "idea", label: "Ideas" },
  { value: "learning", label: "Staff learnings" },
];

export default function SearchPage() {
  const { query, spaces, search, problem } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <h1>Search</h1>
      <Form method="get" role="search" aria-label="Search posts" className="search-form">
        <div className="field">
          <label htmlFor="q">Search for</label>
          <div className="search-main">
            <input id="q" name="q" type="search" defaultValue={query.q} aria-describedby="q-hint" />
            <button type="submit" className="btn btn-primary">
              Search
            </button>
          </div>
          <span id="q-hint" className="field-hint">
            Use "quotes" for a phrase, OR for either word, and -word to leave a word out.
          </span>
        </div>
        <div className="filters">
          <FilterSelect
            id="space"
            name="space"
            label="Space"
            value={query.space}
            any="All your spaces"
            options={spaces.map((space) => ({ value: space.slug, label: space.name }))}
          />
          <FilterSelect
            id="kind"
            name="kind"
            label="Kind"
            value={query.kind}
            any="Any kind"
            options={searchKinds}
          />
          <FilterSelect
            id="status"
            name="status"
            label="Idea status"
            value={query.status}
            any="Any status"
            options={labelledOptions(IDEA_STATUSES, ideaStatusLabels)}
          />
          <div className="field">
            <label htmlFor="author">Author handle</label>
            <input id="author" name="author" type="text" defaultValue={query.author ?? ""} />
          </div>
          <div className="field">
            <label htmlFor="from">From</label>
            <input id="from" name="from" type="date" defaultValue={query.from ?? ""} />
          </div>
          <div className="field">
            <label htmlFor="to">To</label>
            <input id="to" name="to" type="date" defaultValue={query.to ?? ""} />
          </div>
          <FilterSelect
            id="sort"
            name="sort"
            label="Order"
            value={query.sort}
            options={[
              { value: "relevance", label: "Best match" },
              { value: "newest", label: "Newest first" },
            ]}
          />
        </div>
      </Form>
      {problem ? (
        <Alert tone="error">{problem}</Alert>
      ) : !search ? (
        <p className="muted">Search titles and posts in every space you can see.</p>
      ) : search.results.length === 0 ? (
        <div className="card empty">
          <p>
            Nothing matches “{query.q}”. Try fewer words or another spelling, or remove a filter.
          </p>
        </div>
      ) : (
        <>
          <p className="muted small" aria-live="polite">
            {search.capped
              ? "More than 1,000 results"
              : `${search.total} ${search.total === 1 ? "result" : "results"}`}
          </p>
          <ol className="thread-list" aria-label="Search results">
            {search.results.map((result) => (
              <li key={result.postId} className="thread-row search-result">
                <div>
                  <Link className="thread-title" to={`/p/${result.postId}`}>
                    {result.title}
                    {result.position > 1 ? (
                      <span className="muted"> — reply #{result.position - 1}</span>
                    ) : null}
                  </Link>
                  <Snippet text={result.snippet} />
                  <div className="meta">
                    <span>{result.spaceName}</span>
                    {result.kind === "discussion" ? null : (
                      <Badge tone="accent">{threadKindLabels[result.kind]}</Badge>
                    )}
                    {result.ideaStatus ? (
                      <Badge tone={ideaStatusTones[result.ideaStatus]}>
                        {ideaStatusLabels[result.ideaStatus]}
                      </Badge>
                    ) : null}
                    <span>{result.authorName ?? "a former member"}</span>
                    <RelativeTime date={result.createdAt} />
                  </div>
                </div>
              </li>
            ))}
          </ol>
          <Pagination
            page={query.page}
            pageSize={SEARCH_PAGE_SIZE}
            total={Math.min(search.total, 1000)}
          />
        </>
      )}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: loaderData }) => [
  {
    title: loaderData?.query.q
      ? `“${loaderData.query.q}” · Search · Vanguard`
      : "Search · Vanguard",
  },
];
