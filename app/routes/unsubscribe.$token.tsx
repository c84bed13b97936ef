import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { LinkProblem } from "~/components/link-problem";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { readUnsubscribeLink, unsubscribeWithLink } from "~/models/unsubscribe.server";
import { problemsOf, useActionAnswer } from "~/utils/action-answer";
import { answerWork, invalid } from "~/utils/action-answer.server";
import { parseSubmission } from "~/utils/form.server";
import { notificationKindLabels } from "~/utils/labels";
import { useIsPending } from "~/utils/use-is-pending";

// The link in every notification email and in its List-Unsubscribe header. A GET only asks:
// link scanners and previews fetch links, so nothing changes until someone presses the button
// or a mail provider POSTs `List-Unsubscribe=One-Click` (RFC 8058). Neither has a session, and
// the origin check lets this one address through (app/auth/origin.server.ts): the signed token
// in the address is what authorises it.

export async function loader({ params }: LoaderFunctionArgs) {
  const link = await readUnsubscribeLink(params.token ?? "");
  return data({ link }, { status: link ? 200 : 400 });
}

/** The body RFC 8058 prescribes for a one-click unsubscribe; the page's button sends the same. */
const OneClickSchema = z.object({
  "List-Unsubscribe": z.literal("One-Click", {
    error: "Unsubscribe with the button on this page.",
  }),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const submission = await parseSubmission(request, OneClickSchema);
  if (submission.status !== "success") return invalid(submission);
  return answerWork(submission, async () => {
    const { topic } = await unsubscribeWithLink(params.token ?? "");
    return {
      done:
        topic === "digest"
          ? "Unsubscribed: no more daily digests."
          : "Unsubscribed: no more emails of this kind.",
      resetForm: false,
    };
  });
}

type UnsubscribeLink = NonNullable<Awaited<ReturnType<typeof readUnsubscribeLink>>>;

export default function UnsubscribePage() {
  const { link } = useLoaderData<typeof loader>();
  if (!link) {
    return (
      <LinkProblem
        title="This unsubscribe link can't be used"
        status="invalid"
        next={{
          to: "/settings#notifications-heading",
          label: "Choose your emails in Settings",
          hint: "Every email has its own link at the bottom, or sign in and choose there.",
        }}
      />
    );
  }
  return <UnsubscribeForm {...link} />;
}

function UnsubscribeForm({ topic, email, stillEmailed }: UnsubscribeLink) {
  const outcome = useActionAnswer();
  const problems = problemsOf(outcome);
  const pending = useIsPending();
  const digest = topic === "digest";
  const subscribed = stillEmailed.length > 0;
  return (
    <div className="page-narrow">
      <div className="auth-card">
        <h1>{subscribed ? "Unsubscribe from these emails?" : "You're unsubscribed"}</h1>
        {outcome?.done ? <Alert tone="success">{outcome.done}</Alert> : null}
        {problems ? <Alert tone="error">{problems}</Alert> : null}
        {subscribed ? (
          <>
            <p>
              {digest
                ? `Stop the daily digest to ${email}. It gathers:`
                : `Stop emailing ${email} when:`}
            </p>
            <ul>
              {stillEmailed.map((kind) => (
                <li key={kind}>{notificationKindLabels[kind]}</li>
              ))}
            </ul>
            <Form method="post" className="form">
              <input type="hidden" name="List-Unsubscribe" value="One-Click" />
              <div>
                <Button variant="primary" pending={pending} pendingLabel="Unsubscribing…">
                  {digest ? "Unsubscribe from the digest" : "Unsubscribe"}
                </Button>
              </div>
            </Form>
          </>
        ) : (
          <p>
            {digest
              ? `Nothing arrives in a daily digest to ${email} any more.`
              : `${email} gets no email when: ${
                  notificationKindLabels[topic as keyof typeof notificationKindLabels]
                }.`}
          </p>
        )}
        <p className="muted">
          You still see everything under the bell when you sign in. Choose each kind of email in{" "}
          <Link to="/settings#notifications-heading">your settings</Link>.
        </p>
      </div>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Unsubscribe · Vanguard" }];
