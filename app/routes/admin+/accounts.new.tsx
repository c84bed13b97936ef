import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { requireUserWithPermission } from "~/auth/policy.server";
import { AccountConflictError, createAccount } from "~/models/account.server";
import { parseSubmission } from "~/utils/form.server";
import { AccountSchema } from "~/validation/admin";
import { AccountForm } from "./__account-form";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "manage:account:any");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireUserWithPermission(request, "manage:account:any");
  const submission = await parseSubmission(request, AccountSchema);
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    const id = await createAccount(actor, submission.value);
    throw redirect(`/admin/accounts?saved=${id}`);
  } catch (error) {
    if (!(error instanceof AccountConflictError)) throw error;
    return data(submission.reply({ fieldErrors: { [error.field]: [error.message] } }), {
      status: 400,
    });
  }
}

export default function NewAccountPage() {
  const lastResult = useActionData<typeof action>();
  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <h1>Add an account</h1>
          <p>A customer organization. Its value tier follows from its revenue rank.</p>
        </div>
      </div>
      <AccountForm lastResult={lastResult} submitLabel="Add account" />
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Add an account · Admin · Vanguard" }];
