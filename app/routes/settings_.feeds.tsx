import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { getFeedKey, resetFeedKey, turnOffFeeds, turnOnFeeds } from "~/models/feed.server";
import { listIdeasBoard } from "~/models/idea.server";
import { listSpaceChoices } from "~/models/space.server";
import { problemsOf, useActionAnswer } from "~/utils/action-answer";
import { answerWork, invalid } from "~/utils/action-answer.server";
import { parseSubmission } from "~/utils/form.server";
import { publicOrigin } from "~/utils/request.server";
import { useIsPending } from "~/utils/use-is-pending";
import { FeedActionSchema } from "~/validation/feeds";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const key = await getFeedKey(user);
  if (!key) return { on: false as const };
  const [spaces, voted] = await Promise.all([
    listSpaceChoices(user),
    listIdeasBoard(user, { sort: "new", voted: true, page: 1 }),
  ]);
  const base = `${publicOrigin()}/feeds/${key}`;
  return {
    on: true as const,
    personal: [
      { label: "New in your spaces", url: `${base}/activity.atom` },
      { label: "Changelog", url: `${base}/changelog.atom` },
    ],
    spaces: spaces.map((space) => ({
      label: space.name,
      url: `${base}/spaces/${space.slug}.atom`,
    })),
    ideas: voted.ideas.map((idea) => ({
      label: idea.title,
      url: `${base}/threads/${idea.id}.atom`,
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = await parseSubmission(request, FeedActionSchema);
  if (submission.status !== "success") return invalid(submission);
  return answerWork(submission, async () => {
    switch (submission.value.intent) {
      case "on":
        await turnOnFeeds(user);
        return "Your feed addresses are ready: add one to your feed reader.";
      case "reset":
        await resetFeedKey(user);
        return "New addresses made: the old ones stop working now. Update your feed reader.";
      case "off":
        await turnOffFeeds(user);
        return "Feeds turned off: every address you had stops working now.";
    }
  });
}

type Address = { label: string; url: string };

export default function FeedsPage() {
  const data = useLoaderData<typeof loader>();
  const outcome = useActionAnswer();
  return (
    <div className="page reading-column">
      <div className="page-header">
        <div>
          <h1>Feeds</h1>
          <p>
            Follow the community in a feed reader. Feed readers can't sign in, so each address
            carries a secret that says it's you: it shows exactly what you may read, and nothing
            once you reset it, turn feeds off, or change your password. Don't share it.
          </p>
        </div>
      </div>
      {outcome?.done ? <Alert tone="success">{outcome.done}</Alert> : null}
      {problemsOf(outcome) ? <Alert tone="error">{problemsOf(outcome)}</Alert> : null}
      {data.on ? (
        <div className="stack">
          <AddressList id="personal" title="Yours" addresses={data.personal} />
          <AddressList id="spaces" title="Spaces" addresses={data.spaces} />
          {data.ideas.length > 0 ? (
            <AddressList id="ideas" title="Ideas you voted for" addresses={data.ideas} />
          ) : (
            <p className="muted">
              Vote for an <Link to="/ideas">idea</Link> and its feed (every reply and status change)
              shows here.
            </p>
          )}
          <section className="card" aria-labelledby="feed-controls">
            <h2 id="feed-controls">If an address got out</h2>
            <div className="row">
              <FeedButton intent="reset" label="Make new addresses" pendingLabel="Making…" />
              <FeedButton intent="off" label="Turn feeds off" pendingLabel="Turning off…" />
            </div>
          </section>
        </div>
      ) : (
        <section className="card" aria-labelledby="feeds-off">
          <h2 id="feeds-off">Your feeds are off</h2>
          <p>
            Turn them on to get addresses for what's new in your spaces, the changelog, each space
            and each idea you voted for.
          </p>
          <FeedButton intent="on" label="Turn feeds on" pendingLabel="Turning on…" primary />
        </section>
      )}
    </div>
  );
}

function AddressList({
  id,
  title,
  addresses,
}: {
  id: string;
  title: string;
  addresses: Address[];
}) {
  return (
    <section className="card" aria-labelledby={`feeds-${id}`}>
      <h2 id={`feeds-${id}`}>{title}</h2>
      <div className="stack">
        {addresses.map((address, index) => (
          <div key={address.url} className="field">
            <label htmlFor={`feed-${id}-${index}`}>{address.label}</label>
            <input
              id={`feed-${id}-${index}`}
              type="text"
              readOnly
              value={address.url}
              className="token-secret"
              onFocus={(event) => event.currentTarget.select()}
            />
          </div>
        ))}
      </div>
    </section>
  );
}

function FeedButton({
  intent,
  label,
  pendingLabel,
  primary = false,
}: {
  intent: "on" | "reset" | "off";
  label: string;
  pendingLabel: string;
  primary?: boolean;
}) {
  const pending = useIsPending({ intent });
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <Button
        variant={primary ? "primary" : undefined}
        pending={pending}
        pendingLabel={pendingLabel}
      >
        {label}
      </Button>
    </Form>
  );
}

export const meta: MetaFunction = () => [{ title: "Feeds · Vanguard" }];
