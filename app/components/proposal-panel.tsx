import { getFormProps, getInputProps, type SubmissionResult, useForm } from "@conform-to/react";
import { Form, Link, useSearchParams } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import type { ProposalSection, ProposalStage } from "#db/schema";
import { PROPOSAL_SECTIONS, PROPOSAL_STAGES } from "#db/schema/values";
import {
  proposalSectionLabels,
  proposalStageLabels,
  proposalStageTones,
  roleLabels,
  staffBadge,
  tierLabels,
} from "~/utils/labels";
import { useViewer } from "~/root";
import { useIsPending } from "~/utils/use-is-pending";
import { Alert } from "./ui/alert";
import { Badge } from "./ui/badge";
import { Button } from "./ui/button";
import { Field } from "./ui/field";
import { RelativeTime } from "./ui/relative-time";

type Person = {
  id: string;
  displayName: string;
  handle: string;
  role: keyof typeof roleLabels;
  isAuthor: boolean;
};

type Comment = {
  id: string;
  section: ProposalSection;
  parentId: string | null;
  body: string;
  quote: string | null;
  createdAt: string | Date;
  resolvedAt: string | Date | null;
  outdated: boolean;
  authorName: string | null;
  authorHandle: string | null;
  resolverName: string | null;
};

export type ProposalPanelData = {
  stage: ProposalStage;
  revision: number;
  sectionsHtml: Partial<Record<ProposalSection, string>>;
  updatedAt: string | Date;
  endorsementCount: number;
  part: "author" | "coauthor" | "invited" | null;
  myEndorsement: string | null;
  sourceIdea: { id: string; title: string } | null;
  coauthors: Person[];
  invited: Person[];
  stageChanges: Array<{
    id: string;
    fromStage: ProposalStage;
    toStage: ProposalStage;
    rationale: string;
    createdAt: string | Date;
    actorName: string | null;
  }>;
  comments: Comment[];
  commentTotals: Partial<Record<ProposalSection, { open: number; resolved: number }>>;
  /** How many conversations per section the page holds, or null when it holds them all. */
  commentsShown: number | null;
  endorsements: Array<{
    userId: string;
    displayName: string;
    handle: string;
    reason: string;
    updatedAt: string | Date;
    account: { name: string; tier: keyof typeof tierLabels | null } | null;
  }>;
  can: Record<
    | "edit"
    | "invite"
    | "respond-invite"
    | "open"
    | "set-stage"
    | "endorse"
    | "comment"
    | "resolve-comment",
    boolean
  >;
};

type Result = SubmissionResult<string[]> | undefined;
const resultFor = (result: Result, intent: string, match?: Record<string, string>) =>
  result?.initialValue?.intent === intent &&
  Object.entries(match ?? {}).every(([key, value]) => result.initialValue?.[key] === value)
    ? result
    : undefined;

/**
 * A proposal as its readers see it: stage, byline, the document with each section's comments,
 * and the panels to endorse it, answer an invitation, invite co-authors and move its stage.
 */
export function ProposalPanel({
  threadId,
  proposal,
  lastResult,
}: {
  threadId: string;
  proposal: ProposalPanelData;
  lastResult?: Result;
}) {
  const [selection, setSelection] = useState<{ section: ProposalSection; text: string } | null>(
    null,
  );
  // A posted comment settles the passage it was about.
  const commentCount = proposal.comments.length;
  const [searchParams] = useSearchParams();
  const replyingTo = searchParams.get("reply");
  useEffect(() => setSelection(null), [commentCount]);
  return (
    <div className="proposal">
      <ProposalSummary threadId={threadId} proposal={proposal} />
      {proposal.part === "invited" ? <InvitationAnswer /> : null}
      <article className="card proposal-document" aria-label="Proposal document">
        {PROPOSAL_SECTIONS.map((section) => (
          <ProposalSectionView
            key={section}
            section={section}
            html={proposal.sectionsHtml[section] ?? null}
            comments={proposal.comments.filter((comment) => comment.section === section)}
            totals={proposal.commentTotals[section] ?? { open: 0, resolved: 0 }}
            allShown={proposal.commentsShown === null}
            can={proposal.can}
            lastResult={lastResult}
            selection={selection?.section === section ? selection.text : null}
            replyingTo={replyingTo}
            onSelect={(text) => setSelection(text ? { section, text } : null)}
          />
        ))}
      </article>
      <div className="proposal-side">
        <Endorsements
          // Remounted after each change, so a settled form shows no stale error.
          key={proposal.myEndorsement ?? ""}
          proposal={proposal}
          lastResult={lastResult}
        />
        <Coauthors proposal={proposal} lastResult={lastResult} />
        <StagePanel proposal={proposal} lastResult={lastResult} />
      </div>
    </div>
  );
}

