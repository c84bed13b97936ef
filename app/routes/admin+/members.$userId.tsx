import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireUserWithPermission } from "~/auth/current-user.server";
import { DeleteAccountFields } from "~/components/delete-account-fields";
import { Alert } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { ConfirmButton } from "~/components/ui/confirm-button";
import { Field } from "~/components/ui/field";
import { RelativeTime } from "~/components/ui/relative-time";
import { deleteAccount } from "~/models/account-deletion.server";
import { listAuditEventsFor } from "~/models/audit.server";
import { changeUserRole, getUserForAdmin, reactivateUser, suspendUser } from "~/models/user.server";
import { useActionAnswer } from "~/utils/action-answer";
import { answerWork, invalid } from "~/utils/action-answer.server";
import { parseSubmission } from "~/utils/form.server";
import { roleLabels } from "~/utils/labels";
import { RoleSchema, storableString } from "~/validation/common";
import { invariantResponse } from "~/utils/responses.server";
import { useIsPending } from "~/utils/use-is-pending";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireUserWithPermission(request, "read:member:any");
  const userId = z.uuid().safeParse(params.userId);
  const user = userId.success ? await getUserForAdmin(userId.data) : null;
  invariantResponse(user, "No such member.", { status: 404 });
  const history = await listAuditEventsFor("user", [user.id], 50);
  return { user, history, isSelf: viewer.id === user.id };
}

const MemberActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("change-role"), role: RoleSchema }),
  z.object({
    intent: z.literal("suspend"),
    reason: storableString({ error: "Say why, for the record and for the person." })
      .trim()
      .min(3, "Say why, for the record and for the person.")
      .max(500, "Use at most 500 characters."),
  }),
  z.object({ intent: z.literal("reactivate") }),
  z.object({
    intent: z.literal("delete-account"),
    posts: z.enum(["keep", "remove"], { error: "Choose what happens to their posts." }),
    reason: storableString({ error: "Say whose request this is and how it came." })
      .trim()
      .min(3, "Say whose request this is and how it came.")
      .max(500, "Use at most 500 characters."),
  }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireUserWithPermission(request, "update:member:any");
  const userId = z.uuid().safeParse(params.userId);
  invariantResponse(userId.success, "No such member.", { status: 404 });
  const submission = await parseSubmission(request, MemberActionSchema);
  if (submission.status !== "success") return invalid(submission);
  const change = submission.value;
  return answerWork(submission, async () => {
    switch (change.intent) {
      case "change-role":
        await changeUserRole(actor, userId.data, change.role);
        return "Role changed.";
      case "suspend":
        await suspendUser(actor, userId.data, change.reason);
        return "Suspended. Their sessions have ended and they can't sign in.";
      case "reactivate":
        await reactivateUser(actor, userId.data);
        return "Reactivated. They can sign in again.";
      case "delete-account":
        await deleteAccount(actor, userId.data, {
          removePosts: change.posts === "remove",
          reason: change.reason,
        });
        throw redirect("/admin/members?notice=account-deleted");
    }
  });
}

const actionLabels: Record<string, string> = {
  "user.role_changed": "Role changed",
  "user.suspended": "Suspended",
  "user.reactivated": "Reactivated",
};

function describeEvent(action: string, details: Record<string, unknown>) {
  if (action === "user.role_changed") {
    const from = roleLabels[details.from as keyof typeof roleLabels] ?? details.from;
    const to = roleLabels[details.to as keyof typeof roleLabels] ?? details.to;
    return `from ${from} to ${to}`;
  }
  if (action === "user.suspended" && details.reason) return `“${String(details.reason)}”`;
  return "";
}

