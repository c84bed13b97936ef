import { Link } from "@remix-run/react";
import { Badge } from "./ui/badge";
import { RelativeTime } from "./ui/relative-time";
import type { IdeaStatus, ProposalStage, ThreadKind } from "#db/schema";
import type { CONTENT_MODERATION_STATES } from "#db/schema/values";
import {
  ideaStatusLabels,
  ideaStatusTones,
  proposalStageLabels,
  proposalStageTones,
  threadKindLabels,
} from "~/utils/labels";
import { ModerationBadge } from "./moderation-badge";

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
  moderation?: (typeof CONTENT_MODERATION_STATES)[number] | null;
  ideaStatus?: IdeaStatus | null;
  voteCount?: number | null;
  proposalStage?: ProposalStage | null;
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
          <ModerationBadge state={thread.moderation} />
          {thread.pinned ? <Badge tone="warning">Pinned</Badge> : null}
          {thread.locked ? <Badge>Locked</Badge> : null}
          {thread.spaceSlug ? (
            <Link to={`/spaces/${thread.spaceSlug}`}>{thread.spaceName}</Link>
          ) : null}
          {thread.kind === "discussion" ? null : (
            <Badge tone="accent">{threadKindLabels[thread.kind]}</Badge>
          )}
          {thread.ideaStatus ? (
            <Badge tone={ideaStatusTones[thread.ideaStatus]}>
              {ideaStatusLabels[thread.ideaStatus]}
            </Badge>
          ) : null}
          {thread.proposalStage ? (
            <Badge tone={proposalStageTones[thread.proposalStage]}>
              {proposalStageLabels[thread.proposalStage]}
            </Badge>
          ) : null}
          {thread.createdAt ? (
            <span>
              by {thread.authorName ?? "a former member"}, <RelativeTime date={thread.createdAt} />
            </span>
          ) : null}
        </div>
      </div>
      <div className="thread-stats">
        {thread.voteCount !== null && thread.voteCount !== undefined ? (
          <div>
            <strong>{thread.voteCount}</strong> {thread.voteCount === 1 ? "vote" : "votes"}
          </div>
        ) : null}
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
