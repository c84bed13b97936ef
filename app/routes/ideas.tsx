import type {
  ActionFunctionArgs,
  LoaderFunctionArgs,
  MetaFunction,
  SerializeFrom,
} from "@remix-run/node";
import { replace } from "@remix-run/node";
import { Form, Link, useFetcher, useLoaderData } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import type { IdeaImportance } from "#db/schema";
import { IDEA_IMPORTANCES, IDEA_STATUSES, TRENDING_DAYS } from "#db/schema/values";
import { can, ideaPermissions } from "~/auth/policy.server";
import { requireUser } from "~/auth/current-user.server";
import { Badge } from "~/components/ui/badge";
import { FilterSelect, labelledOptions } from "~/components/ui/filter-select";
import { Pagination } from "~/components/ui/pagination";
import { RelativeTime } from "~/components/ui/relative-time";
import { IdeaVoteFields } from "~/components/idea-vote-fields";
import {
  castVote,
  IDEAS_PAGE_SIZE,
  isVotable,
  listIdeaSpaces,
  listIdeasBoard,
  withdrawVote,
} from "~/models/idea.server";
import { listSpacesForNewIdea } from "~/models/space.server";
import { listTagsForViewer, listThreadTags } from "~/models/tag.server";
import { TagList } from "~/components/tag-chip";
import {
  IDEA_SORTS,
  ideaSortLabels,
  ideaStatusLabels,
  ideaStatusTones,
  importanceLabels,
} from "~/utils/labels";
import { Alert } from "~/components/ui/alert";
import { problemsOf, useActionAnswer, type ActionAnswer } from "~/utils/action-answer";
import { answerWork, invalid } from "~/utils/action-answer.server";
import { parseSubmission } from "~/utils/form.server";
import { boardAddress, BoardVoteSchema, IdeaBoardQuerySchema } from "./__ideas-query.server";
import { formatMoney, formatMoneyCompact } from "~/utils/format";
import { useHrefWith } from "~/utils/use-href-with";
import { ModerationBadge } from "~/components/moderation-badge";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const query = IdeaBoardQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [board, spaces, tags, ideaSpaces] = await Promise.all([
    listIdeasBoard(user, {
      sort: query.sort,
      status: query.status,
      spaceSlug: query.space,
      tagId: query.tag,
      mine: query.mine === "1",
      voted: query.voted === "1",
      page: query.page,
    }),
    listIdeaSpaces(user),
    listTagsForViewer(user),
    listSpacesForNewIdea(user),
  ]);
  const tagsByIdea = await listThreadTags(
    user,
    board.ideas.map((idea) => idea.id),
  );
  const sorts = can(user, "read:account:any")
    ? IDEA_SORTS
    : IDEA_SORTS.filter((sort) => sort !== "value");
  return {
    ...board,
    ideas: board.ideas.map((idea) => ({
      ...idea,
      tags: tagsByIdea[idea.id] ?? [],
      // The idea rule decides who gets a vote control: customers, on ideas open for voting.
      canVote: ideaPermissions(user, { votable: isVotable(idea.status) }).vote,
    })),
    spaces,
    newIdea: newIdeaAddress(ideaSpaces, query.space),
    tags,
    query: { ...query, sort: board.sort },
    sorts,
    pageSize: IDEAS_PAGE_SIZE,
  };
}

/**
 * Where "New idea" leads: straight to the form of the one space it can go in (or of the space
 * the board shows, when it takes ideas), else to a choice of spaces; nowhere when there is none.
 */
function newIdeaAddress(
  spaces: Array<{ slug: string; ideasEnabled: boolean }>,
  boardSpace: string | undefined,
) {
  if (spaces.length === 0) return null;
  const only =
    spaces.find((space) => space.slug === boardSpace && space.ideasEnabled) ??
    (spaces.length === 1 ? spaces[0] : undefined);
  return only ? `/spaces/${only.slug}/new?kind=idea` : "/ideas/new";
}

/**
 * A vote cast, changed or withdrawn from the board. The model asks every rule (the idea is one
 * the voter sees, the voter's role votes, the idea takes votes), as it does for the idea page.
 * Done, it returns to the board's address with its filters and page: a plain form's post is not
 * repeated by a reload, and a fetcher's revalidates the board where it is.
 */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = await parseSubmission(request, BoardVoteSchema);
  if (submission.status !== "success") return invalid(submission);
  const input = submission.value;
  return answerWork(submission, async () => {
    if (input.intent === "vote") await castVote(user, input.ideaId, input.importance);
    else await withdrawVote(user, input.ideaId);
    throw replace(boardAddress(request), 303);
  });
}

