import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireUserWithPermission } from "~/auth/current-user.server";
import { Badge } from "~/components/ui/badge";
import { Pagination } from "~/components/ui/pagination";
import { RelativeTime } from "~/components/ui/relative-time";
import { listOutbox } from "~/models/email.server";
import { PageSchema } from "~/validation/common";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "read:outbox:any");
  const { page } = z
    .object({ page: PageSchema })
    .parse(Object.fromEntries(new URL(request.url).searchParams));
  const outbox = await listOutbox(page);
  return { ...outbox, page, smtp: Boolean(process.env.SMTP_URL) };
}

export default function OutboxPage() {
  const { emails, total, pageSize, page, smtp } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Outbox</h1>
          <p>
            {smtp
              ? "Every email the community sent, and whether delivery over SMTP worked."
              : "No SMTP server is configured (SMTP_URL), so emails are kept here instead of being sent."}
          </p>
        </div>
      </div>
      {emails.length === 0 ? (
        <div className="card empty">
          No emails yet. Invitations and password resets will appear here.
        </div>
      ) : (
        <ol className="stack" role="list" aria-label="Emails, newest first">
          {emails.map((email) => (
            <li key={email.id} className="card">
              <article aria-label={email.subject}>
                <div className="row">
                  <h2>{email.subject}</h2>
                  {email.error ? (
                    <Badge tone="danger">Delivery failed</Badge>
                  ) : email.sentAt ? (
                    <Badge tone="success">Sent</Badge>
                  ) : (
                    <Badge>Kept in outbox</Badge>
                  )}
                </div>
                <p className="muted small">
                  To {email.to} · <RelativeTime date={email.createdAt} />
                  {email.error ? ` · ${email.error}` : ""}
                </p>
                <pre className="email-body">
                  <LinkedText text={email.text} />
                </pre>
              </article>
            </li>
          ))}
        </ol>
      )}
      <Pagination page={page} pageSize={pageSize} total={total} />
    </>
  );
}

/** Plain text with its http(s) links made clickable, so a demo admin can follow an emailed link. */
function LinkedText({ text }: { text: string }) {
  return text.split(/(https?:\/\/\S+)/g).map((part, index) =>
    index % 2 === 1 ? (
      <a key={index} href={part}>
        {part}
      </a>
    ) : (
      part
    ),
  );
}

export const meta: MetaFunction = () => [{ title: "Outbox · Admin · Vanguard" }];
