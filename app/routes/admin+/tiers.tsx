import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { requireUserWithPermission } from "~/auth/current-user.server";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import { TableScroll } from "~/components/ui/table-scroll";
import { getTierSettings, getTierSummary, updateTierSettings } from "~/models/account.server";
import { useActionAnswer } from "~/utils/action-answer";
import { answer, invalid } from "~/utils/action-answer.server";
import { parseSubmission } from "~/utils/form.server";
import { formatMoney, formatMoneyCompact, formatPercent } from "~/utils/format";
import { tierLabels } from "~/utils/labels";
import { useIsPending } from "~/utils/use-is-pending";
import { TierSettingsSchema } from "~/validation/admin";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "manage:account:any");
  const [summary, settings] = await Promise.all([getTierSummary(), getTierSettings()]);
  return { summary, settings };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireUserWithPermission(request, "manage:settings:any");
  const submission = await parseSubmission(request, TierSettingsSchema);
  if (submission.status !== "success") return invalid(submission);
  await updateTierSettings(actor, submission.value);
  return answer(submission, {
    done: "Cut points saved. Tiers are recomputed everywhere at once.",
    resetForm: false,
  });
}

export default function TiersPage() {
  const { summary, settings } = useLoaderData<typeof loader>();
  const outcome = useActionAnswer();
  const isPending = useIsPending();
  const [form, fields] = useForm({
    lastResult: outcome?.result,
    defaultValue: {
      topTierPercent: String(settings.topTierPercent),
      highTierPercent: String(settings.highTierPercent),
    },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TierSettingsSchema }),
  });
  const descriptions = {
    top1: `The first ${settings.topTierPercent}% of accounts by revenue`,
    top10: `The rest of the first ${settings.highTierPercent}%`,
    rest: "All other accounts",
  };
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Value tiers</h1>
          <p>
            How concentrated revenue is: accounts are ranked by revenue over the last 12 months and
            cut into tiers.
          </p>
        </div>
      </div>
      <TableScroll label="Accounts and revenue per tier">
        <table className="data">
          <caption className="visually-hidden">Accounts and revenue per tier</caption>
          <thead>
            <tr>
              <th scope="col">Tier</th>
              <th scope="col" className="num">
                Accounts
              </th>
              <th scope="col" className="num">
                Revenue
              </th>
              <th scope="col">Share of revenue</th>
              <th scope="col" className="num">
                Lifetime value
              </th>
            </tr>
          </thead>
          <tbody>
            {summary.map((row) => (
              <tr key={row.tier}>
                <th scope="row">
                  {tierLabels[row.tier]}
                  <div className="muted small">{descriptions[row.tier]}</div>
                </th>
                <td className="num">{row.accounts}</td>
                <td className="num" title={formatMoney(row.revenueCents)}>
                  {formatMoneyCompact(row.revenueCents)}
                </td>
                <td>
                  <div className="row">
                    <div className="bar" aria-hidden="true" style={{ width: "8rem" }}>
                      <span style={{ width: `${Math.round(row.revenueShare * 100)}%` }} />
                    </div>
                    <strong>{formatPercent(row.revenueShare)}</strong>
                  </div>
                </td>
                <td className="num" title={formatMoney(row.lifetimeValueCents)}>
                  {formatMoneyCompact(row.lifetimeValueCents)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <section className="card section-gap" aria-labelledby="cut-points">
        <h2 id="cut-points">Cut points</h2>
        <p className="muted">
          The top tier is the first {settings.topTierPercent}% of accounts by revenue (at least one
          account); the high tier runs to {settings.highTierPercent}%. Accounts with equal revenue
          share a tier.
        </p>
        {outcome?.done ? <Alert tone="success">{outcome.done}</Alert> : null}
        <Form method="post" className="form" {...getFormProps(form)}>
          <div className="grid-2">
            <Field
              id={fields.topTierPercent.id}
              label="Top tier, % of accounts"
              errors={fields.topTierPercent.errors}
            >
              {(aria) => (
                <input
                  {...getInputProps(fields.topTierPercent, { type: "text" })}
                  {...aria}
                  inputMode="decimal"
                />
              )}
            </Field>
            <Field
              id={fields.highTierPercent.id}
              label="High tier, % of accounts"
              errors={fields.highTierPercent.errors}
            >
              {(aria) => (
                <input
                  {...getInputProps(fields.highTierPercent, { type: "text" })}
                  {...aria}
                  inputMode="decimal"
                />
              )}
            </Field>
          </div>
          <div>
            <Button variant="primary" pending={isPending} pendingLabel="Saving…">
              Save cut points
            </Button>
          </div>
        </Form>
      </section>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Value tiers · Admin · Vanguard" }];
