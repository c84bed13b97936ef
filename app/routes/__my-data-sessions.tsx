import { Form, useLoaderData } from "@remix-run/react";
import { Alert } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { RelativeTime } from "~/components/ui/relative-time";
import { TableScroll } from "~/components/ui/table-scroll";
import { problemsOf, useActionAnswer } from "~/utils/action-answer";
import { describeDevice } from "~/utils/device";
import { useIsPending } from "~/utils/use-is-pending";
import type { loader } from "./me.data";

/** Where the person is signed in, with a way to end each session. */
export function SessionsSection() {
  const { sessions, ssoLinks } = useLoaderData<typeof loader>();
  const outcome = useActionAnswer();
  const sessionOutcome =
    outcome && (outcome.intent === "end-session" || outcome.intent === "end-other-sessions")
      ? outcome
      : undefined;
  const endingOthers = useIsPending({ intent: "end-other-sessions" });
  return (
    <section className="card" aria-labelledby="sessions">
      <h2 id="sessions">Sessions</h2>
      <p className="muted small">
        Where you are signed in. End any session you don't recognise, then change your password.
      </p>
      {ssoLinks.map((link) => (
        <p key={`${link.issuer} ${link.subject}`} className="small">
          You sign in through your company&apos;s identity provider (<code>{link.issuer}</code>),
          which knows you as <code>{link.subject}</code>: linked{" "}
          <RelativeTime date={link.linkedAt} />, last used <RelativeTime date={link.lastUsedAt} />.
        </p>
      ))}
      {sessionOutcome?.done ? <Alert tone="success">{sessionOutcome.done}</Alert> : null}
      {problemsOf(sessionOutcome) ? <Alert tone="error">{problemsOf(sessionOutcome)}</Alert> : null}
      <TableScroll label="Your sessions">
        <table className="data">
          <caption className="visually-hidden">Your sessions, most recently used first</caption>
          <thead>
            <tr>
              <th scope="col">Device</th>
              <th scope="col">Address</th>
              <th scope="col">Signed in</th>
              <th scope="col">Last used</th>
              <th scope="col">
                <span className="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((session) => (
              <tr key={session.publicId}>
                <td>
                  {describeDevice(session.userAgent)}{" "}
                  {session.current ? <Badge tone="accent">This browser</Badge> : null}
                </td>
                <td>{session.ipAddress || "—"}</td>
                <td>
                  <RelativeTime date={session.createdAt} />
                  {session.method === "sso" ? " through single sign-on" : null}
                </td>
                <td>
                  <RelativeTime date={session.lastUsedAt} />
                </td>
                <td>
                  {session.current ? null : (
                    <Form method="post">
                      <input type="hidden" name="intent" value="end-session" />
                      <input type="hidden" name="sessionId" value={session.publicId} />
                      <Button size="small">
                        End session
                        <span className="visually-hidden">
                          {" "}
                          on {describeDevice(session.userAgent)}
                        </span>
                      </Button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {sessions.length > 1 ? (
        <Form method="post" className="section-gap">
          <input type="hidden" name="intent" value="end-other-sessions" />
          <Button pending={endingOthers} pendingLabel="Signing out…">
            Sign out everywhere else
          </Button>
        </Form>
      ) : null}
    </section>
  );
}

/** Sign-ins and wrong-password attempts of the last 90 days. */
export function SignInsSection() {
  const { signIns } = useLoaderData<typeof loader>();
  return (
    <section className="card" aria-labelledby="sign-ins">
      <h2 id="sign-ins">Sign-in history</h2>
      <p className="muted small">
        Sign-ins to your account and attempts with a wrong password, kept for 90 days.
      </p>
      {signIns.length === 0 ? (
        <p className="muted">No sign-ins recorded in the last 90 days.</p>
      ) : (
        <TableScroll label="Your sign-in history">
          <table className="data">
            <caption className="visually-hidden">Sign-ins, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Outcome</th>
                <th scope="col">Device</th>
                <th scope="col">Address</th>
              </tr>
            </thead>
            <tbody>
              {signIns.map((signIn, index) => (
                <tr key={`${signIn.at.toISOString()}-${index}`}>
                  <td>
                    <RelativeTime date={signIn.at} />
                  </td>
                  <td>
                    {signIn.succeeded ? "Signed in" : <Badge tone="warning">Wrong password</Badge>}
                  </td>
                  <td>{describeDevice(signIn.userAgent)}</td>
                  <td>{signIn.ipAddress || "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