function ProposalSummary({
  threadId,
  proposal,
}: {
  threadId: string;
  proposal: ProposalPanelData;
}) {
  const names = proposal.coauthors;
  const opening = useIsPending({ intent: "set-stage" });
  return (
    <section className="card proposal-summary" aria-label="About this proposal">
      <p className="proposal-stage">
        <Badge tone={proposalStageTones[proposal.stage]}>
          {proposalStageLabels[proposal.stage]}
        </Badge>
        {proposal.stage === "accepted" ? <Badge tone="success">Ready for the backlog</Badge> : null}
        {proposal.stage === "draft" ? (
          <span className="muted small">Only its co-authors and staff can see a draft.</span>
        ) : null}
      </p>
      <p className="proposal-byline">
        By{" "}
        {names.map((person, index) => (
          <span key={person.id}>
            {index > 0 ? (index === names.length - 1 ? " and " : ", ") : null}
            <Link to={`/u/${person.handle}`}>{person.displayName}</Link>
            {staffBadge(person.role) ? (
              <>
                {" "}
                <Badge>{staffBadge(person.role)}</Badge>
              </>
            ) : null}
          </span>
        ))}
      </p>
      <p className="muted small">
        Revision {proposal.revision}, updated <RelativeTime date={proposal.updatedAt} /> ·{" "}
        <Link to={`/proposals/${threadId}/revisions`}>History and changes</Link>
        {proposal.sourceIdea ? (
          <>
            {" "}
            · Started from the idea{" "}
            <Link to={`/t/${proposal.sourceIdea.id}`}>{proposal.sourceIdea.title}</Link>
          </>
        ) : null}
      </p>
      <div className="row">
        {proposal.can.edit ? (
          <Link className="btn btn-primary" to={`/proposals/${threadId}/edit`}>
            Edit the proposal
          </Link>
        ) : null}
        {proposal.can.open ? (
          <Form method="post">
            <input type="hidden" name="intent" value="set-stage" />
            <input type="hidden" name="stage" value="open" />
            <Button pending={opening}>Open for feedback</Button>
          </Form>
        ) : null}
      </div>
    </section>
  );
}

function InvitationAnswer() {
  const pending = useIsPending({ intent: "answer-invitation" });
  return (
    <Alert>
      <Form method="post" className="row">
        <input type="hidden" name="intent" value="answer-invitation" />
        <span>You're invited to co-author this proposal: co-authors edit it together.</span>
        <Button name="accept" value="yes" variant="primary" pending={pending}>
          Accept
        </Button>
        <Button name="accept" value="no" pending={pending}>
          Decline
        </Button>
      </Form>
    </Alert>
  );
}

const MAX_SELECTION = 1_000;

