import { answer, invalid } from "~/utils/action-answer.server";
import { noticeHeadline } from "~/utils/notice-text";
import {
  isMembershipChangeDetails,
  membershipChangeBody,
  membershipChangeHeadline,
} from "~/utils/membership-text";
import { DATA_EXPORT_READY_BODY, DATA_EXPORT_READY_HEADLINE } from "~/utils/data-export-text";
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
  listNotificationGroups,
  markNotificationGroupRead,
  markNotificationsRead,
  NOTIFICATION_WINDOW,
  NOTIFICATIONS_PAGE_SIZE,
} from "~/models/notification-inbox.server";
import {
  actorNamesLine,
  groupCountLine,
  threadGroupHeadline,
  type ThreadNotificationKind,
} from "~/utils/notification-text";
import { parseSubmission } from "~/utils/form.server";
import { pageParam } from "~/utils/query.server";
import { cutText } from "~/utils/storable-text";
import { MarkReadSchema } from "./__small-forms.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = pageParam(request);
  const { groups, total, windowFull } = await listNotificationGroups(user, page);
  return {
    groups,
    total,
    page,
    pageSize: NOTIFICATIONS_PAGE_SIZE,
    // How many of the latest notifications the page reads, when someone has more.
    windowSize: windowFull ? NOTIFICATION_WINDOW : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = await parseSubmission(request, MarkReadSchema);
  if (submission.status !== "success") return invalid(submission);
  const input = submission.value;
  if (input.intent === "mark-group-read") {
    await markNotificationGroupRead(user, input);
    return answer(submission, { done: "Marked read." });
  }
  await markNotificationsRead(user);
  return answer(submission, { done: "All notifications are marked read." });
}

type Group = ReturnType<typeof useLoaderData<typeof loader>>["groups"][number];

/** Where a group leads, the line it reads as, and what else it says. */
function describe(group: Group) {
  const { kind } = group;
  const count = groupCountLine(kind, group.events);
  if (kind === "membership_change" && isMembershipChangeDetails(group.details)) {
    return {
      href: "/",
      title: membershipChangeHeadline(group.details),
      context: "Your access",
      count: null,
      people: null,
      excerpt: membershipChangeBody(group.details),
    };
  }
  if (kind === "data_export_ready") {
    return {
      href: "/me/data#export",
      title: DATA_EXPORT_READY_HEADLINE,
      context: "Your data",
      count: null,
      people: null,
      excerpt: DATA_EXPORT_READY_BODY,
    };
  }
  if (group.noticeId) {
    return {
      href: `/notices/${group.noticeId}`,
      title: noticeHeadline(
        kind as "moderation_notice" | "appeal_reply",
        group.noticeAction,
        group.noticeSubject,
      ),
      context: "Moderators",
      count,
      people: null,
      excerpt:
        kind === "appeal_reply" ? "Read their answer." : "Read why, and reply to the moderators.",
    };
  }
  if (group.backlogItemId) {
    const backlogKind = kind as BacklogNotificationKind;
    const contributions = describeContributions(group.details?.contributions);
    return {
      href: backlogNotificationPath(
        backlogKind,
        group.backlogItemId,
        Boolean(group.itemPublic),
        group.details,
      ),
      title: backlogNotificationHeadline(
        backlogKind,
        group.itemTitle,
        group.details,
        group.actorName,
      ),
      context: "Product team",
      count,
      people: group.events > 1 ? actorNamesLine(group.actorNames, group.actors) : null,
      excerpt:
        [
          contributions ? `From ${contributions}.` : "",
          group.details?.note ? `“${cutText(group.details.note, 280)}”` : "",
        ]
          .filter(Boolean)
          .join(" ") || null,
    };
  }
  return {
    href: `/p/${group.postId}`,
    title: threadGroupHeadline({ ...group, kind: kind as ThreadNotificationKind }),
    context: group.spaceName,
    count: null,
    // One notification names its person in its line already.
    people: group.events > 1 ? actorNamesLine(group.actorNames, group.actors) : null,
    excerpt: group.excerpt,
  };
}

export default function NotificationsPage() {
  const { groups, total, windowSize, page, pageSize } = useLoaderData<typeof loader>();
  const unread = groups.some((group) => group.unread > 0);
  const lastPage = page * pageSize >= total;
  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Notifications</h1>
          <p>
            Mentions, replies to you, and new posts in what you watch, grouped by thread. Choose
            which ones also come by email in <Link to="/settings">Settings</Link>. Reminders you set
            on <Link to="/me/bookmarks">bookmarks</Link> arrive here too.
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
      {groups.length === 0 ? (
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
          {groups.map((group) => (
            <NotificationRow key={`${group.kind}:${group.subject}`} group={group} />
          ))}
        </ul>
      )}
      <Pagination page={page} pageSize={pageSize} total={total} />
      {windowSize && lastPage ? (
        <p className="muted small">
          This page shows what your latest {windowSize.toLocaleString("en-US")} notifications are
          about; older ones are no longer listed.
        </p>
      ) : null}
    </div>
  );
}

function NotificationRow({ group }: { group: Group }) {
  const { href, title, context, count, people, excerpt } = describe(group);
  const isUnread = group.unread > 0;
  // Several unread of several: say how many are new; all of them unread is what the dot says.
  const someUnread = isUnread && group.events > 1 && group.unread < group.events;
  return (
    <li
      className={isUnread ? "thread-row notification-row is-unread" : "thread-row notification-row"}
    >
      <div>
        <Link className="thread-title" to={href}>
          {title}
        </Link>
        {isUnread ? <span className="visually-hidden"> (unread)</span> : null}
        <div className="meta">
          {people ? <span>From {people}</span> : null}
          {count ? <span>{count}</span> : null}
          {someUnread ? <span>{group.unread} unread</span> : null}
          {context ? <span>{context}</span> : null}
          <RelativeTime date={group.newestAt} />
        </div>
        {excerpt ? <p className="muted small notification-excerpt">{excerpt}</p> : null}
      </div>
      {isUnread ? <MarkGroupRead group={group} title={title} /> : null}
    </li>
  );
}

/** Marks every notification of the group read, with or without JavaScript. */
function MarkGroupRead({ group, title }: { group: Group; title: string }) {
  return (
    <Form method="post" className="notification-mark-read">
      <input type="hidden" name="intent" value="mark-group-read" />
      <input type="hidden" name="kind" value={group.kind} />
      <input type="hidden" name="subject" value={group.subject} />
      <button type="submit" className="btn btn-small">
        Mark read<span className="visually-hidden">: {title}</span>
      </button>
    </Form>
  );
}

export const meta: MetaFunction = () => [{ title: "Notifications · Vanguard" }];
