import { Link } from "@remix-run/react";
import { Badge } from "~/components/ui/badge";

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
