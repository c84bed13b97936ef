import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { FirstRun } from "~/models/first-run.server";
import { visibilityLabel } from "~/utils/labels";
import { useIsPending } from "~/utils/use-is-pending";
import { Badge } from "./ui/badge";
import { Button } from "./ui/button";

/** A new member's start: what the place is for, who sees what, and three first steps. */
export function FirstRunWelcome({ firstRun }: { firstRun: FirstRun }) {
  const { steps, welcomeThread } = firstRun;
  const dismissing = useIsPending({ intent: "dismiss-welcome" });
  return (
    <section className="card first-run" aria-labelledby="first-run-heading">
      <h2 id="first-run-heading">Start here</h2>
      <p>
        This is a private community for the company's customers: compare notes with peers who run
        the product at their own companies, share what you learn, and shape what gets built next.
        The product team reads along and answers here.
      </p>
      <div className="first-run-columns">
        <div>
          <h3>Who can see what</h3>
          <ul className="first-run-facts">
            <li>
              A post is seen by everyone who can open its space. Spaces open to you:{" "}
              {firstRun.spaces.map((space, index) => (
                <span key={space.slug}>
                  {index > 0 ? ", " : null}
                  <Link to={`/spaces/${space.slug}`}>{space.name}</Link> (
                  {visibilityLabel(space.visibility, space.minTier).toLowerCase()})
                </span>
              ))}
              {firstRun.moreSpaces ? (
                <>
                  {" "}
                  and <Link to="/spaces">more</Link>
                </>
              ) : null}
              .
            </li>
            <li>
              Staff, marked <Badge>Staff</Badge> beside their name, can open every space to learn
              from members; each space names the staff who observe it.
            </li>
            <li>
              Your email address and your company's account details are never shown to members.
            </li>
          </ul>
        </div>
        <div>
          <h3>Three first steps</h3>
          <ol className="first-steps">
            {steps.introduce !== null && welcomeThread ? (
              <Step done={steps.introduce}>
                Introduce yourself in{" "}
                <Link to={`/t/${welcomeThread.id}#reply`}>{welcomeThread.title}</Link>: what you do,
                and what you hope to get from the community.
              </Step>
            ) : null}
            <Step done={steps.profile}>
              <Link to="/settings#profile-heading">Fill in your profile</Link> with a line about
              your role, so people know who they are talking to.
            </Step>
            <Step done={steps.email}>
              <Link to="/settings#notifications-heading">Choose your email settings</Link>: which
              mentions, replies and new threads also reach your inbox.
            </Step>
          </ol>
        </div>
      </div>
      <Form method="post" className="first-run-dismiss">
        <Button name="intent" value="dismiss-welcome" pending={dismissing}>
          Hide this welcome
        </Button>
      </Form>
    </section>
  );
}

function Step({ done, children }: { done: boolean; children: ReactNode }) {
  return (
    <li className={done ? "is-done" : undefined}>
      {children} {done ? <Badge tone="success">Done</Badge> : null}
    </li>
  );
}