export default function IdeasBoard() {
  const { ideas, total, spaces, tags, query, sorts, pageSize, newIdea } =
    useLoaderData<typeof loader>();
  const hrefWith = useHrefWith();
  const filtered = Boolean(query.status || query.space || query.tag || query.mine || query.voted);
  // What the last vote from the list did, for screen readers (the row shows it at once).
  const [said, setSaid] = useState("");
  const announce = useCallback((words: string) => setSaid(words), []);
  // Without JavaScript a refused vote comes back as the page's answer: shown on its idea's row,
  // or above the list when that idea isn't on this page.
  const plain = useActionAnswer();
  const plainProblem = problemsOf(plain);
  const plainIdeaId = plain?.result.initialValue?.ideaId;
  const refused = plainProblem ? { ideaId: plainIdeaId, problem: plainProblem } : null;
  const refusedElsewhere = refused && !ideas.some((idea) => idea.id === refused.ideaId);
  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Ideas</h1>
          <p>
            What members want the product to do next. Vote for the ones that matter to you, and say
            how much; staff answer with a status.
          </p>
        </div>
        {newIdea ? (
          <Link className="btn btn-primary" to={newIdea}>
            New idea
          </Link>
        ) : (
          <p className="small">No space you can post in takes ideas yet.</p>
        )}
      </div>
      <nav className="tabs" aria-label="Sort">
        {sorts.map((sort) => (
          <Link
            key={sort}
            to={hrefWith({ sort })}
            aria-current={query.sort === sort ? "page" : undefined}
          >
            {ideaSortLabels[sort]}
          </Link>
        ))}
      </nav>
      {query.sort === "trending" ? (
        <p className="muted small">Most votes in the last {TRENDING_DAYS} days first.</p>
      ) : null}
      {query.sort === "value" ? (
        <p className="muted small">
          <Badge>Staff only</Badge> Value represented: the revenue on file for the accounts whose
          people voted, each account counted once however many of its people voted. Highest first.
        </p>
      ) : null}
      <Form method="get" className="filters card" aria-label="Filter ideas">
        <input type="hidden" name="sort" value={query.sort} />
        <FilterSelect
          id="filter-status"
          name="status"
          label="Status"
          value={query.status}
          any="Any status"
          options={labelledOptions(IDEA_STATUSES, ideaStatusLabels)}
        />
        <FilterSelect
          id="filter-space"
          name="space"
          label="Space"
          value={query.space}
          any="All spaces"
          options={spaces.map((space) => ({ value: space.slug, label: space.name }))}
        />
        {tags.length > 0 ? (
          <FilterSelect
            id="filter-tag"
            name="tag"
            label="Tag"
            value={query.tag}
            any="Any tag"
            options={tags.map((tag) => ({
              value: tag.id,
              label: `${tag.groupName ? `${tag.groupName}: ` : ""}${tag.name}${tag.visibility === "internal" ? " (internal)" : ""}`,
            }))}
          />
        ) : null}
        <label className="checkbox">
          <input type="checkbox" name="voted" value="1" defaultChecked={query.voted === "1"} /> I
          voted
        </label>
        <label className="checkbox">
          <input type="checkbox" name="mine" value="1" defaultChecked={query.mine === "1"} /> Mine
        </label>
        <button type="submit" className="btn">
          Apply filters
        </button>
        {filtered ? <Link to={`/ideas?sort=${query.sort}`}>Clear filters</Link> : null}
      </Form>
      {refusedElsewhere ? <Alert tone="error">{refused.problem}</Alert> : null}
      {ideas.length === 0 ? (
        <div className="card empty">
          <p>
            {filtered
              ? "No ideas match these filters."
              : newIdea
                ? "No ideas yet. Post the first with “New idea”: members vote on it, and staff answer."
                : "No ideas yet: no space you can post in takes them."}
          </p>
        </div>
      ) : (
        <ul className="thread-list idea-list" aria-label="Ideas">
          {ideas.map((idea) => (
            <IdeaRow
              key={idea.id}
              idea={idea}
              onVoted={announce}
              refused={refused?.ideaId === idea.id ? refused.problem : null}
            />
          ))}
        </ul>
      )}
      <p role="status" className="visually-hidden">
        {said}
      </p>
      <Pagination page={query.page} pageSize={pageSize} total={total} />
    </div>
  );
}

type BoardIdea = SerializeFrom<typeof loader>["ideas"][number];

