import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { recentSsoSignIn, requireUser } from "~/auth/current-user.server";
import { tokenScopesFor } from "~/auth/policy.server";
import { Alert } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { SecretShownOnce } from "~/components/secret-shown-once";
import { Field } from "~/components/ui/field";
import { PasswordConfirmation } from "~/components/password-confirmation";
import { RelativeTime } from "~/components/ui/relative-time";
import { TableScroll } from "~/components/ui/table-scroll";
import { createApiToken, listOwnApiTokens, revokeApiToken } from "~/models/api-token.server";
import { problemsOf, useActionAnswer } from "~/utils/action-answer";
import { answerWork, invalid } from "~/utils/action-answer.server";
import { parseSubmission } from "~/utils/form.server";
import { useIsPending } from "~/utils/use-is-pending";
import { ApiTokenActionSchema } from "~/validation/api-tokens";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [tokens, confirmedBySso] = await Promise.all([
    listOwnApiTokens(user),
    recentSsoSignIn(request),
  ]);
  return { tokens, scopes: tokenScopesFor(user), confirmedBySso };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = await parseSubmission(request, ApiTokenActionSchema);
  // The password is never sent back into the page.
  const hideFields = ["password"];
  if (submission.status !== "success") return invalid(submission, hideFields);
  const input = submission.value;
  return answerWork<{ secret: string; name: string }>(
    submission,
    async () => {
      switch (input.intent) {
        case "create": {
          const token = await createApiToken(user, {
            name: input.name,
            scopes: input.scopes,
            lifetimeDays: Number(input.lifetime),
            password: input.password,
            recentSsoSignIn: await recentSsoSignIn(request),
          });
          return {
            done: `Token “${input.name}” made. Copy it now: it is shown only this once.`,
            details: { secret: token.secret, name: input.name },
            // The secret must not linger in a cache or the browser's history.
            headers: { "Cache-Control": "no-store" },
          };
        }
        case "revoke":
          await revokeApiToken(user, input.tokenId);
          return "Token revoked: calls made with it are refused from now on.";
      }
    },
    { hideFields },
  );
}

const scopeLabels = {
  read: { title: "Read", hint: "What you can see: ideas, votes, tags." },
  write: { title: "Write", hint: "What you can do: your votes; for staff, proxy votes." },
  admin: { title: "Admin", hint: "The admin endpoints: accounts and their import." },
} as const;

