import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { IDEA_STATUSES, TRENDING_DAYS } from "#db/schema/values";
import { can } from "~/auth/policy.server";
import { requireUser } from "~/auth/current-user.server";
import { Badge } from "~/components/ui/badge";
import { FilterSelect, labelledOptions } from "~/components/ui/filter-select";
import { Pagination } from "~/components/ui/pagination";
import { RelativeTime } from "~/components/ui/relative-time";
import { IDEAS_PAGE_SIZE, listIdeaSpaces, listIdeasBoard } from "~/models/idea.server";
import { listTagsForViewer, listThreadTags } from "~/models/tag.server";
import { TagList } from "~/components/tag-chip";
import {
  IDEA_SORTS,
  ideaSortLabels,
  ideaStatusLabels,
  ideaStatusTones,
  importanceLabels,
} from "~/utils/labels";
import { IdeaBoardQuerySchema } from "./__ideas-query.server";
import { formatMoney, formatMoneyCompact } from "~/utils/format";
import { useHrefWith } from "~/utils/use-href-with";
import { ModerationBadge } from "~/components/moderation-badge";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const query = IdeaBoardQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [board, spaces, tags] = await Promise.all([
    listIdeasBoard(user, {
      sort: query.sort,
      status: query.status,
      spaceSlug: query.space,
      tagId: query.tag,
      mine: query.mine === "1",
      voted: query.voted === "1",
      page: query.page,
    }),
    listIdeaSpaces(user),
    listTagsForViewer(user),
  ]);
  const tagsByIdea = await listThreadTags(
    user,
    board.ideas.map((idea) => idea.id),
  );
  const sorts = can(user, "read:account:any")
    ? IDEA_SORTS
    : IDEA_SORTS.filter((sort) => sort !== "value");
  return {
    ...board,
    ideas: board.ideas.map((idea) => ({ ...idea, tags: tagsByIdea[idea.id] ?? [] })),
    spaces,
    tags,
    query: { ...query, sort: board.sort },
    sorts,
    pageSize: IDEAS_PAGE_SIZE,
  };
}

export default function IdeasBoard() {
  const { ideas, total, spaces, tags, query, sorts, pageSize } = useLoaderData<typeof loader>();
  const hrefWith = useHrefWith();
  const filtered = Boolean(query.status || query.space || query.tag || query.mine || query.voted);
  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Ideas</h1>
          <p>
            What members want the product to do next. Vote for the ones that matter to you, and say
            how much; staff answer with a status.
          </p>
        </div>
      </div>
      <nav className="tabs" aria-label="Sort">
        {sorts.map((sort) => (
          <Link
            key={sort}
            to={hrefWith({ sort })}
            aria-current={query.sort === sort ? "page" : undefined}
          >
            {ideaSortLabels[sort]}
          </Link>
        ))}
      </nav>
      {query.sort === "trending" ? (
        <p className="muted small">Most votes in the last {TRENDING_DAYS} days first.</p>
      ) : null}
      {query.sort === "value" ? (
        <p className="muted small">
          <Badge>Staff only</Badge> Value represented: the revenue on file for the accounts whose
          people voted, each account counted once however many of its people voted. Highest first.
        </p>
      ) : null}
      <Form method="get" className="filters card" aria-label="Filter ideas">
        <input type="hidden" name="sort" value={query.sort} />
        <FilterSelect
          id="filter-status"
          name="status"
          label="Status"
          value={query.status}
          any="Any status"
          options={labelledOptions(IDEA_STATUSES, ideaStatusLabels)}
        />
        <FilterSelect
          id="filter-space"
          name="space"
          label="Space"
          value={query.space}
          any="All spaces"
          options={spaces.map((space) => ({ value: space.slug, label: space.name }))}
        />
        {tags.length > 0 ? (
          <FilterSelect
            id="filter-tag"
            name="tag"
            label="Tag"
            value={query.tag}
            any="Any tag"
            options={tags.map((tag) => ({
              value: tag.id,
              label: `${tag.groupName ? `${tag.groupName}: ` : ""}${tag.name}${tag.visibility === "internal" ? " (internal)" : ""}`,
            }))}
          />
        ) : null}
        <label className="checkbox">
          <input type="checkbox" name="voted" value="1" defaultChecked={query.voted === "1"} /> I
          voted
        </label>
        <label className="checkbox">
          <input type="checkbox" name="mine" value="1" defaultChecked={query.mine === "1"} /> Mine
        </label>
        <button type="submit" className="btn">
          Apply filters
        </button>
        {filtered ? <Link to={`/ideas?sort=${query.sort}`}>Clear filters</Link> : null}
      </Form>
      {ideas.length === 0 ? (
        <div className="card empty">
          <p>
            {filtered
              ? "No ideas match these filters."
              : "No ideas yet. Post one from a space that takes ideas (“Post an idea” on the space's page)."}
          </p>
        </div>
      ) : (
        <ul className="thread-list idea-list" aria-label="Ideas">
          {ideas.map((idea) => (
            <li key={idea.id} className="thread-row idea-row">
              <div className="idea-row-votes" aria-hidden="true">
                <strong>{idea.voteCount}</strong>
                <span className="small muted">{idea.voteCount === 1 ? "vote" : "votes"}</span>
              </div>
              <div>
                <Link className="thread-title" to={`/t/${idea.id}`}>
                  {idea.title}
                </Link>
                <span className="visually-hidden">
                  , {idea.voteCount} {idea.voteCount === 1 ? "vote" : "votes"}
                </span>
                <div className="meta">
                  <ModerationBadge state={idea.moderation} />
                  <Badge tone={ideaStatusTones[idea.status]}>{ideaStatusLabels[idea.status]}</Badge>
                  <TagList tags={idea.tags} />
                  <span>{idea.spaceName}</span>
                  <span>
                    {idea.replyCount} {idea.replyCount === 1 ? "reply" : "replies"}
                  </span>
                  <RelativeTime date={idea.createdAt} />
                  {idea.valueCents !== null ? (
                    <span title={formatMoney(idea.valueCents)}>
                      {formatMoneyCompact(idea.valueCents)} represented
                    </span>
                  ) : null}
                  {idea.myImportance ? (
                    <span>You voted: {importanceLabels[idea.myImportance].toLowerCase()}</span>
                  ) : null}
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={query.page} pageSize={pageSize} total={total} />
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Ideas · Vanguard" }];