export default function AdminMemberPage() {
  const { user, history, isSelf } = useLoaderData<typeof loader>();
  const outcome = useActionAnswer();
  const formErrors = outcome?.result.error?.[""];
  const changingRole = useIsPending({ intent: "change-role" });
  const suspending = useIsPending({ intent: "suspend" });
  const reactivating = useIsPending({ intent: "reactivate" });
  const deleting = useIsPending({ intent: "delete-account" });
  const [suspendForm, suspendFields] = useForm({
    id: "suspend",
    lastResult: useActionAnswer("suspend")?.result,
  });

  return (
    <div className="stack">
      <p className="small">
        <Link to="/admin/members">← All members</Link>
      </p>
      <div className="page-header">
        <div>
          <h1>{user.displayName}</h1>
          <p>
            @{user.handle} · {user.email} · {roleLabels[user.role]}
            {user.accountName ? ` of ${user.accountName}` : ""} ·{" "}
            {user.status === "suspended" ? (
              <Badge tone="danger">Suspended</Badge>
            ) : (
              <Badge tone="success">Active</Badge>
            )}
            {user.alumniSince ? (
              <>
                {" "}
                <Badge tone="warning">Alumni</Badge>
              </>
            ) : null}
          </p>
        </div>
      </div>
      {outcome?.done ? <Alert tone="success">{outcome.done}</Alert> : null}
      {formErrors?.length ? <Alert tone="error">{formErrors.join(" ")}</Alert> : null}
      {isSelf ? (
        <Alert>This is you. Another admin has to change your role or suspend you.</Alert>
      ) : (
        <div className="grid-2">
          <section className="card" aria-labelledby="role-heading">
            <h2 id="role-heading">Role</h2>
            <p className="muted small">A new role applies on their next page view.</p>
            <Form method="post" className="form">
              <input type="hidden" name="intent" value="change-role" />
              <div className="field">
                <label htmlFor="role">New role</label>
                <select id="role" name="role" defaultValue={user.role}>
                  {Object.entries(roleLabels).map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </select>
              </div>
              <ConfirmButton
                label="Change role"
                question={`Change ${user.displayName}'s role? This is recorded with your name.`}
                pending={changingRole}
              />
            </Form>
          </section>
          <section className="card" aria-labelledby="status-heading">
            <h2 id="status-heading">Access</h2>
            {user.status === "active" ? (
              <Form method="post" className="form" {...getFormProps(suspendForm)}>
                <input type="hidden" name="intent" value="suspend" />
                <Field
                  id={suspendFields.reason.id}
                  label="Reason for suspending"
                  hint="Shown to them, and kept in the history below."
                  errors={suspendFields.reason.errors}
                >
                  {(aria) => (
                    <textarea
                      {...getTextareaProps(suspendFields.reason)}
                      rows={2}
                      maxLength={500}
                      {...aria}
                    />
                  )}
                </Field>
                <ConfirmButton
                  label="Suspend member"
                  danger
                  question={`Suspend ${user.displayName}? They are signed out at once and can't sign in until reactivated.`}
                  pending={suspending}
                />
              </Form>
            ) : (
              <Form method="post" className="form">
                <input type="hidden" name="intent" value="reactivate" />
                <p className="muted small">Suspended members can't sign in.</p>
                <ConfirmButton
                  label="Reactivate member"
                  question={`Reactivate ${user.displayName}? They can sign in again.`}
                  pending={reactivating}
                />
              </Form>
            )}
          </section>
          {user.role === "admin" ? null : (
            <section className="card" aria-labelledby="delete-heading">
              <h2 id="delete-heading">Delete this account</h2>
              <p className="muted small">
                Only on {user.displayName}&apos;s own request (they can also do it themselves from
                My data). Their profile, email and personal records are erased; their votes keep
                counting without their name. Recorded in the audit log with the reason below.
              </p>
              <Form method="post" className="form">
                <input type="hidden" name="intent" value="delete-account" />
                <DeleteAccountFields idPrefix="delete" whose="their" />
                <div className="field">
                  <label htmlFor="delete-reason">Whose request, and how it came</label>
                  <textarea id="delete-reason" name="reason" rows={2} maxLength={500} required />
                </div>
                <ConfirmButton
                  label="Delete account"
                  danger
                  question={`Delete ${user.displayName}'s account? This can't be undone.`}
                  pending={deleting}
                />
              </Form>
            </section>
          )}
        </div>
      )}
      <section className="card" aria-labelledby="history-heading">
        <h2 id="history-heading">History</h2>
        {history.length === 0 ? (
          <p className="muted">
            No role or access changes yet. Joined <RelativeTime date={user.createdAt} />.
          </p>
        ) : (
          <ol className="stack" role="list">
            {history.map((event) => (
              <li key={event.id}>
                <strong>{actionLabels[event.action] ?? event.action}</strong>{" "}
                {describeEvent(event.action, event.details)}
                <span className="muted small">
                  {" "}
                  by {event.actorName ?? "someone no longer here"},{" "}
                  <RelativeTime date={event.createdAt} />
                </span>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: loaderData }) => [
  { title: `${loaderData?.user.displayName ?? "Member"} · Admin · Vanguard` },
];
