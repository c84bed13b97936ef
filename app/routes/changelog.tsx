import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { CreditLine } from "~/components/credit-line";
import { Button } from "~/components/ui/button";
import { Pagination } from "~/components/ui/pagination";
import {
  CHANGELOG_PAGE_SIZE,
  isSubscribedToChangelog,
  listChangelog,
  setChangelogSubscription,
} from "~/models/roadmap.server";
import { answer, invalid } from "~/utils/action-answer.server";
import { parseSubmission } from "~/utils/form.server";
import { ChangelogSubscriptionSchema } from "./__small-forms.server";
import { pageParam } from "~/utils/query.server";
import { useIsPending } from "~/utils/use-is-pending";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = pageParam(request);
  const [{ entries, total }, subscribed] = await Promise.all([
    listChangelog(user, page),
    isSubscribedToChangelog(user.id),
  ]);
  return { entries, total, page, subscribed, pageSize: CHANGELOG_PAGE_SIZE };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = await parseSubmission(request, ChangelogSubscriptionSchema);
  if (submission.status !== "success") return invalid(submission);
  const subscribe = submission.value.subscribe === "on";
  await setChangelogSubscription(user.id, subscribe);
  return answer(submission, { done: subscribe ? "Subscribed." : "Unsubscribed." });
}

const dateFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" });

export default function ChangelogPage() {
  const { entries, total, page, subscribed, pageSize } = useLoaderData<typeof loader>();
  const pending = useIsPending();
  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Changelog</h1>
          <p>
            What shipped, newest first, and whose ideas it came from. Follow it here, by
            notification, or in a feed reader (<a href="/changelog.atom">Atom feed</a>).
          </p>
        </div>
        <Form method="post">
          <input type="hidden" name="subscribe" value={subscribed ? "off" : "on"} />
          <Button pending={pending} pendingLabel="Saving…" aria-pressed={subscribed}>
            {subscribed ? "Subscribed: stop notifying me" : "Notify me of new entries"}
          </Button>
        </Form>
      </div>
      {subscribed ? (
        <p className="muted small" role="status">
          You are told of each new entry (choose whether by email in{" "}
          <Link to="/settings">Settings</Link>).
        </p>
      ) : null}
      {entries.length === 0 ? (
        <div className="card empty">
          <p>Nothing has shipped yet. The roadmap shows what is planned and underway.</p>
          <Link className="btn" to="/roadmap">
            See the roadmap
          </Link>
        </div>
      ) : (
        <ol className="plain-list" aria-label="Changelog entries">
          {entries.map((entry) => (
            <li key={entry.id} id={`item-${entry.id}`} className="card changelog-entry">
              <p className="muted small">
                {entry.shippedAt ? (
                  <time dateTime={new Date(entry.shippedAt).toISOString()}>
                    {dateFormat.format(new Date(entry.shippedAt))}
                  </time>
                ) : null}
              </p>
              <h2>{entry.title}</h2>
              {entry.descriptionHtml ? (
                <div
                  className="rich-text"
                  // backlog_items.description_html: rendered from validated tiptap JSON and sanitized with
                  // the allowlist when the item was saved: readBacklogFields calls readPostContent, which uses
                  // renderRichTextHtml in app/editor/content.server.ts. No other HTML goes here.
                  dangerouslySetInnerHTML={{ __html: entry.descriptionHtml }}
                />
              ) : null}
              {entry.releaseNotesHtml ? (
                <section aria-label={`Release notes: ${entry.title}`} className="release-notes">
                  <h3 className="small-heading">Release notes</h3>
                  <div
                    className="rich-text"
                    // backlog_items.release_notes_html: read by readPostContent (validated tiptap JSON,
                    // rendered and sanitized with the allowlist) when staff confirmed the change.
                    dangerouslySetInnerHTML={{ __html: entry.releaseNotesHtml }}
                  />
                </section>
              ) : null}
              {entry.ideas.length > 0 ? (
                <p className="small">
                  From{" "}
                  {entry.ideas.map((idea, index) => (
                    <span key={idea.id}>
                      {index > 0 ? ", " : null}
                      <Link to={`/t/${idea.id}`}>{idea.title}</Link>
                    </span>
                  ))}
                </p>
              ) : null}
              <CreditLine credits={entry.credits} />
            </li>
          ))}
        </ol>
      )}
      <Pagination page={page} pageSize={pageSize} total={total} />
    </div>
  );
}

export const meta: MetaFunction = () => [
  { title: "Changelog · Vanguard" },
  {
    tagName: "link",
    rel: "alternate",
    type: "application/atom+xml",
    title: "Vanguard changelog",
    href: "/changelog.atom",
  },
];
