import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireUserWithPermission } from "~/auth/current-user.server";
import { Badge } from "~/components/ui/badge";
import { getAccount, updateAccount } from "~/models/account.server";
import { listAccountSnapshots } from "~/models/account-snapshot.server";
import { useActionAnswer } from "~/utils/action-answer";
import { answerWork, invalid } from "~/utils/action-answer.server";
import { parseSubmission } from "~/utils/form.server";
import { centsToInput, formatMoney } from "~/utils/format";
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
  const user = await requireUserWithPermission(request, "manage:account:any");
  const account = await findAccount(params.accountId);
  return { account, snapshots: await listAccountSnapshots(user, account.id) };
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
  const { account, snapshots } = useLoaderData<typeof loader>();
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
      <section aria-labelledby="history-heading" className="stack">
        <h2 id="history-heading">Values over time</h2>
        {snapshots.length === 0 ? (
          <p className="muted">No values recorded yet.</p>
        ) : (
          <div className="table-wrap">
            <table className="data">
              <caption className="visually-hidden">
                {account.name}'s values at each snapshot, oldest first
              </caption>
              <thead>
                <tr>
                  <th scope="col">As of</th>
                  <th scope="col">Segment</th>
                  <th scope="col" className="num">
                    Revenue (12 mo)
                  </th>
                  <th scope="col" className="num">
                    Gross profit
                  </th>
                  <th scope="col" className="num">
                    Lifetime value
                  </th>
                </tr>
              </thead>
              <tbody>
                {snapshots.map((snapshot) => (
                  <tr key={snapshot.asOf}>
                    <th scope="row">{snapshot.asOf}</th>
                    <td>{snapshot.segment || "—"}</td>
                    <td className="num">{formatMoney(snapshot.revenueCents)}</td>
                    <td className="num">{formatMoney(snapshot.grossProfitCents)}</td>
                    <td className="num">{formatMoney(snapshot.lifetimeValueCents)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: loaderData }) => [
  { title: `${loaderData?.account.name ?? "Account"} · Admin · Vanguard` },
];
