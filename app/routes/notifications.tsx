import { answer, invalid } from "~/utils/action-answer.server";
import { noticeHeadline } from "~/utils/notice-text";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { Pagination } from "~/components/ui/pagination";
import { RelativeTime } from "~/components/ui/relative-time";
import {
  backlogNotificationHeadline,
  backlogNotificationPath,
  describeContributions,
  type BacklogNotificationKind,
} from "~/utils/backlog-notification-text";
import {
  listNotifications,
  markNotificationsRead,
  NOTIFICATIONS_PAGE_SIZE,
} from "~/models/notification.server";
import { parseSubmission } from "~/utils/form.server";
import { pageParam } from "~/utils/query.server";
import { MarkReadSchema } from "./__small-forms.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = pageParam(request);
  const { notifications, total } = await listNotifications(user, page);
  return { notifications, total, page, pageSize: NOTIFICATIONS_PAGE_SIZE };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = await parseSubmission(request, MarkReadSchema);
  if (submission.status !== "success") return invalid(submission);
  await markNotificationsRead(user);
  return answer(submission, { done: "All notifications are marked read." });
}

const reasons = {
  mention: "mentioned you in",
  reply: "replied to you in",
  watched_thread: "replied in",
  watched_space: "started",
  cited: "cited your words in",
  proposal_invite: "invited you to co-author",
  proposal_stage: "moved the stage of",
  proposal_comment: "commented on",
  internal_note: "mentioned you in an internal note on",
} as const;

type NotificationRow = ReturnType<typeof useLoaderData<typeof loader>>["notifications"][number];

/** Where a notification leads, and the line it reads as. */
function describe(notification: NotificationRow) {
  const { kind } = notification;
  if (notification.noticeId) {
    return {
      href: `/notices/${notification.noticeId}`,
      title: noticeHeadline(
        kind as "moderation_notice" | "appeal_reply",
        notification.noticeAction,
        notification.noticeSubject,
      ),
      context: "Moderators",
      excerpt:
        kind === "appeal_reply" ? "Read their answer." : "Read why, and reply to the moderators.",
    };
  }
  if (notification.backlogItemId) {
    const backlogKind = kind as BacklogNotificationKind;
    const contributions = describeContributions(notification.details?.contributions);
    return {
      href: backlogNotificationPath(
        backlogKind,
        notification.backlogItemId,
        Boolean(notification.itemPublic),
        notification.details,
      ),
      title: backlogNotificationHeadline(
        backlogKind,
        notification.itemTitle,
        notification.details,
        notification.actorName,
      ),
      context: "Product team",
      excerpt:
        [
          contributions ? `From ${contributions}.` : "",
          notification.details?.note ? `“${notification.details.note.slice(0, 280)}”` : "",
        ]
          .filter(Boolean)
          .join(" ") || null,
    };
  }
  return {
    href: `/p/${notification.postId}`,
    title: `${notification.actorName ?? "Someone"} ${reasons[kind as keyof typeof reasons]} “${notification.threadTitle}”`,
    context: notification.spaceName,
    excerpt: notification.excerpt,
  };
}

export default function NotificationsPage() {
  const { notifications, total, page, pageSize } = useLoaderData<typeof loader>();
  const unread = notifications.some((n) => !n.readAt);
  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Notifications</h1>
          <p>
            Mentions, replies to you, and new posts in what you watch. Choose which ones also come
            by email in <Link to="/settings">Settings</Link>.
          </p>
        </div>
        {unread ? (
          <Form method="post">
            <input type="hidden" name="intent" value="mark-read" />
            <button type="submit" className="btn">
              Mark all as read
            </button>
          </Form>
        ) : null}
      </div>
      {notifications.length === 0 ? (
        <div className="card empty">
          <p>
            Nothing yet. When someone mentions you, replies to you, or posts in a thread you watch,
            it shows up here.
          </p>
          <Link className="btn" to="/spaces">
            Browse spaces
          </Link>
        </div>
      ) : (
        <ul className="thread-list" aria-label="Notifications">
          {notifications.map((notification) => {
            const { href, title, context, excerpt } = describe(notification);
            return (
              <li
                key={notification.id}
                className={notification.readAt ? "thread-row" : "thread-row is-unread"}
              >
                <div>
                  <Link className="thread-title" to={href}>
                    {title}
                  </Link>
                  {notification.readAt ? null : <span className="visually-hidden"> (unread)</span>}
                  <div className="meta">
                    <span>{context}</span>
                    <RelativeTime date={notification.createdAt} />
                  </div>
                  {excerpt ? <p className="muted small notification-excerpt">{excerpt}</p> : null}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <Pagination page={page} pageSize={pageSize} total={total} />
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Notifications · Vanguard" }];
