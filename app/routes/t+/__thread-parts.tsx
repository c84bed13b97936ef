import { Form, Link, useLocation } from "@remix-run/react";
import { useEffect, useState, type ReactNode } from "react";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { proposalStageLabels, proposalStageTones } from "~/utils/labels";
import { useIsPending } from "~/utils/use-is-pending";

// The thread page's smaller pieces, kept apart so the route module stays a page.

/** An idea's way to co-design: the proposals started from it, and starting one. */
export function IdeaProposals({
  threadId,
  proposals,
  canPropose,
}: {
  threadId: string;
  proposals: { id: string; title: string; stage: keyof typeof proposalStageLabels }[];
  canPropose: boolean;
}) {
  return (
    <section className="card idea-proposals" aria-labelledby="idea-proposals-heading">
      <h2 id="idea-proposals-heading">Proposals from this idea</h2>
      {proposals.length > 0 ? (
        <ul>
          {proposals.map((proposal) => (
            <li key={proposal.id}>
              <Link to={`/t/${proposal.id}`}>{proposal.title}</Link>{" "}
              <Badge tone={proposalStageTones[proposal.stage]}>
                {proposalStageLabels[proposal.stage]}
              </Badge>
            </li>
          ))}
        </ul>
      ) : null}
      {canPropose ? (
        <p>
          <Link className="btn" to={`/proposals/new?idea=${threadId}`}>
            Turn this idea into a proposal
          </Link>
        </p>
      ) : null}
    </section>
  );
}

/** A one-button form that turns a thread setting on or off. */
export function ToggleForm({
  intent,
  field,
  on,
  pressed,
  children,
}: {
  intent: "pin" | "lock" | "watch" | "welcome";
  field: string;
  on: boolean;
  pressed?: boolean;
  children: ReactNode;
}) {
  const pending = useIsPending({ intent });
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name={field} value={on ? "off" : "on"} />
      <Button aria-pressed={pressed} pending={pending}>
        {children}
      </Button>
    </Form>
  );
}

/** Where a reader of a long thread wants to go: where they left off, and the end. */
export function ThreadJumps({
  threadId,
  pages,
  firstUnread,
}: {
  threadId: string;
  pages: number;
  firstUnread: { position: number; page: number } | null;
}) {
  if (pages <= 1 && !firstUnread) return null;
  return (
    <nav className="thread-jumps" aria-label="Jump to">
      {firstUnread ? (
        <Link className="btn btn-small" to={`/t/${threadId}?page=${firstUnread.page}#unread`}>
          First unread post
        </Link>
      ) : null}
      {pages > 1 ? (
        <Link className="btn btn-small" to={`/t/${threadId}?page=${pages}#last-post`}>
          Last post
        </Link>
      ) : null}
    </nav>
  );
}

/**
 * The address's #fragment once hydrated. CSS `:target` alone misses client-side navigations (a
 * notification opened from the bell), and reading the hash during render would differ from the
 * server's HTML.
 */
export function useTargetHash() {
  const { hash } = useLocation();
  const [targetHash, setTargetHash] = useState("");
  useEffect(() => setTargetHash(hash), [hash]);
  return targetHash;
}