function ProposalSectionView({
  section,
  html,
  comments,
  can,
  lastResult,
  selection,
  onSelect,
  replyingTo,
  totals,
  allShown,
}: {
  replyingTo: string | null;
  totals: { open: number; resolved: number };
  allShown: boolean;
  section: ProposalSection;
  html: string | null;
  comments: Comment[];
  can: ProposalPanelData["can"];
  lastResult: Result;
  selection: string | null;
  onSelect: (text: string | null) => void;
}) {
  const bodyRef = useRef<HTMLDivElement>(null);
  const roots = comments.filter((comment) => !comment.parentId);
  const repliesByRoot = new Map<string, Comment[]>();
  for (const comment of comments) {
    if (comment.parentId) {
      repliesByRoot.set(comment.parentId, [
        ...(repliesByRoot.get(comment.parentId) ?? []),
        comment,
      ]);
    }
  }
  const replies = (id: string) => repliesByRoot.get(id) ?? [];
  const open = roots.filter((comment) => !comment.resolvedAt);
  const resolved = roots.filter((comment) => comment.resolvedAt);
  const headingId = `section-${section}-heading`;

  // A passage selected inside this section becomes the quote of a new comment.
  useEffect(() => {
    const body = bodyRef.current;
    if (!body) return;
    const read = () => {
      const selected = window.getSelection();
      if (!selected || selected.isCollapsed || !body.contains(selected.anchorNode)) return;
      const text = selected.toString().trim();
      if (text && text.length <= MAX_SELECTION) onSelect(text);
    };
    body.addEventListener("mouseup", read);
    body.addEventListener("keyup", read);
    return () => {
      body.removeEventListener("mouseup", read);
      body.removeEventListener("keyup", read);
    };
  }, [onSelect]);

  return (
    <section className="proposal-section" id={`section-${section}`} aria-labelledby={headingId}>
      <h2 id={headingId}>{proposalSectionLabels[section]}</h2>
      {html ? (
        <div
          ref={bodyRef}
          className="rich-text proposal-section-body"
          // proposals.sections_html: each section rendered from validated tiptap JSON and sanitized
          // with the allowlist when the proposal was saved (renderSectionsHtml →
          // renderRichTextHtml in app/editor/content.server.ts). No other HTML goes here.
          dangerouslySetInnerHTML={{ __html: html }}
        />
      ) : (
        <p className="muted" ref={bodyRef}>
          Not written yet.
        </p>
      )}
      {roots.length > 0 ? (
        <div className="section-comments">
          <h3 className="visually-hidden">Comments on {proposalSectionLabels[section]}</h3>
          {!allShown && open.length < totals.open ? (
            <p className="small">
              Showing the latest {open.length} of {totals.open} open comments.{" "}
              <a href={`?comments=all#section-${section}`}>Show them all</a>
            </p>
          ) : null}
          <ul aria-label={`Open comments on ${proposalSectionLabels[section]}`}>
            {open.map((comment) => (
              <CommentThread
                key={comment.id}
                comment={comment}
                replies={replies(comment.id)}
                can={can}
                replying={replyingTo === comment.id}
                lastResult={lastResult}
              />
            ))}
          </ul>
          {resolved.length > 0 ? (
            <details className="resolved-comments">
              <summary>
                {totals.resolved === 1
                  ? "1 resolved comment"
                  : `${totals.resolved} resolved comments`}
              </summary>
              {!allShown && resolved.length < totals.resolved ? (
                <p className="small">
                  The latest {resolved.length} are below.{" "}
                  <a href={`?comments=all#section-${section}`}>Show them all</a>
                </p>
              ) : null}
              <ul aria-label={`Resolved comments on ${proposalSectionLabels[section]}`}>
                {resolved.map((comment) => (
                  <CommentThread
                    key={comment.id}
                    comment={comment}
                    replies={replies(comment.id)}
                    can={can}
                    replying={false}
                    lastResult={lastResult}
                  />
                ))}
              </ul>
            </details>
          ) : null}
        </div>
      ) : null}
      {can.comment ? (
        <NewCommentForm
          // Remounted (emptied and folded) once the comment is posted.
          key={comments.length}
          section={section}
          selection={selection}
          onClear={() => onSelect(null)}
          lastResult={resultFor(lastResult, "comment", { section })}
        />
      ) : null}
    </section>
  );
}

