import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUserWithPermission } from "~/auth/current-user.server";
import { Alert } from "~/components/ui/alert";
import { RelativeTime } from "~/components/ui/relative-time";
import { TableScroll } from "~/components/ui/table-scroll";
import {
  dismissPreparedInvitation,
  listPreparedInvitations,
  sendAccountInvitations,
  sendPreparedInvitations,
} from "~/models/membership-invitation.server";
import { problemsOf, useActionAnswer } from "~/utils/action-answer";
import { answerWork, invalid } from "~/utils/action-answer.server";
import { parseSubmission } from "~/utils/form.server";
import { formatCount } from "~/utils/format";
import { tierLabels } from "~/utils/labels";
import { MembershipInvitationActionSchema } from "~/validation/admin";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "manage:account:any");
  return listPreparedInvitations(user);
}

const sentWords = (result: { sent: number; skipped: number; waiting?: number }) =>
  `${result.sent === 1 ? "Invitation sent." : `${formatCount(result.sent)} invitations sent.`}${
    result.skipped > 0
      ? ` ${formatCount(result.skipped)} not sent: the address already belongs to a member, or the email could not go out (it waits here again).`
      : ""
  }${result.waiting ? ` ${formatCount(result.waiting)} more wait: send again to send them.` : ""}`;

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireUserWithPermission(request, "manage:account:any");
  const submission = await parseSubmission(request, MembershipInvitationActionSchema);
  if (submission.status !== "success") return invalid(submission);
  const input = submission.value;
  return answerWork(submission, async () => {
    switch (input.intent) {
      case "send":
        return sentWords(await sendPreparedInvitations(actor, [input.id]));
      case "send-account":
        return sentWords(await sendAccountInvitations(actor, input.accountId));
      case "dismiss":
        await dismissPreparedInvitation(actor, input.id);
        return "Put aside. It is not sent.";
    }
  });
}

export default function MembershipInvitationsPage() {
  const { groups, total } = useLoaderData<typeof loader>();
  const outcome = useActionAnswer();
  const problem = problemsOf(outcome);
  const shown = groups.reduce((sum, group) => sum + group.invitations.length, 0);
  return (
    <div className="stack">
      <p className="small">
        <Link to="/admin/accounts">← Accounts</Link>
      </p>
      <div className="page-header">
        <div>
          <h1>Invitations to review</h1>
          <p>
            When an account enters the top tiers, each of its contact emails that isn't a member yet
            gets an invitation prepared here (see the setting on{" "}
            <Link to="/admin/tiers">Tiers</Link>). Send them, or put aside the ones that shouldn't
            go out. Nothing is sent until you choose.
          </p>
        </div>
      </div>
      {outcome?.done ? <Alert tone="success">{outcome.done}</Alert> : null}
      {problem ? <Alert tone="error">{problem}</Alert> : null}
      {groups.length === 0 ? <p className="empty">No invitation waits for review.</p> : null}
      {total > shown ? (
        <p className="muted">
          Showing {formatCount(shown)} of {formatCount(total)} waiting; the rest appear as you send
          these.
        </p>
      ) : null}
      {groups.map((group) => {
        const headingId = `account-${group.accountId}`;
        return (
          <section key={group.accountId} className="card" aria-labelledby={headingId}>
            <div className="page-header">
              <div>
                <h2 id={headingId}>
                  <Link to={`/admin/accounts/${group.accountId}`}>{group.accountName}</Link>
                </h2>
                <p className="muted">
                  {group.change ? (
                    <>
                      Moved from {tierLabels[group.change.fromTier as keyof typeof tierLabels]} to{" "}
                      {tierLabels[group.change.toTier as keyof typeof tierLabels]}{" "}
                      <RelativeTime date={group.change.changedAt} />
                      {group.change.importFile ? (
                        <> by the import of {group.change.importFile}</>
                      ) : null}
                      .
                    </>
                  ) : (
                    "Entered the top tiers."
                  )}
                </p>
              </div>
              <Form method="post">
                <input type="hidden" name="intent" value="send-account" />
                <input type="hidden" name="accountId" value={group.accountId} />
                <button type="submit" className="btn btn-primary">
                  Send all for {group.accountName}
                </button>
              </Form>
            </div>
            <TableScroll label={`Invitations prepared for ${group.accountName}`}>
              <table className="data">
                <caption className="visually-hidden">
                  Invitations prepared for {group.accountName}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Email</th>
                    <th scope="col">Prepared</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {group.invitations.map((invitation) => (
                    <tr key={invitation.id}>
                      <th scope="row">{invitation.email}</th>
                      <td>
                        <RelativeTime date={invitation.createdAt} />
                      </td>
                      <td>
                        <div className="row">
                          <Form method="post">
                            <input type="hidden" name="intent" value="send" />
                            <input type="hidden" name="id" value={invitation.id} />
                            <button
                              type="submit"
                              className="btn btn-small"
                              aria-label={`Send invitation to ${invitation.email}`}
                            >
                              Send invitation
                            </button>
                          </Form>
                          <Form method="post">
                            <input type="hidden" name="intent" value="dismiss" />
                            <input type="hidden" name="id" value={invitation.id} />
                            <button
                              type="submit"
                              className="btn btn-small"
                              aria-label={`Put aside the invitation to ${invitation.email}`}
                            >
                              Put aside
                            </button>
                          </Form>
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </section>
        );
      })}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Invitations to review · Admin · Vanguard" }];
