import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUserWithPermission } from "~/auth/current-user.server";
import { FilterSelect, labelledOptions } from "~/components/ui/filter-select";
import { Pagination } from "~/components/ui/pagination";
import { RelativeTime } from "~/components/ui/relative-time";
import { AUDIT_LOG_PAGE_SIZE, listAuditActors, listAuditLog } from "~/models/audit.server";
import {
  AUDIT_CATEGORIES,
  auditActionLabel,
  auditCategoryLabels,
  auditDetailsInWords,
  auditTargetTypeLabel,
} from "~/utils/audit-labels";
import { formatCount } from "~/utils/format";
import { readAuditLogQuery } from "./__log-query.server";

// Read-only by design: this route exports no action, and the table refuses changes (migration
// 0019), so nobody can edit or remove what the log records.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "read:audit-log:any");
  const { query, modelQuery } = readAuditLogQuery(request);
  const [log, actors] = await Promise.all([listAuditLog(user, modelQuery), listAuditActors()]);
  return { ...log, actors, query, pageSize: AUDIT_LOG_PAGE_SIZE };
}

type Entry = ReturnType<typeof useLoaderData<typeof loader>>["entries"][number];
type Names = Record<string, string>;

export default function ModerationLogPage() {
  const { entries, names, total, capped, actors, query, pageSize } = useLoaderData<typeof loader>();
  const about = entries.find((entry) => entry.targetId === query.target);
  const filtered = Boolean(
    query.actor || query.kind || query.from || query.to || query.q || query.type || query.target,
  );
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Moderation log</h1>
          <p>
            Every moderator, staff and admin action: who did what, to what, when and why, with the
            text before and after any edit. Entries are kept as they were written; nobody can change
            or remove them.
          </p>
        </div>
      </div>
      <Form method="get" className="filters card" aria-label="Filter the log">
        {query.type ? <input type="hidden" name="type" value={query.type} /> : null}
        {query.target ? <input type="hidden" name="target" value={query.target} /> : null}
        <div className="field">
          <label htmlFor="log-actor">Person (handle)</label>
          <input
            id="log-actor"
            name="actor"
            type="text"
            list="log-actors"
            autoComplete="off"
            spellCheck={false}
            defaultValue={query.actor ?? ""}
          />
          <datalist id="log-actors">
            {actors.map((actor) => (
              <option key={actor.id} value={actor.handle}>
                {actor.displayName}
              </option>
            ))}
          </datalist>
        </div>
        <FilterSelect
          id="log-kind"
          name="kind"
          label="Kind of action"
          value={query.kind}
          any="All actions"
          options={labelledOptions(AUDIT_CATEGORIES, auditCategoryLabels)}
        />
        <div className="field field-narrow">
          <label htmlFor="log-from">From</label>
          <input id="log-from" name="from" type="date" defaultValue={query.from ?? ""} />
        </div>
        <div className="field field-narrow">
          <label htmlFor="log-to">To</label>
          <input id="log-to" name="to" type="date" defaultValue={query.to ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="log-q">Reason contains</label>
          <input id="log-q" name="q" type="search" defaultValue={query.q ?? ""} />
        </div>
        <button type="submit" className="btn">
          Apply filters
        </button>
        {filtered ? <Link to="/mod/log">Clear filters</Link> : null}
      </Form>
      {query.type && query.target ? (
        <p className="small">
          Only entries about{" "}
          {about ? (
            <Target entry={about} names={names} />
          ) : (
            `this ${auditTargetTypeLabel(query.type).toLowerCase()}`
          )}
          . <Link to="/mod/log">Show the whole log</Link>
        </p>
      ) : null}
      {entries.length === 0 ? (
        <div className="card empty">
          <p>
            {filtered
              ? "No entries match these filters."
              : "Nothing has been recorded yet. Role changes, merges, status changes, edits of other people's posts, locks, hidden and deleted content will appear here, with who did it, when and why."}
          </p>
        </div>
      ) : (
        <>
          <p className="small muted">
            {capped ? `More than ${formatCount(total)}` : formatCount(total)}{" "}
            {total === 1 ? "entry" : "entries"}, newest first.
          </p>
          <div className="table-wrap">
            <table className="data">
              <caption className="visually-hidden">
                Moderation log entries, newest first: when, who, what, on what, the reason and the
                details
              </caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">What</th>
                  <th scope="col">On what</th>
                  <th scope="col">Reason</th>
                  <th scope="col">Details</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((entry) => (
                  <tr key={entry.id}>
                    <td>
                      <RelativeTime date={entry.createdAt} />
                    </td>
                    <td>
                      {entry.actor ? (
                        <Link to={`/u/${entry.actor.handle}`}>{entry.actor.name}</Link>
                      ) : entry.details.automatic ? (
                        <span className="muted">An automatic rule</span>
                      ) : (
                        <span className="muted">A deleted person</span>
                      )}
                    </td>
                    <td>{auditActionLabel(entry.action)}</td>
                    <td>
                      <Target entry={entry} names={names} />
                    </td>
                    <td>
                      {typeof entry.details.reason === "string" && entry.details.reason ? (
                        entry.details.reason
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                    <td>
                      <EntryDetails entry={entry} names={names} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <Pagination page={query.page} pageSize={pageSize} total={total} />
    </>
  );
}

/** What the action was done to: a link with a readable name where there is one, never an id. */
function Target({ entry, names }: { entry: Entry; names: Names }) {
  const kind = auditTargetTypeLabel(entry.targetType);
  if (entry.withheld) {
    return <span className="muted">{kind} in a space you can’t see</span>;
  }
  const targetId = entry.targetId ?? "";
  const named = names[targetId.toLowerCase()];
  switch (entry.targetType) {
    case "thread":
      return <Link to={`/t/${entry.targetId}`}>{entry.thread?.title ?? "A thread"}</Link>;
    case "post":
      return (
        <Link to={`/p/${entry.targetId}`}>
          {entry.thread
            ? `Post #${entry.postPosition ?? "?"} in “${entry.thread.title}”`
            : "A post"}
        </Link>
      );
    case "user":
      return entry.person ? (
        <Link to={`/u/${entry.person.handle}`}>{entry.person.name}</Link>
      ) : (
        <span className="muted">A deleted person</span>
      );
    case "backlog_item":
      return named ? (
        <Link to={`/staff/backlog/${entry.targetId}`}>{named}</Link>
      ) : (
        <span className="muted">A deleted backlog item</span>
      );
    case "triage": {
      const [what, id] = targetId.split(":", 2);
      const name = names[(id ?? "").toLowerCase()];
      if (!name) return <span className="muted">A triage entry</span>;
      return (
        <Link to={what === "post" ? `/p/${id}` : `/t/${id}`}>
          {what === "post" ? `Triage entry for ${name}` : `Triage entry for “${name}”`}
        </Link>
      );
    }
    case "notice":
      return <Link to={`/notices/${entry.targetId}`}>A moderation notice</Link>;
    case "settings":
      return <span>Community settings</span>;
    case "watched_word":
      return (
        <span>
          {typeof entry.details.phrase === "string"
            ? `Watched word “${entry.details.phrase}”`
            : "A watched word"}
        </span>
      );
    default:
      return named ? (
        <span>
          {kind} “{named}”
        </span>
      ) : (
        <span className="muted">
          {typeof entry.details.name === "string"
            ? `${kind} “${entry.details.name}”`
            : `A ${kind.toLowerCase()} that no longer exists`}
        </span>
      );
  }
}

/** From → to, the text before and after an edit, and whatever else the entry recorded. */
function EntryDetails({ entry, names }: { entry: Entry; names: Names }) {
  const { change, edit, facts } = auditDetailsInWords(entry.action, entry.details, names);
  if (!change && !edit && facts.length === 0) return <span className="muted">—</span>;
  return (
    <>
      {change ? (
        <p className="small">
          {change.from} → {change.to}
        </p>
      ) : null}
      {edit ? (
        <details className="row-action">
          <summary>Before and after</summary>
          <p className="small-heading">Before</p>
          <p className="diff small">{edit.before}</p>
          <p className="small-heading">After</p>
          <p className="diff small">{edit.after}</p>
        </details>
      ) : null}
      {facts.length > 0 ? (
        <p className="small muted">
          {facts.map((fact) => `${fact.label}: ${fact.value}`).join(" · ")}
        </p>
      ) : null}
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Moderation log · Vanguard" }];
