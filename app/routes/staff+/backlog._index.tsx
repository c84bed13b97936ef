import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { BACKLOG_STATUSES } from "#db/schema/values";
import { requireUserWithPermission } from "~/auth/current-user.server";
import { TagChip } from "~/components/tag-chip";
import { Badge } from "~/components/ui/badge";
import { FilterSelect, labelledOptions } from "~/components/ui/filter-select";
import { Pagination } from "~/components/ui/pagination";
import { BACKLOG_PAGE_SIZE, listBacklog, listBacklogOwners } from "~/models/backlog-list.server";
import { listTagsForViewer } from "~/models/tag.server";
import { INFLUENCE_DEMAND_RULE, RAW_COUNT_RULE, VALUE_WEIGHTED_RULE } from "~/utils/demand-rule";
import { formatInfluence } from "~/utils/influence-labels";
import { formatCount, formatMoneyCompact, formatPercent } from "~/utils/format";
import {
  BACKLOG_SORT_KEYS,
  backlogSortLabels,
  backlogStatusLabels,
  backlogStatusTones,
} from "~/utils/labels";
import { useHrefWith } from "~/utils/use-href-with";
import { readBacklogQuery } from "./__backlog-query.server";
import { publicPlaceLabel } from "~/utils/public-place";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "manage:backlog:any");
  const { query, modelQuery } = readBacklogQuery(request);
  const [list, tags, owners] = await Promise.all([
    listBacklog(user, modelQuery),
    listTagsForViewer(user),
    listBacklogOwners(),
  ]);
  return { ...list, tags, owners, query, pageSize: BACKLOG_PAGE_SIZE };
}

