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
import { parseKnownFields, readFormData } from "~/utils/form.server";
import { getValueMembershipMode, setValueMembershipMode } from "~/models/value-membership.server";
import { formatMoney, formatMoneyCompact, formatPercent } from "~/utils/format";
import { tierLabels } from "~/utils/labels";
import { useIsPending } from "~/utils/use-is-pending";
import { TierSettingsSchema, ValueMembershipSchema } from "~/validation/admin";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "manage:account:any");
  const [summary, settings, membership] = await Promise.all([
    getTierSummary(),
    getTierSettings(),
    getValueMembershipMode(),
  ]);
  return { summary, settings, membership };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireUserWithPermission(request, "manage:settings:any");
  const formData = await readFormData(request);
  if (formData.get("intent") === "membership") {
    const chosen = parseKnownFields(formData, ValueMembershipSchema);
    if (chosen.status !== "success") return invalid(chosen);
    await setValueMembershipMode(actor, chosen.value.mode);
    return answer(chosen, { done: membershipSaved[chosen.value.mode], resetForm: false });
  }
  const submission = parseKnownFields(formData, TierSettingsSchema);
  if (submission.status !== "success") return invalid(submission);
  await updateTierSettings(actor, submission.value);
  return answer(submission, {
    done: "Cut points saved. Tiers are recomputed everywhere at once.",
    resetForm: false,
  });
}

const membershipSaved = {
  off: "Saved. Accounts entering the top tiers prepare no invitations.",
  review: "Saved. Invitations will wait for you under Accounts, Invitations to review.",
  send: "Saved. Invitations will go out as soon as an account enters the top tiers.",
} as const;

const membershipChoices = [
  {
    mode: "off",
    label: "Off",
    hint: "Nothing is prepared when an account enters the top tiers.",
  },
  {
    mode: "review",
    label: "Prepare invitations for me to review",
    hint: "Each contact email of the account that isn't a member yet gets an invitation you send (or put aside) from Accounts, Invitations to review.",
  },
  {
    mode: "send",
    label: "Send invitations at once",
    hint: "The same invitations go out by email straight away, up to 500 per change; any more wait for your review.",
  },
] as const;

export default function TiersPage() {
  const { summary, settings, membership } = useLoaderData<typeof loader>();
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
        {outcome?.done && outcome.done.startsWith("Cut points") ? (
          <Alert tone="success">{outcome.done}</Alert>
        ) : null}
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
      <section className="card section-gap" aria-labelledby="value-membership">
        <h2 id="value-membership">Value-based membership</h2>
        <p className="muted">
          When an import or an edit moves an account into the top tiers (Top 1% or Top 10%), its
          contact emails can be invited to the community. When an account leaves them, its members
          always become alumni, whatever you choose here: they keep what they wrote, their profile
          and every space open to all members, lose the spaces for top-tier accounts, and are told
          so by a notification.
        </p>
        {outcome?.done && outcome.done.startsWith("Saved.") ? (
          <Alert tone="success">{outcome.done}</Alert>
        ) : null}
        <Form method="post" className="form">
          <input type="hidden" name="intent" value="membership" />
          <fieldset className="field">
            <legend className="label">When an account enters the top tiers</legend>
            {membershipChoices.map((choice) => (
              <div key={choice.mode} className="choice-with-hint">
                <label className="choice">
                  <input
                    type="radio"
                    name="mode"
                    value={choice.mode}
                    defaultChecked={membership === choice.mode}
                    aria-describedby={`membership-${choice.mode}-hint`}
                  />
                  <strong>{choice.label}</strong>
                </label>
                <span className="field-hint" id={`membership-${choice.mode}-hint`}>
                  {choice.hint}
                </span>
              </div>
            ))}
          </fieldset>
          <div>
            <Button variant="primary">Save membership setting</Button>
          </div>
        </Form>
      </section>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Value tiers · Admin · Vanguard" }];
