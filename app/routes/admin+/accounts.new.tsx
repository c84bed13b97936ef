import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireUserWithPermission } from "~/auth/current-user.server";
import { createAccount } from "~/models/account.server";
import { useActionAnswer } from "~/utils/action-answer";
import { answerWork, invalid } from "~/utils/action-answer.server";
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
  if (submission.status !== "success") return invalid(submission);
  const { value } = submission;
  return answerWork(submission, async () => {
    const id = await createAccount(actor, value);
    throw redirect(`/admin/accounts?saved=${id}`);
  });
}

export default function NewAccountPage() {
  const outcome = useActionAnswer();
  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <h1>Add an account</h1>
          <p>A customer organization. Its value tier follows from its revenue rank.</p>
        </div>
      </div>
      <AccountForm lastResult={outcome?.result} submitLabel="Add account" />
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Add an account · Admin · Vanguard" }];
