import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { PROPOSAL_STAGES } from "#db/schema/values";
import { requireUser } from "~/auth/current-user.server";
import { Badge } from "~/components/ui/badge";
import { FilterSelect, labelledOptions } from "~/components/ui/filter-select";
import { Pagination } from "~/components/ui/pagination";
import { RelativeTime } from "~/components/ui/relative-time";
import { listProposals, PROPOSALS_PAGE_SIZE } from "~/models/proposal-list.server";
import { listSpacesForViewer } from "~/models/space.server";
import {
  PROPOSAL_SORTS,
  proposalSortLabels,
  proposalStageLabels,
  proposalStageTones,
} from "~/utils/labels";
import { useHrefWith } from "~/utils/use-href-with";
import { ProposalListQuerySchema } from "./__proposals-query.server";
import { ModerationBadge } from "~/components/moderation-badge";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const query = ProposalListQuerySchema.parse(
    Object.fromEntries(new URL(request.url).searchParams),
  );
  const spaces = await listSpacesForViewer(user);
  const space = query.space ? spaces.find((candidate) => candidate.slug === query.space) : null;
  const list = await listProposals(user, {
    sort: query.sort,
    stage: query.stage,
    show: query.show,
    // An unknown or invisible space shows nothing rather than everything.
    spaceId: query.space ? (space?.id ?? "00000000-0000-0000-0000-000000000000") : undefined,
    page: query.page,
  });
  return {
    ...list,
    spaces: spaces.map((candidate) => ({ slug: candidate.slug, name: candidate.name })),
    query,
    pageSize: PROPOSALS_PAGE_SIZE,
  };
}

const showLabels = { all: "All proposals", mine: "Mine", coauthor: "I co-author" } as const;

export default function ProposalsPage() {
  const { proposals, total, spaces, query, pageSize } = useLoaderData<typeof loader>();
  const hrefWith = useHrefWith();
  const filtered = Boolean(query.stage || query.space);
  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Proposals</h1>
          <p>
            What members and the product team write together: the problem, what to build, who
            benefits and how we'll know it worked. Endorse the ones you'd use.
          </p>
        </div>
        <Link
          className="btn btn-primary"
          to={query.space ? `/proposals/new?space=${query.space}` : "/proposals/new"}
        >
          Write a proposal
        </Link>
      </div>
      <nav className="tabs" aria-label="Whose proposals">
        {(["all", "mine", "coauthor"] as const).map((show) => (
          <Link
            key={show}
            to={hrefWith({ show: show === "all" ? undefined : show, page: undefined })}
            aria-current={(query.show ?? "all") === show ? "page" : undefined}
          >
            {showLabels[show]}
          </Link>
        ))}
      </nav>
      <nav className="tabs" aria-label="Sort">
        {PROPOSAL_SORTS.map((sort) => (
          <Link
            key={sort}
            to={hrefWith({ sort, page: undefined })}
            aria-current={query.sort === sort ? "page" : undefined}
          >
            {proposalSortLabels[sort]}
          </Link>
        ))}
      </nav>
      <Form method="get" className="filters card" aria-label="Filter proposals">
        <input type="hidden" name="sort" value={query.sort} />
        {query.show ? <input type="hidden" name="show" value={query.show} /> : null}
        <FilterSelect
          id="filter-stage"
          name="stage"
          label="Stage"
          value={query.stage}
          any="Any stage"
          options={labelledOptions(PROPOSAL_STAGES, proposalStageLabels)}
        />
        <FilterSelect
          id="filter-space"
          name="space"
          label="Space"
          value={query.space}
          any="All spaces"
          options={spaces.map((space) => ({ value: space.slug, label: space.name }))}
        />
        <button type="submit" className="btn">
          Apply filters
        </button>
        {filtered ? (
          <Link to={hrefWith({ stage: undefined, space: undefined, page: undefined })}>
            Clear filters
          </Link>
        ) : null}
      </Form>
      {proposals.length === 0 ? (
        <div className="card empty">
          <p>
            {filtered || query.show
              ? "No proposals match these filters."
              : "No proposals yet. Write the first: a problem you know well and what would solve it."}
          </p>
        </div>
      ) : (
        <ul className="thread-list" aria-label="Proposals">
          {proposals.map((proposal) => (
            <li key={proposal.id} className="thread-row">
              <div>
                <Link className="thread-title" to={`/t/${proposal.id}`}>
                  {proposal.title}
                </Link>
                <div className="meta">
                  <Badge tone={proposalStageTones[proposal.stage]}>
                    {proposalStageLabels[proposal.stage]}
                  </Badge>
                  <ModerationBadge state={proposal.moderation} />
                  {proposal.stage === "accepted" ? (
                    <Badge tone="success">Ready for the backlog</Badge>
                  ) : null}
                  <span>By {proposal.authors.join(", ")}</span>
                  <span>{proposal.spaceName}</span>
                  <span>
                    {proposal.endorsementCount}{" "}
                    {proposal.endorsementCount === 1 ? "endorsement" : "endorsements"}
                  </span>
                  <span>
                    {proposal.replyCount} {proposal.replyCount === 1 ? "reply" : "replies"}
                  </span>
                  <span>
                    Updated <RelativeTime date={proposal.updatedAt} />
                  </span>
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

export const meta: MetaFunction = () => [{ title: "Proposals · Vanguard" }];