function isImportance(value: unknown): value is IdeaImportance {
  return (IDEA_IMPORTANCES as readonly unknown[]).includes(value);
}

/** The idea as it will be once the vote on its way is saved; as loaded when none is. */
function shownVote(idea: BoardIdea, sent: FormData | undefined) {
  const intent = sent?.get("intent");
  const importance = sent?.get("importance");
  if (intent === "withdraw-vote") {
    return { myImportance: null, voteCount: idea.voteCount - (idea.myImportance ? 1 : 0) };
  }
  if (intent === "vote" && isImportance(importance)) {
    return { myImportance: importance, voteCount: idea.voteCount + (idea.myImportance ? 0 : 1) };
  }
  return { myImportance: idea.myImportance, voteCount: idea.voteCount };
}

/**
 * One idea on the board, with the vote form when the idea rule gives the viewer one. With
 * JavaScript the vote shows at once and goes back, with the reason, if it is refused; without,
 * the form posts to the board and returns to it.
 */
function IdeaRow({
  idea,
  onVoted,
  refused,
}: {
  idea: BoardIdea;
  onVoted: (words: string) => void;
  /** Why the page's own (plain form) vote on this idea was refused. */
  refused: string | null;
}) {
  const vote = useFetcher<ActionAnswer>();
  const busy = vote.state !== "idle";
  const shown = shownVote(idea, vote.formData);
  const sending = busy ? vote.formData?.get("intent") : null;
  const problem = busy ? null : (problemsOf(vote.data) ?? refused);
  useVoteOutcome(vote, idea.title, onVoted);
  return (
    <li className="thread-row idea-row">
      <div className="idea-row-votes" aria-hidden="true">
        <strong>{shown.voteCount}</strong>
        <span className="small muted">{shown.voteCount === 1 ? "vote" : "votes"}</span>
      </div>
      <div className="idea-row-main">
        <Link className="thread-title" to={`/t/${idea.id}`}>
          {idea.title}
        </Link>
        <span className="visually-hidden">
          , {shown.voteCount} {shown.voteCount === 1 ? "vote" : "votes"}
        </span>
        <div className="meta">
          <ModerationBadge state={idea.moderation} />
          <Badge tone={ideaStatusTones[idea.status]}>{ideaStatusLabels[idea.status]}</Badge>
          <TagList tags={idea.tags} />
          <span>{idea.spaceName}</span>
          <span>
            {idea.replyCount} {idea.replyCount === 1 ? "reply" : "replies"}
          </span>
          <RelativeTime date={idea.createdAt} />
          {idea.valueCents !== null ? (
            <span title={formatMoney(idea.valueCents)}>
              {formatMoneyCompact(idea.valueCents)} represented
            </span>
          ) : null}
          {shown.myImportance ? (
            <span>You voted: {importanceLabels[shown.myImportance].toLowerCase()}</span>
          ) : null}
        </div>
        {idea.canVote ? (
          <vote.Form
            method="post"
            className="idea-vote-form idea-row-vote"
            preventScrollReset
            onSubmit={(event) => {
              // One vote at a time per idea: a second press waits for the first.
              if (busy) event.preventDefault();
            }}
          >
            <input type="hidden" name="ideaId" value={idea.id} />
            <IdeaVoteFields
              myImportance={shown.myImportance}
              pending={sending === "vote" || sending === "withdraw-vote" ? sending : null}
              subject={idea.title}
            />
          </vote.Form>
        ) : null}
        {problem ? (
          <p className="field-error" role="alert">
            {problem}
          </p>
        ) : null}
      </div>
    </li>
  );
}

/** Tells the page, in words, when a vote from this row was saved. */
function useVoteOutcome(
  vote: ReturnType<typeof useFetcher<ActionAnswer>>,
  title: string,
  onVoted: (words: string) => void,
) {
  const sent = useRef<FormData | null>(null);
  useEffect(() => {
    if (vote.state !== "idle") {
      sent.current = vote.formData ?? sent.current;
      return;
    }
    const done = sent.current;
    sent.current = null;
    if (!done || vote.data?.result.error) return;
    const importance = done.get("importance");
    onVoted(
      done.get("intent") === "withdraw-vote"
        ? `Vote withdrawn: “${title}”.`
        : `Your vote for “${title}”: ${isImportance(importance) ? importanceLabels[importance].toLowerCase() : "saved"}.`,
    );
  }, [vote.state, vote.formData, vote.data, title, onVoted]);
}

export const meta: MetaFunction = () => [{ title: "Ideas · Vanguard" }];