function CommentThread({
  comment,
  replies,
  can,
  replying,
  lastResult,
}: {
  comment: Comment;
  replies: Comment[];
  can: ProposalPanelData["can"];
  /** This conversation's reply form is open (`?reply=<id>` in the address). */
  replying: boolean;
  lastResult: Result;
}) {
  const resolving = useIsPending({ intent: "resolve-comment" });
  return (
    <li className="section-comment" id={`comment-${comment.id}`}>
      {comment.quote ? (
        <blockquote className="comment-quote">
          {comment.quote}
          {comment.outdated ? (
            <>
              {" "}
              <Badge tone="warning">Outdated: this passage has since changed</Badge>
            </>
          ) : null}
        </blockquote>
      ) : null}
      <CommentBody comment={comment} />
      {replies.length > 0 ? (
        <ul className="comment-replies" aria-label="Replies">
          {replies.map((reply) => (
            <li key={reply.id} id={`comment-${reply.id}`}>
              <CommentBody comment={reply} />
            </li>
          ))}
        </ul>
      ) : null}
      {comment.resolvedAt ? (
        <p className="muted small">
          Resolved by {comment.resolverName ?? "a former member"}{" "}
          <RelativeTime date={comment.resolvedAt} />
        </p>
      ) : null}
      {replying ? (
        <ReplyForm
          comment={comment}
          lastResult={resultFor(lastResult, "comment", { parentId: comment.id })}
        />
      ) : null}
      <div className="row">
        {can["resolve-comment"] ? (
          <Form method="post">
            <input type="hidden" name="intent" value="resolve-comment" />
            <input type="hidden" name="commentId" value={comment.id} />
            <input type="hidden" name="resolved" value={comment.resolvedAt ? "off" : "on"} />
            <Button size="small" pending={resolving}>
              {comment.resolvedAt ? "Reopen" : "Resolve"}
            </Button>
          </Form>
        ) : null}
        {/* One reply form at a time, opened by address: 300 comments don't carry 300 forms. */}
        {can.comment && !comment.resolvedAt && !replying ? (
          <a className="small" href={`?reply=${comment.id}#comment-${comment.id}`}>
            Reply
          </a>
        ) : null}
      </div>
    </li>
  );
}

function ReplyForm({ comment, lastResult }: { comment: Comment; lastResult: Result }) {
  const [form, fields] = useForm({ id: `reply-${comment.id}`, lastResult });
  const pending = useIsPending({ intent: "comment" });
  return (
    <Form method="post" className="form comment-reply" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="comment" />
      <input type="hidden" name="section" value={comment.section} />
      <input type="hidden" name="parentId" value={comment.id} />
      <Field
        id={fields.comment.id}
        label="Your reply"
        errors={fields.comment.errors ?? form.errors}
      >
        {(aria) => (
          <textarea
            name={fields.comment.name}
            defaultValue={fields.comment.initialValue as string | undefined}
            rows={2}
            autoFocus
            {...aria}
          />
        )}
      </Field>
      <div className="row">
        <Button size="small" variant="primary" pending={pending} pendingLabel="Posting…">
          Post reply
        </Button>
        <a className="small" href={`?#comment-${comment.id}`}>
          Cancel
        </a>
      </div>
    </Form>
  );
}

function CommentBody({ comment }: { comment: Comment }) {
  return (
    <div className="comment-body">
      <p className="small">
        <strong>
          {comment.authorHandle ? (
            // Plain links: a page of hundreds of comments renders much faster without router Links.
            <a href={`/u/${comment.authorHandle}`}>{comment.authorName}</a>
          ) : (
            "A former member"
          )}
        </strong>{" "}
        <RelativeTime date={comment.createdAt} />
      </p>
      <p className="comment-text">{comment.body}</p>
    </div>
  );
}

function NewCommentForm({
  section,
  selection,
  onClear,
  lastResult,
}: {
  section: ProposalSection;
  selection: string | null;
  onClear: () => void;
  lastResult: Result;
}) {
  const [form, fields] = useForm({ id: `comment-${section}`, lastResult });
  const [open, setOpen] = useState(false);
  const pending = useIsPending({ intent: "comment" });
  const label = proposalSectionLabels[section];
  const quote = selection ?? (fields.quote.initialValue as string | undefined) ?? "";
  useEffect(() => {
    if (selection) setOpen(true);
  }, [selection]);
  return (
    <details
      className="new-comment"
      open={open || Boolean(lastResult?.error) || undefined}
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary>
        {selection ? `Comment on the selected passage` : `Comment on ${label.toLowerCase()}`}
      </summary>
      <Form method="post" className="form" {...getFormProps(form)} key={selection ?? ""}>
        <input type="hidden" name="intent" value="comment" />
        <input type="hidden" name="section" value={section} />
        <Field
          id={fields.quote.id}
          label="Passage (optional)"
          hint="Select words in the section to comment on them, or paste them here. Leave empty to comment on the whole section."
          errors={fields.quote.errors}
        >
          {(aria) => <textarea name={fields.quote.name} defaultValue={quote} rows={2} {...aria} />}
        </Field>
        <Field
          id={fields.comment.id}
          label={`Comment on ${label.toLowerCase()}`}
          errors={fields.comment.errors ?? fields[""]?.errors}
        >
          {(aria) => (
            <textarea
              name={fields.comment.name}
              defaultValue={fields.comment.initialValue as string | undefined}
              rows={3}
              {...aria}
            />
          )}
        </Field>
        <div className="row">
          <Button variant="primary" pending={pending} pendingLabel="Posting…">
            Post comment
          </Button>
          {selection ? (
            <button type="button" className="btn" onClick={onClear}>
              Comment on the whole section instead
            </button>
          ) : null}
        </div>
      </Form>
    </details>
  );
}

