import { Link } from "@remix-run/react";
import { Badge } from "~/components/ui/badge";
import {
  describeLapsedDetails,
  lapsedSignalLabels,
  type LapsedSignal,
} from "~/utils/lapsed-labels";

type Subject = {
  accountId: string;
  accountName: string;
  memberId: string | null;
  memberName: string | null;
};

/**
 * Who an entry is about: the account (its staff page), and for a member's entry the member,
 * linked to their admin page only for those who may open it.
 */
export function LapsedSubject({ entry, linkMembers }: { entry: Subject; linkMembers: boolean }) {
  const account = <Link to={`/insights/accounts/${entry.accountId}`}>{entry.accountName}</Link>;
  if (!entry.memberId) {
    return (
      <>
        <strong>{account}</strong> <span className="muted small">(the account)</span>
      </>
    );
  }
  return (
    <>
      <strong>
        {linkMembers ? (
          <Link to={`/admin/members/${entry.memberId}`}>{entry.memberName}</Link>
        ) : (
          entry.memberName
        )}
      </strong>{" "}
      <span className="small">of {account}</span>
    </>
  );
}

/** Open, handled, or no longer seen, in words (never colour alone). */
export function LapsedStateBadge({
  entry,
}: {
  entry: { handledAt: string | Date | null; active: boolean };
}) {
  if (entry.handledAt) return <Badge tone="success">Handled</Badge>;
  if (!entry.active) return <Badge>Signal passed</Badge>;
  return <Badge tone="warning">Open</Badge>;
}

type AccountEntry = {
  id: string;
  signal: LapsedSignal;
  signalSince: string | Date;
  details: unknown;
  handledAt: string | Date | null;
  active: boolean;
  memberName: string | null;
};

/** An account's page: the lapsed signals on it and its members, each opening its entry. */
export function AccountLapsedSignals({ entries }: { entries: AccountEntry[] }) {
  return (
    <section className="card stack" aria-labelledby="lapsed-heading">
      <h2 id="lapsed-heading">Lapsed signals</h2>
      {entries.length === 0 ? (
        <p className="muted">
          None: it has not fallen out of the top tiers, and none of its people went quiet.
        </p>
      ) : (
        <ul className="plain-list stack">
          {entries.map((entry) => (
            <li key={entry.id}>
              <Link to={`/insights/lapsed/${entry.id}`}>
                {entry.memberName ? `${entry.memberName}: ` : "The account: "}
                {lapsedSignalLabels[entry.signal].toLowerCase()}
              </Link>{" "}
              <LapsedStateBadge entry={entry} />
              <div className="small muted">
                {describeLapsedDetails(
                  entry.signal,
                  (entry.details ?? {}) as Record<string, unknown>,
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
