import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireUserWithPermission } from "~/auth/current-user.server";
import { Badge } from "~/components/ui/badge";
import { getAccount, updateAccount } from "~/models/account.server";
import { useActionAnswer } from "~/utils/action-answer";
import { answerWork, invalid } from "~/utils/action-answer.server";
import { parseSubmission } from "~/utils/form.server";
import { centsToInput } from "~/utils/format";
import { tierLabels } from "~/utils/labels";
import { AccountSchema } from "~/validation/admin";
import { AccountForm } from "./__account-form";
import { invariantResponse } from "~/utils/responses.server";

async function findAccount(id: string | undefined) {
  const parsed = z.uuid().safeParse(id);
  const account = parsed.success ? await getAccount(parsed.data) : null;
  invariantResponse(account, "No such account.", { status: 404 });
  return account;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "manage:account:any");
  return { account: await findAccount(params.accountId) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireUserWithPermission(request, "manage:account:any");
  const account = await findAccount(params.accountId);
  const submission = await parseSubmission(request, AccountSchema);
  if (submission.status !== "success") return invalid(submission);
  const { value } = submission;
  return answerWork(submission, async () => {
    await updateAccount(actor, account.id, value);
    throw redirect(`/admin/accounts?saved=${account.id}`);
  });
}

export default function EditAccountPage() {
  const { account } = useLoaderData<typeof loader>();
  const outcome = useActionAnswer();
  return (
    <div className="stack">
      <p className="small">
        <Link to="/admin/accounts">← All accounts</Link>
      </p>
      <div className="page-header">
        <div>
          <h1>{account.name}</h1>
          <p>
            Value tier:{" "}
            <Badge tone={account.tier === "rest" ? "neutral" : "accent"}>
              {tierLabels[account.tier]}
            </Badge>{" "}
            <Link to={`/admin/members?account=${account.id}`}>See its people</Link> ·{" "}
            <Link to={`/admin/members/invite?accountId=${account.id}`}>Invite someone from it</Link>
          </p>
        </div>
      </div>
      <AccountForm
        lastResult={outcome?.result}
        submitLabel="Save changes"
        defaultValue={{
          name: account.name,
          externalId: account.externalId ?? "",
          segment: account.segment,
          revenue: centsToInput(account.revenueCents),
          grossProfit: centsToInput(account.grossProfitCents),
          lifetimeValue: centsToInput(account.lifetimeValueCents),
          customerSince: account.customerSince ?? "",
        }}
      />
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: loaderData }) => [
  { title: `${loaderData?.account.name ?? "Account"} · Admin · Vanguard` },
];