function Endorsements({
  proposal,
  lastResult,
}: {
  proposal: ProposalPanelData;
  lastResult: Result;
}) {
  const result = resultFor(lastResult, "endorse");
  const [form, fields] = useForm({ id: "endorse", lastResult: result });
  const pending = useIsPending({ intent: "endorse" });
  const withdrawing = useIsPending({ intent: "withdraw-endorsement" });
  const count = proposal.endorsementCount;
  return (
    <section className="card proposal-endorsements" aria-labelledby="endorsements-heading">
      <h2 id="endorsements-heading">{count === 1 ? "1 endorsement" : `${count} endorsements`}</h2>
      {proposal.can.endorse ? (
        <Form method="post" className="form" {...getFormProps(form)}>
          <Field
            id={fields.reason.id}
            label={proposal.myEndorsement ? "Your reason" : "Endorse: what would you use it for?"}
            hint="Shown with your name, e.g. “We'd use this for month-end audits”."
            errors={fields.reason.errors ?? form.errors}
          >
            {(aria) => (
              <input
                {...getInputProps(fields.reason, { type: "text" })}
                defaultValue={
                  (fields.reason.initialValue as string | undefined) ?? proposal.myEndorsement ?? ""
                }
                {...aria}
              />
            )}
          </Field>
          <div className="row">
            <Button
              variant="primary"
              name="intent"
              value="endorse"
              pending={pending}
              pendingLabel="Saving…"
            >
              {proposal.myEndorsement ? "Update my reason" : "Endorse"}
            </Button>
            {proposal.myEndorsement ? (
              <Button
                size="small"
                name="intent"
                value="withdraw-endorsement"
                formNoValidate
                pending={withdrawing}
              >
                Withdraw
              </Button>
            ) : null}
          </div>
        </Form>
      ) : null}
      {proposal.endorsements.length > 0 ? (
        <ul className="endorsement-list">
          {proposal.endorsements.map((endorsement) => (
            <li key={endorsement.userId}>
              <p>
                <Link to={`/u/${endorsement.handle}`}>{endorsement.displayName}</Link>
                {endorsement.account ? (
                  <span className="muted small">
                    {" "}
                    · {endorsement.account.name}
                    {endorsement.account.tier ? ` · ${tierLabels[endorsement.account.tier]}` : ""}
                  </span>
                ) : null}
              </p>
              <p className="endorsement-reason">“{endorsement.reason}”</p>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">No endorsements yet.</p>
      )}
    </section>
  );
}

function Coauthors({ proposal, lastResult }: { proposal: ProposalPanelData; lastResult: Result }) {
  const result = resultFor(lastResult, "invite-coauthor");
  const [form, fields] = useForm({ id: "invite-coauthor", lastResult: result });
  const inviting = useIsPending({ intent: "invite-coauthor" });
  const removing = useIsPending({ intent: "remove-coauthor" });
  const isAuthor = proposal.part === "author";
  const viewer = useViewer();
  const people = [...proposal.coauthors, ...proposal.invited];
  return (
    <section className="card proposal-coauthors" aria-labelledby="coauthors-heading">
      <h2 id="coauthors-heading">Co-authors</h2>
      <ul>
        {people.map((person) => {
          const invited = proposal.invited.includes(person);
          return (
            <li key={person.id} className="row">
              <Link to={`/u/${person.handle}`}>{person.displayName}</Link>
              {person.isAuthor ? <Badge>Author</Badge> : null}
              {invited ? <Badge tone="warning">Invited</Badge> : null}
              {staffBadge(person.role) ? <Badge>{staffBadge(person.role)}</Badge> : null}
              {isAuthor && !person.isAuthor ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="remove-coauthor" />
                  <input type="hidden" name="userId" value={person.id} />
                  <Button size="small" pending={removing}>
                    {invited ? "Withdraw invitation" : "Remove"}
                    <span className="visually-hidden"> {person.displayName}</span>
                  </Button>
                </Form>
              ) : null}
            </li>
          );
        })}
      </ul>
      {proposal.part === "coauthor" && viewer ? (
        <Form method="post">
          <input type="hidden" name="intent" value="remove-coauthor" />
          <input type="hidden" name="userId" value={viewer.id} />
          <Button size="small" pending={removing}>
            Step down as co-author
          </Button>
        </Form>
      ) : null}
      {proposal.can.invite ? (
        <Form method="post" className="form" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="invite-coauthor" />
          <Field
            id={fields.handle.id}
            label="Invite a co-author"
            hint="Their handle: a member who can see this space, or a staff member."
            errors={fields.handle.errors ?? form.errors}
          >
            {(aria) => (
              <input
                {...getInputProps(fields.handle, { type: "text" })}
                placeholder="@handle"
                {...aria}
              />
            )}
          </Field>
          <div>
            <Button pending={inviting} pendingLabel="Inviting…">
              Invite
            </Button>
          </div>
        </Form>
      ) : null}
    </section>
  );
}

function StagePanel({ proposal, lastResult }: { proposal: ProposalPanelData; lastResult: Result }) {
  const result = resultFor(lastResult, "set-stage");
  const [form, fields] = useForm({ id: "set-stage", lastResult: result });
  const pending = useIsPending({ intent: "set-stage" });
  return (
    <section className="card proposal-stages" aria-labelledby="stages-heading">
      <h2 id="stages-heading">Stage</h2>
      <ol className="stage-track" aria-label="Stages">
        {PROPOSAL_STAGES.map((stage) => (
          <li key={stage} aria-current={stage === proposal.stage ? "step" : undefined}>
            {proposalStageLabels[stage]}
          </li>
        ))}
      </ol>
      {proposal.stageChanges.length > 0 ? (
        <ul className="stage-history" aria-label="Stage history">
          {proposal.stageChanges.map((change) => (
            <li key={change.id}>
              <p className="small">
                <strong>{proposalStageLabels[change.toStage]}</strong> ·{" "}
                {change.actorName ?? "A former member"} <RelativeTime date={change.createdAt} />
              </p>
              {change.rationale ? <p className="stage-rationale">{change.rationale}</p> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {proposal.can["set-stage"] ? (
        <details open={result?.error ? true : undefined}>
          <summary>Move to another stage</summary>
          <Form method="post" className="form" {...getFormProps(form)}>
            <input type="hidden" name="intent" value="set-stage" />
            <Field id={fields.stage.id} label="New stage" errors={fields.stage.errors}>
              {(aria) => (
                <select name={fields.stage.name} defaultValue={proposal.stage} {...aria}>
                  {PROPOSAL_STAGES.map((stage) => (
                    <option key={stage} value={stage}>
                      {proposalStageLabels[stage]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field
              id={fields.rationale.id}
              label="Rationale"
              hint="Shown on the proposal and sent to its co-authors, endorsers and watchers."
              errors={fields.rationale.errors ?? form.errors}
            >
              {(aria) => (
                <textarea
                  name={fields.rationale.name}
                  defaultValue={fields.rationale.initialValue as string | undefined}
                  rows={3}
                  {...aria}
                />
              )}
            </Field>
            <div>
              <Button variant="primary" pending={pending} pendingLabel="Saving…">
                Move the proposal
              </Button>
            </div>
          </Form>
        </details>
      ) : null}
    </section>
  );
}