export default function BacklogPage() {
  const { items, total, tags, owners, query, pageSize, showsInfluence } =
    useLoaderData<typeof loader>();
  const hrefWith = useHrefWith();
  const filtered = Boolean(
    query.status || query.tag || query.owner || query.q || query.minMembers || query.minScore,
  );
  const exportHref = `/staff/backlog.csv${useLocation().search}`;
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Backlog</h1>
          <p>
            What the product team may build, each item backed by what members said. Demand comes
            from the evidence: the people, accounts and revenue behind it.
          </p>
        </div>
        <div className="header-actions">
          <a className="btn" href={exportHref} download>
            Export CSV
          </a>
          <Link className="btn btn-primary" to="/staff/backlog/new">
            New item
          </Link>
        </div>
      </div>
      <ul className="muted small demand-rule rule-list">
        <li>{RAW_COUNT_RULE}</li>
        <li>{VALUE_WEIGHTED_RULE}</li>
        {showsInfluence ? <li>{INFLUENCE_DEMAND_RULE}</li> : null}
      </ul>
      <nav className="tabs" aria-label="Sort">
        {BACKLOG_SORT_KEYS.filter((sort) => showsInfluence || sort !== "influence").map((sort) => (
          <Link
            key={sort}
            to={hrefWith({ sort, page: undefined })}
            aria-current={query.sort === sort ? "page" : undefined}
          >
            {backlogSortLabels[sort]}
          </Link>
        ))}
      </nav>
      <Form method="get" className="filters card" aria-label="Filter the backlog">
        <input type="hidden" name="sort" value={query.sort} />
        <div className="field">
          <label htmlFor="filter-q">Title contains</label>
          <input id="filter-q" name="q" type="search" defaultValue={query.q ?? ""} />
        </div>
        <FilterSelect
          id="filter-status"
          name="status"
          label="Status"
          value={query.status}
          any="Any status"
          options={labelledOptions(BACKLOG_STATUSES, backlogStatusLabels)}
        />
        <FilterSelect
          id="filter-tag"
          name="tag"
          label="Tag"
          value={query.tag}
          any="Any tag"
          options={tags.map((tag) => ({ value: tag.id, label: tag.name }))}
        />
        <FilterSelect
          id="filter-owner"
          name="owner"
          label="Owner"
          value={query.owner}
          any="Anyone"
          options={owners.map((owner) => ({ value: owner.id, label: owner.displayName }))}
        />
        <div className="field field-narrow">
          <label htmlFor="filter-min-members">Min. members</label>
          <input
            id="filter-min-members"
            name="minMembers"
            type="number"
            min={0}
            inputMode="numeric"
            defaultValue={query.minMembers ?? ""}
          />
        </div>
        <div className="field field-narrow">
          <label htmlFor="filter-min-score">Min. score</label>
          <input
            id="filter-min-score"
            name="minScore"
            type="number"
            min={0}
            inputMode="numeric"
            defaultValue={query.minScore ?? ""}
          />
        </div>
        <button type="submit" className="btn">
          Apply filters
        </button>
        {filtered ? <Link to={`/staff/backlog?sort=${query.sort}`}>Clear filters</Link> : null}
      </Form>
      {items.length === 0 ? (
        <div className="card empty">
          <p>
            {filtered
              ? "No items match these filters."
              : "The backlog is empty. Create an item from an idea, a proposal or a post, or start one here."}
          </p>
          {filtered ? null : (
            <Link className="btn btn-primary" to="/staff/backlog/new">
              New item
            </Link>
          )}
        </div>
      ) : (
        <div className="table-wrap">
          <table className="data backlog-table">
            <caption className="visually-hidden">
              Backlog items sorted by {backlogSortLabels[query.sort].toLowerCase()}, with their
              place in the raw, the value-weighted and the influence-weighted order
            </caption>
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col" className="num">
                  Members
                </th>
                <th scope="col" className="num">
                  Value-weighted
                </th>
                {showsInfluence ? (
                  <th scope="col" className="num">
                    Influence-weighted
                  </th>
                ) : null}
                <th scope="col" className="num">
                  {showsInfluence ? "Rank raw / value / influence" : "Rank raw / value"}
                </th>
                <th scope="col" className="num">
                  Accounts
                </th>
                <th scope="col" className="num">
                  Revenue
                </th>
                <th scope="col" className="num">
                  From top 1% / 10%
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id}>
                  <td>
                    <Link className="thread-title" to={`/staff/backlog/${item.id}`}>
                      {item.title}
                    </Link>
                    <div className="meta">
                      <Badge tone={backlogStatusTones[item.status]}>
                        {backlogStatusLabels[item.status]}
                      </Badge>
                      <Badge tone={item.publicPlace ? "accent" : undefined}>
                        {publicPlaceLabel(item)}
                      </Badge>
                      {item.target ? <span>{item.target}</span> : null}
                      <span>{item.ownerName ? `Owner: ${item.ownerName}` : "No owner"}</span>
                      <span>
                        {item.evidenceCount} {item.evidenceCount === 1 ? "piece" : "pieces"} of
                        evidence
                      </span>
                      {item.tags.map((tag) => (
                        <TagChip key={tag.id} tag={tag} />
                      ))}
                    </div>
                  </td>
                  <td className="num">{formatCount(item.memberCount)}</td>
                  <td className="num">{formatCount(item.weightedScore)}</td>
                  {item.influenceWeighted === null ? null : (
                    <td className="num">{formatInfluence(item.influenceWeighted)}</td>
                  )}
                  <td className="num">
                    #{item.rawRank} / #{item.weightedRank}
                    {item.influenceRank === null ? null : <> / #{item.influenceRank}</>}
                  </td>
                  <td className="num">{formatCount(item.accountCount)}</td>
                  <td className="num">{formatMoneyCompact(item.revenueCents)}</td>
                  <td className="num">
                    {item.revenueCents > 0
                      ? `${formatPercent(item.top1RevenueCents / item.revenueCents)} / ${formatPercent(item.top10RevenueCents / item.revenueCents)}`
                      : "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={query.page} pageSize={pageSize} total={total} />
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Backlog · Staff · Vanguard" }];
