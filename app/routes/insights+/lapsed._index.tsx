import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { LAPSED_SIGNALS } from "#db/schema/values";
import { can } from "~/auth/policy.server";
import { requireUserWithPermission } from "~/auth/current-user.server";
import { Badge } from "~/components/ui/badge";
import { FilterSelect, labelledOptions } from "~/components/ui/filter-select";
import { Pagination } from "~/components/ui/pagination";
import { RelativeTime } from "~/components/ui/relative-time";
import { LAPSED_PAGE_SIZE, listLapsedEntries } from "~/models/lapsed-list.server";
import {
  describeLapsedDetails,
  LAPSED_STATES,
  lapsedActionLabels,
  lapsedSignalExplanations,
  lapsedSignalLabels,
  lapsedStateLabels,
} from "~/utils/lapsed-labels";
import { LapsedStateBadge, LapsedSubject } from "./__lapsed-parts";
import { LapsedQuerySchema } from "~/validation/lapsed";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "read:account:any");
  const query = LapsedQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { entries, total, capped } = await listLapsedEntries(user, query);
  return {
    entries,
    total,
    capped,
    query,
    pageSize: LAPSED_PAGE_SIZE,
    linkMembers: can(user, "read:member:any"),
  };
}

export default function LapsedPage() {
  const { entries, total, capped, query, pageSize, linkMembers } = useLoaderData<typeof loader>();
  const filtered = Boolean(query.signal || query.owner || query.q || query.state !== "open");
  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <h1>Lapsed</h1>
          <p>
            Accounts that fell out of the top tiers, and accounts or members who went quiet in the
            community, each with the signal that put them here. Own an entry, note what you learn,
            write to them, and mark it handled: it comes back if the signal returns.
          </p>
        </div>
      </div>
      <Form method="get" className="filters card" aria-label="Filter the lapsed list">
        <div className="field">
          <label htmlFor="filter-q">Account or member</label>
          <input id="filter-q" name="q" type="search" defaultValue={query.q ?? ""} />
        </div>
        <FilterSelect
          id="filter-state"
          name="state"
          label="State"
          value={query.state}
          options={labelledOptions(LAPSED_STATES, lapsedStateLabels)}
        />
        <FilterSelect
          id="filter-signal"
          name="signal"
          label="Signal"
          value={query.signal}
          any="Any signal"
          options={labelledOptions(LAPSED_SIGNALS, lapsedSignalLabels)}
        />
        <FilterSelect
          id="filter-owner"
          name="owner"
          label="Owner"
          value={query.owner}
          any="Anyone"
          options={[
            { value: "mine", label: "Mine" },
            { value: "nobody", label: "Nobody yet" },
          ]}
        />
        <button type="submit" className="btn">
          Apply filters
        </button>
        {filtered ? <Link to="/insights/lapsed">Clear filters</Link> : null}
      </Form>
      <p className="small muted">
        {total === 1 ? "1 entry" : `${total.toLocaleString("en-US")}${capped ? "+" : ""} entries`}
        {query.state === "open"
          ? ". Handled entries and those whose signal has passed are under State."
          : "."}
      </p>
      {entries.length === 0 ? (
        <div className="card empty">
          <p>
            {filtered
              ? "No entries match these filters."
              : "Nobody has lapsed: no account left the top tiers and nobody active three months ago has gone quiet. The list is checked every day and after each account import."}
          </p>
        </div>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <caption className="visually-hidden">
              Lapsed entries, the most valuable accounts first
            </caption>
            <thead>
              <tr>
                <th scope="col">Who</th>
                <th scope="col">Signal</th>
                <th scope="col">Since</th>
                <th scope="col">Owner</th>
                <th scope="col">State</th>
                <th scope="col">Latest action</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td>
                    <LapsedSubject entry={entry} linkMembers={linkMembers} />
                    <div>
                      <Link
                        to={`/insights/lapsed/${entry.id}`}
                        aria-label={`Open the entry for ${entry.memberName ?? entry.accountName}`}
                      >
                        Open the entry
                      </Link>
                    </div>
                  </td>
                  <td>
                    <strong>{lapsedSignalLabels[entry.signal]}</strong>
                    <div className="small muted" title={lapsedSignalExplanations[entry.signal]}>
                      {describeLapsedDetails(entry.signal, entry.details)}
                    </div>
                  </td>
                  <td>
                    <RelativeTime date={entry.signalSince} />
                  </td>
                  <td>{entry.ownerName ?? <span className="muted">Nobody</span>}</td>
                  <td>
                    <LapsedStateBadge entry={entry} />
                  </td>
                  <td>
                    {entry.latestAction ? (
                      <>
                        {lapsedActionLabels[entry.latestAction.action]}
                        <div className="small muted">
                          {entry.latestAction.actorName ?? "Detection"},{" "}
                          <RelativeTime date={entry.latestAction.createdAt} />
                        </div>
                      </>
                    ) : (
                      <span className="muted">None yet</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={query.page} pageSize={pageSize} total={total} />
      <section className="card small" aria-labelledby="signals-heading">
        <h2 id="signals-heading" className="small-heading">
          What the signals mean
        </h2>
        <dl>
          {LAPSED_SIGNALS.map((signal) => (
            <div key={signal}>
              <dt>
                <Badge>{lapsedSignalLabels[signal]}</Badge>
              </dt>
              <dd>{lapsedSignalExplanations[signal]}</dd>
            </div>
          ))}
        </dl>
      </section>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Lapsed · Insights · Vanguard" }];
