import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { Badge } from "~/components/ui/badge";
import { RelativeTime } from "~/components/ui/relative-time";
import { listMyFlags } from "~/models/flag.server";
import { flagReasonLabels } from "~/utils/labels";
import { pageParam } from "~/utils/query.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { flags: await listMyFlags(user, pageParam(request)) };
}

const statusText = {
  open: "Received: the moderators will review it",
  upheld: "The moderators acted",
  dismissed: "The moderators took no action",
} as const;

export default function MyFlagsPage() {
  const { flags } = useLoaderData<typeof loader>();
  return (
    <div className="page reading-column">
      <h1>Your flags</h1>
      <p className="muted">
        What you flagged for the moderators, and what became of it. Only the moderators see who
        flagged something.
      </p>
      {flags.length === 0 ? (
        <div className="card empty">
          <p>
            You haven't flagged anything. If a post is spam, abusive, off-topic or shares something
            confidential, use “Flag…” under it.
          </p>
        </div>
      ) : (
        <ul className="stack-list" aria-label="Your flags">
          {flags.map((flag) => (
            <li key={flag.id} className="card">
              <p>
                <strong>{flagReasonLabels[flag.reason]}</strong>:{" "}
                {flag.targetType === "user" ? (
                  <>the profile of {flag.personName ?? "a former member"}</>
                ) : flag.threadTitle && flag.postId ? (
                  <Link to={`/p/${flag.postId}`}>
                    {flag.targetType === "thread" ? "the thread" : "a reply in"} “{flag.threadTitle}
                    ”
                  </Link>
                ) : (
                  "a post you can no longer see"
                )}
                , <RelativeTime date={flag.createdAt} />
              </p>
              <p className="small">
                <Badge
                  tone={
                    flag.status === "open"
                      ? "warning"
                      : flag.status === "upheld"
                        ? "success"
                        : "neutral"
                  }
                >
                  {statusText[flag.status]}
                </Badge>
                {flag.resolution ? <> — {flag.resolution}</> : null}
                {flag.resolvedAt ? (
                  <>
                    , <RelativeTime date={flag.resolvedAt} />
                  </>
                ) : null}
              </p>
              {flag.note ? <p className="small muted">You said: “{flag.note}”</p> : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Your flags · Vanguard" }];
