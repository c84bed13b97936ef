import { Form, Link } from "@remix-run/react";
import type { ThreadKind } from "#db/schema";
import { threadKindLabels } from "~/utils/labels";
import { useIsPending } from "~/utils/use-is-pending";
import { Badge } from "./ui/badge";
import { Button } from "./ui/button";
import { RelativeTime } from "./ui/relative-time";

export type LearningPanelData = {
  openingPostId: string;
  confirmations: number;
  confirmedByMe: boolean;
  sources: Array<{
    threadId: string;
    title: string;
    kind: ThreadKind;
    postId: string | null;
    postPosition: number | null;
    authorName: string | null;
    spaceName: string;
  }>;
  /** Sources not shown because their author withdrew their consent to be quoted. */
  sourcesWithdrawn: number;
  corrections: Array<{
    postId: string;
    excerpt: string;
    deleted: boolean;
    authorName: string | null;
    createdAt: string | Date;
    acceptedAt: string | Date | null;
    acceptedByName: string | null;
    acceptedRevision: number | null;
  }>;
  can: { respond: boolean; "accept-correction": boolean };
};

/**
 * What makes a thread a learning: it is the staff's reading of what they heard, so it shows what
 * it draws on, asks members whether it is right, and keeps their corrections in view.
 */
export function LearningPanel({
  learning,
  threadId,
}: {
  learning: LearningPanelData;
  threadId: string;
}) {
  const open = learning.corrections.filter((c) => !c.acceptedAt);
  return (
    <section className="card learning-panel" aria-labelledby="learning-heading">
      <h2 id="learning-heading" className="learning-heading">
        <Badge tone="accent">Staff learning</Badge> What we heard, and what we concluded
      </h2>
      <p className="muted small">
        Staff wrote this from what members said. If it's right, say so; if something is off, correct
        it: accepted corrections change the text, and every version is kept.
      </p>
      {learning.sources.length > 0 ? (
        <div>
          <h3 className="small-heading">Draws on</h3>
          <ul className="learning-sources">
            {learning.sources.map((source) => (
              <li key={`${source.threadId}:${source.postId}`}>
                {source.postId ? (
                  <Link to={`/p/${source.postId}`}>
                    {source.authorName ?? "A former member"}'s post in “{source.title}”
                  </Link>
                ) : (
                  <Link to={`/t/${source.threadId}`}>{source.title}</Link>
                )}{" "}
                <span className="muted small">
                  {threadKindLabels[source.kind]} · {source.spaceName}
                </span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {learning.sourcesWithdrawn > 0 ? (
        <p className="muted small">
          {learning.sourcesWithdrawn === 1
            ? "One source is no longer shown: its author withdrew their consent to be quoted."
            : `${learning.sourcesWithdrawn} sources are no longer shown: their authors withdrew their consent to be quoted.`}
        </p>
      ) : null}
      <div className="learning-answer">
        <p>
          <strong>{learning.confirmations}</strong>{" "}
          {learning.confirmations === 1 ? "member says" : "members say"} this is right
          {learning.corrections.length > 0 ? (
            <>
              {" "}
              · <strong>{learning.corrections.length}</strong>{" "}
              {learning.corrections.length === 1 ? "correction" : "corrections"} ({open.length}{" "}
              open)
            </>
          ) : null}
        </p>
        {learning.can.respond ? (
          <div className="row">
            <ConfirmForm confirmed={learning.confirmedByMe} />
            <Link className="btn" to={`/t/${threadId}?correction=1#reply`}>
              Not quite: correct it
            </Link>
          </div>
        ) : null}
      </div>
      {learning.corrections.length > 0 ? (
        <div>
          <h3 className="small-heading">Corrections</h3>
          <ul className="learning-corrections" aria-label="Corrections">
            {learning.corrections.map((correction) => (
              <li key={correction.postId} className="learning-correction">
                <div className="meta">
                  <strong>{correction.authorName ?? "A former member"}</strong>
                  <RelativeTime date={correction.createdAt} />
                  {correction.acceptedAt ? (
                    <Badge tone="success">Accepted</Badge>
                  ) : (
                    <Badge>Open</Badge>
                  )}
                </div>
                <p className="learning-correction-text">
                  {correction.deleted ? <em>Deleted by its author.</em> : correction.excerpt}
                </p>
                <div className="row small">
                  <Link to={`/p/${correction.postId}`}>Read the correction</Link>
                  {correction.acceptedRevision ? (
                    <Link
                      to={`/p/${learning.openingPostId}/history#revision-${correction.acceptedRevision}`}
                    >
                      Taken in by {correction.acceptedByName ?? "staff"} in version{" "}
                      {correction.acceptedRevision}
                    </Link>
                  ) : learning.can["accept-correction"] && !correction.deleted ? (
                    <Link
                      className="btn btn-small"
                      to={`/p/${learning.openingPostId}/edit?correction=${correction.postId}`}
                    >
                      Accept and revise the learning
                    </Link>
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

function ConfirmForm({ confirmed }: { confirmed: boolean }) {
  const pending = useIsPending({ intent: "confirm" });
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="confirm" />
      <input type="hidden" name="confirmed" value={confirmed ? "off" : "on"} />
      <Button aria-pressed={confirmed} pending={pending}>
        {confirmed ? "You said this is right" : "This is right"}
      </Button>
    </Form>
  );
}
