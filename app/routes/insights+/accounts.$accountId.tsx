import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUserWithPermission } from "~/auth/current-user.server";
import { can } from "~/auth/policy.server";
import { InternalNotes } from "~/components/internal-notes";
import { Badge } from "~/components/ui/badge";
import editorStyles from "~/editor/rich-text.css";
import { listAccountContributions } from "~/models/account-contributions.server";
import {
  getAccountHistory,
  getAccountProfile,
  listAccountPeople,
} from "~/models/account-profile.server";
import {
  addInternalNote,
  deleteInternalNote,
  listInternalNotes,
} from "~/models/internal-note.server";
import { listAccountLapsedEntries } from "~/models/lapsed-list.server";
import { getAccountLookAlike } from "~/models/look-alike.server";
import { readPostContent } from "~/models/post-content.server";
import { Refusal } from "~/models/refusal.server";
import { useActionAnswer } from "~/utils/action-answer";
import { answerWork, invalid } from "~/utils/action-answer.server";
import { parseSubmission } from "~/utils/form.server";
import { uuidParam } from "~/utils/query.server";
import { invariantResponse } from "~/utils/responses.server";
import { AccountPageActionSchema } from "~/validation/insights";
import {
  AccountContributions,
  AccountFacts,
  AccountPeople,
  AccountValueHistory,
} from "./__account-panels";
import { AccountLapsedSignals } from "./__lapsed-parts";
import { AccountTraits } from "./__traits";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: editorStyles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "read:account:any");
  const accountId = uuidParam(params.accountId);
  invariantResponse(accountId, "No such account.", { status: 404 });
  const [account, history, people, contributions, lookAlike, lapsed, notes] = await Promise.all([
    getAccountProfile(user, accountId),
    getAccountHistory(user, accountId),
    listAccountPeople(user, accountId),
    listAccountContributions(user, accountId),
    getAccountLookAlike(user, accountId),
    listAccountLapsedEntries(user, accountId),
    listInternalNotes(user, { accountId }),
  ]);
  invariantResponse(account, "No such account.", { status: 404 });
  return {
    account,
    history,
    people,
    contributions,
    lookAlike,
    lapsed,
    notes,
    viewerId: user.id,
    mayEdit: can(user, "manage:account:any"),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "read:account:any");
  const accountId = uuidParam(params.accountId);
  invariantResponse(accountId, "No such account.", { status: 404 });
  const submission = await parseSubmission(request, AccountPageActionSchema);
  if (submission.status !== "success") return invalid(submission);
  const input = submission.value;
  return answerWork(submission, async () => {
    if (input.intent === "delete-note") {
      await deleteInternalNote(user, { accountId }, input.noteId);
      return { done: "Note deleted.", resetForm: false };
    }
    const body = readPostContent(input.noteJson, input.note);
    if (!body.ok) throw new Refusal(body.message, 400, "note");
    await addInternalNote(user, { accountId }, { postId: null, content: body.content });
    return "Note added.";
  });
}

/**
 * One account as a customer-success lead reads it before a call: its values and tier over time,
 * renewal and owner, its people and how active each is, what they asked for and back, and the
 * staff's notes. Staff and admins only.
 */
export default function AccountPage() {
  const { account, history, people, contributions, lookAlike, lapsed, notes, viewerId, mayEdit } =
    useLoaderData<typeof loader>();
  const outcome = useActionAnswer();
  return (
    <div className="stack">
      <p className="small">
        <Link to="/insights/accounts">← All accounts</Link>
      </p>
      <div className="page-header">
        <div>
          <h1>{account.name}</h1>
          <p>
            <Badge tone={account.tier === "rest" ? "neutral" : "accent"}>
              {account.tier === "top1" ? "Top 1%" : account.tier === "top10" ? "Top 10%" : "Rest"}
            </Badge>{" "}
            Ranked {account.revenueRank} of {account.accountCount} by revenue.
            {mayEdit ? (
              <>
                {" "}
                <Link to={`/admin/accounts/${account.id}`}>Edit its values</Link>
              </>
            ) : null}
          </p>
        </div>
      </div>
      <AccountFacts account={account} />
      <AccountValueHistory accountId={account.id} name={account.name} history={history} />
      <AccountLapsedSignals entries={lapsed} />
      <AccountTraits inTopTiers={account.tier !== "rest"} lookAlike={lookAlike} />
      <AccountPeople people={people} />
      <AccountContributions contributions={contributions} />
      <InternalNotes
        key={notes.length}
        notes={notes}
        viewerId={viewerId}
        posts={[]}
        lastResult={outcome?.intent === "add-note" ? outcome.result : undefined}
      />
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.account.name ?? "Account"} · Insights · Vanguard` },
];
