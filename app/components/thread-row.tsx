import { Link } from "@remix-run/react";
import { Badge } from "./ui/badge";
import { RelativeTime } from "./ui/relative-time";
import type { ThreadKind } from "#db/schema";
import { threadKindLabels } from "~/utils/labels";

export type ThreadRowData = {
  id: string;
  title: string;
  kind: ThreadKind;
  replyCount: number;
  /** null: never opened; 0: read; n: posts not read yet. */
  unread: number | null;
  lastActivityAt: string | Date;
  pinned?: boolean;
  locked?: boolean;
  authorName?: string | null;
  createdAt?: string | Date;
  spaceName?: string;
  spaceSlug?: string;
};

/** One thread in a list: title with an unread dot, what and where it is, replies and activity. */
export function ThreadRow({ thread }: { thread: ThreadRowData }) {
  const unread = thread.unread === null || thread.unread > 0;
  return (
    <li className={unread ? "thread-row is-unread" : "thread-row"}>
      <div>
        <Link className="thread-title" to={`/t/${thread.id}`}>
          {thread.title}
        </Link>
        {unread ? <span className="visually-hidden"> (unread)</span> : null}
        <div className="meta">
          {thread.pinned ? <Badge tone="warning">Pinned</Badge> : null}
          {thread.locked ? <Badge>Locked</Badge> : null}
          {thread.spaceSlug ? (
            <Link to={`/spaces/${thread.spaceSlug}`}>{thread.spaceName}</Link>
          ) : null}
          {thread.kind === "discussion" ? null : (
            <Badge tone="accent">{threadKindLabels[thread.kind]}</Badge>
          )}
          {thread.createdAt ? (
            <span>
              by {thread.authorName ?? "a former member"}, <RelativeTime date={thread.createdAt} />
            </span>
          ) : null}
        </div>
      </div>
      <div className="thread-stats">
        <div>
          {thread.replyCount} {thread.replyCount === 1 ? "reply" : "replies"}
        </div>
        {thread.unread === null ? (
          <div>new</div>
        ) : thread.unread > 0 ? (
          <div>
            <strong>{thread.unread} unread</strong>
          </div>
        ) : null}
        <div>
          <RelativeTime date={thread.lastActivityAt} />
        </div>
      </div>
    </li>
  );
}