export default function ApiTokensPage() {
  const { tokens } = useLoaderData<typeof loader>();
  const outcome = useActionAnswer();
  const revoked = outcome?.intent === "revoke" ? outcome : undefined;
  return (
    <div className="page reading-column">
      <div className="page-header">
        <div>
          <h1>API tokens</h1>
          <p>
            A personal access token lets a script or another tool use the{" "}
            <Link to="/api/docs">Vanguard API</Link> as you: it sees and does only what you may, and
            only what its scopes allow. Treat it like a password.
          </p>
        </div>
      </div>
      {revoked?.done ? <Alert tone="success">{revoked.done}</Alert> : null}
      {problemsOf(revoked) ? <Alert tone="error">{problemsOf(revoked)}</Alert> : null}
      <div className="stack">
        <NewTokenForm />
        <section className="card" aria-labelledby="tokens-heading">
          <h2 id="tokens-heading">Your tokens</h2>
          {tokens.length === 0 ? (
            <p className="muted">No tokens yet: make one above when a tool needs one.</p>
          ) : (
            <TableScroll label="Your API tokens">
              <table className="data">
                <caption className="visually-hidden">Your tokens, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Scopes</th>
                    <th scope="col">Last used</th>
                    <th scope="col">Expires</th>
                    <th scope="col">
                      <span className="visually-hidden">Action</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {tokens.map((token) => (
                    <tr key={token.id}>
                      <td>
                        {token.name} <code className="muted small">{token.prefix}…</code>{" "}
                        {token.state === "live" ? null : (
                          <Badge tone="warning">
                            {token.state === "revoked" ? "Revoked" : "Expired"}
                          </Badge>
                        )}
                      </td>
                      <td>{token.scopes.join(", ")}</td>
                      <td>
                        {token.lastUsedAt ? <RelativeTime date={token.lastUsedAt} /> : "Never"}
                      </td>
                      <td>
                        <RelativeTime date={token.expiresAt} />
                      </td>
                      <td>
                        {token.state === "live" ? (
                          <Form method="post">
                            <input type="hidden" name="intent" value="revoke" />
                            <input type="hidden" name="tokenId" value={token.id} />
                            <Button size="small">
                              Revoke<span className="visually-hidden"> “{token.name}”</span>
                            </Button>
                          </Form>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
        </section>
      </div>
    </div>
  );
}

function NewTokenForm() {
  const { scopes, confirmedBySso } = useLoaderData<typeof loader>();
  const outcome = useActionAnswer<{ secret: string; name: string }>("create");
  const pending = useIsPending({ intent: "create" });
  const [form, fields] = useForm({
    id: "new-token",
    lastResult: outcome?.result,
    shouldValidate: "onSubmit",
    defaultValue: { scopes: ["read"], lifetime: "30" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ApiTokenActionSchema }),
  });
  const made = outcome?.details;
  return (
    <section className="card" aria-labelledby="new-token-heading">
      <h2 id="new-token-heading">Make a token</h2>
      {made ? (
        <SecretShownOnce
          secret={made.secret}
          done={outcome?.done ?? ""}
          label="Your new token"
          copyLabel="Copy token"
        />
      ) : null}
      <Form method="post" className="form" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="create" />
        {form.errors?.length ? <p className="field-error">{form.errors.join(" ")}</p> : null}
        <Field
          id={fields.name.id}
          label="Name"
          hint="What will use it, e.g. “Jira sync” or “Weekly report script”."
          errors={fields.name.errors}
        >
          {(aria) => <input {...getInputProps(fields.name, { type: "text" })} {...aria} />}
        </Field>
        <fieldset className="field" aria-describedby={fields.scopes.errorId}>
          <legend className="label">What it may do</legend>
          {scopes.map((scope) => (
            <div key={scope} className="choice-with-hint">
              <label className="choice">
                <input
                  type="checkbox"
                  name={fields.scopes.name}
                  value={scope}
                  defaultChecked={fields.scopes.initialValue?.includes(scope) ?? scope === "read"}
                  aria-describedby={`scope-${scope}-hint`}
                />
                <strong>{scopeLabels[scope].title}</strong>
              </label>
              <span className="field-hint" id={`scope-${scope}-hint`}>
                {scopeLabels[scope].hint}
              </span>
            </div>
          ))}
          {fields.scopes.errors ? (
            <p id={fields.scopes.errorId} className="field-error">
              {fields.scopes.errors.join(" ")}
            </p>
          ) : null}
        </fieldset>
        <Field id={fields.lifetime.id} label="Expires after" errors={fields.lifetime.errors}>
          {(aria) => (
            <select {...getSelectProps(fields.lifetime)} {...aria}>
              <option value="7">7 days</option>
              <option value="30">30 days</option>
              <option value="90">90 days</option>
              <option value="365">A year</option>
            </select>
          )}
        </Field>
        <PasswordConfirmation
          confirmedBySso={confirmedBySso}
          id={fields.password.id}
          label="Your password"
          hint="Asked again: a token acts as you."
          errors={fields.password.errors}
          input={getInputProps(fields.password, { type: "password" })}
        />
        <div>
          <Button variant="primary" pending={pending} pendingLabel="Making…">
            Make token
          </Button>
        </div>
      </Form>
    </section>
  );
}

export const meta: MetaFunction = () => [{ title: "API tokens · Vanguard" }];
