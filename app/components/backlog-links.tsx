import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { Form, Link, useFetcher } from "@remix-run/react";
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { createPortal } from "react-dom";
import type { ActionAnswer } from "~/utils/action-answer";
import { backlogStatusLabels } from "~/utils/labels";
import { useIsPending } from "~/utils/use-is-pending";
import { Badge } from "./ui/badge";
import { Button } from "./ui/button";

type ItemChoice = { id: string; title: string; status: keyof typeof backlogStatusLabels };

/** A selection this long at most becomes a quoted passage (the server checks it again). */
const MAX_SELECTION = 1_000;

/**
 * Staff's link from a thread to the product backlog: the items it is evidence for, and a form
 * that links the whole thread, one post, or a passage to an item. Selecting words inside a post
 * fills the form with that post and passage, so "select, then add to backlog" is two steps.
 */
export function BacklogLinks({
  threadId,
  posts,
  citedBy,
  choices,
  lastResult,
}: {
  threadId: string;
  posts: { id: string; position: number }[];
  citedBy: ItemChoice[];
  choices: ItemChoice[];
  lastResult?: SubmissionResult<string[]>;
}) {
  const result = lastResult?.initialValue?.intent === "add-to-backlog" ? lastResult : undefined;
  const flagResult = lastResult?.initialValue?.intent === "worth-a-look" ? lastResult : undefined;
  const [flagForm, flagFields] = useForm({ id: "worth-a-look", lastResult: flagResult });
  const flagging = useIsPending({ intent: "worth-a-look" });
  const [form, fields] = useForm({ id: "add-to-backlog", lastResult: result });
  const pending = useIsPending({ intent: "add-to-backlog" });
  const selection = usePostSelection();
  const [dismissed, setDismissed] = useState<Selection | null>(null);
  const selectedPost = selection && posts.find((post) => post.id === selection.postId);
  const linked = result?.status === "success";
  return (
    <section className="card backlog-links" aria-labelledby="backlog-links-heading">
      <h2 id="backlog-links-heading">
        Product team <Badge tone="warning">Staff only</Badge>
      </h2>
      {citedBy.length > 0 ? (
        <p className="small">
          Evidence for:{" "}
          {citedBy.map((item, index) => (
            <span key={item.id}>
              {index > 0 ? ", " : null}
              <Link to={`/staff/backlog/${item.id}`}>{item.title}</Link> (
              {backlogStatusLabels[item.status]})
            </span>
          ))}
        </p>
      ) : (
        <p className="small muted">Not linked to any backlog item yet.</p>
      )}
      {linked ? (
        <p className="small" role="status">
          Linked. The item&apos;s demand now counts it.
        </p>
      ) : null}
      {selection && selectedPost && selection !== dismissed ? (
        <SelectionPopover
          key={`${selection.postId}:${selection.text}`}
          selection={selection}
          position={selectedPost.position}
          choices={choices}
          onClose={() => setDismissed(selection)}
        />
      ) : null}
      <Form method="post" className="form excerpt-form" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="add-to-backlog" />
        {form.errors?.length ? <p className="field-error">{form.errors.join(" ")}</p> : null}
        <div className="form-row">
          <div className="field">
            <label htmlFor="backlog-post">Evidence</label>
            <select id="backlog-post" name="postId" defaultValue="">
              <option value="">The whole thread</option>
              {posts.map((post) => (
                <option key={post.id} value={post.id}>
                  Post #{post.position}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="backlog-item">Backlog item</label>
            <select
              id="backlog-item"
              name={fields.itemId.name}
              defaultValue=""
              aria-invalid={fields.itemId.errors ? true : undefined}
              aria-describedby={fields.itemId.errors ? "backlog-item-error" : undefined}
            >
              <option value="" disabled>
                Choose an item…
              </option>
              {choices.map((item) => (
                <option key={item.id} value={item.id}>
                  {item.title} ({backlogStatusLabels[item.status]})
                </option>
              ))}
            </select>
            {fields.itemId.errors ? (
              <span className="field-error" id="backlog-item-error">
                {fields.itemId.errors.join(" ")}
              </span>
            ) : null}
          </div>
        </div>
        <div className="field">
          <label htmlFor="backlog-quote">Quoted passage (optional)</label>
          <span className="field-hint" id="backlog-quote-hint">
            Paste words from the post here, or select them in the post to add them from there. Leave
            empty to link the whole post or thread.
          </span>
          <textarea
            id="backlog-quote"
            name={fields.quote.name}
            rows={2}
            aria-describedby={
              fields.quote.errors ? "backlog-quote-hint backlog-quote-error" : "backlog-quote-hint"
            }
            aria-invalid={fields.quote.errors ? true : undefined}
          />
          {fields.quote.errors ? (
            <span className="field-error" id="backlog-quote-error">
              {fields.quote.errors.join(" ")}
            </span>
          ) : null}
        </div>
        <div className="row">
          <Button pending={pending} pendingLabel="Adding…">
            Add to backlog item
          </Button>
          <Link to={`/staff/backlog/new?thread=${threadId}`}>New item from this thread</Link>
        </div>
      </Form>
      <Form method="post" className="form worth-a-look" {...getFormProps(flagForm)}>
        <input type="hidden" name="intent" value="worth-a-look" />
        <h3 className="small-heading">Flag a post for the team&apos;s inbox</h3>
        {flagForm.errors?.length ? (
          <p className="field-error">{flagForm.errors.join(" ")}</p>
        ) : null}
        {flagResult?.status === "success" ? (
          <p className="small" role="status">
            Flagged: it is in the triage inbox as “Worth a look”.
          </p>
        ) : null}
        <div className="form-row">
          <div className="field">
            <label htmlFor="flag-post">Post</label>
            <select id="flag-post" name={flagFields.postId.name} defaultValue="">
              <option value="" disabled>
                Choose a post…
              </option>
              {posts.map((post) => (
                <option key={post.id} value={post.id}>
                  Post #{post.position}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="flag-note">Why (optional)</label>
            <input id="flag-note" name={flagFields.flagNote.name} type="text" maxLength={300} />
          </div>
        </div>
        <div>
          <Button pending={flagging} pendingLabel="Flagging…">
            Worth a look
          </Button>
        </div>
      </Form>
    </section>
  );
}

type Selection = { postId: string; text: string; top: number; left: number };

/** Words selected inside one post's body, with where they sit on the page; null when none. */
function usePostSelection(): Selection | null {
  const [selection, setSelection] = useState<Selection | null>(null);
  useEffect(() => {
    const read = (event: Event) => {
      // A click inside the popover must not replace the selection it is about.
      if (event.target instanceof Element && event.target.closest(".selection-popover")) return;
      const selected = window.getSelection();
      if (!selected || selected.isCollapsed || selected.rangeCount === 0) return;
      const anchor = selected.anchorNode;
      const element = anchor instanceof Element ? anchor : anchor?.parentElement;
      const body = element?.closest(".post .post-body");
      const article = body?.closest("article[id^='post-']");
      if (!body || !article || !body.contains(selected.focusNode)) return;
      const text = selected.toString().trim();
      if (!text || text.length > MAX_SELECTION) return;
      const rect = selected.getRangeAt(0).getBoundingClientRect();
      setSelection({
        postId: article.id.slice("post-".length),
        text,
        top: rect.bottom + window.scrollY + 8,
        left: rect.left + window.scrollX,
      });
    };
    document.addEventListener("mouseup", read);
    document.addEventListener("keyup", read);
    return () => {
      document.removeEventListener("mouseup", read);
      document.removeEventListener("keyup", read);
    };
  }, []);
  return selection;
}

/**
 * "Add to backlog item" beside the words just selected: the choice of item there, and a
 * confirmation that names the item and the post, without leaving the place in the thread.
 */
function SelectionPopover({
  selection,
  position,
  choices,
  onClose,
}: {
  selection: Selection;
  position: number;
  choices: ItemChoice[];
  onClose: () => void;
}) {
  const fetcher = useFetcher<ActionAnswer>();
  const box = useRef<HTMLDivElement>(null);
  const [left, setLeft] = useState(selection.left);
  // Kept inside the page's width, however near its edge the words are.
  useLayoutEffect(() => {
    const width = box.current?.offsetWidth ?? 0;
    const max = window.scrollX + document.documentElement.clientWidth - width - 8;
    setLeft(Math.max(window.scrollX + 8, Math.min(selection.left, max)));
  }, [selection.left]);
  useEffect(() => {
    const close = (event: KeyboardEvent) => {
      if (event.key === "Escape") onClose();
    };
    document.addEventListener("keydown", close);
    return () => document.removeEventListener("keydown", close);
  }, [onClose]);
  const answer = fetcher.data?.intent === "add-to-backlog" ? fetcher.data : undefined;
  const problem = answer?.result?.error
    ? Object.values(answer.result.error).flat().filter(Boolean).join(" ")
    : null;
  const excerpt = selection.text.length > 120 ? `${selection.text.slice(0, 120)}…` : selection.text;
  return createPortal(
    <div
      ref={box}
      className="selection-popover card"
      style={{ top: selection.top, left }}
      role="region"
      aria-label="Add the selected passage to the backlog"
    >
      <p className="small" role="status">
        Selected in post #{position}: “{excerpt}”
      </p>
      {answer?.done ? (
        <p className="small" role="status">
          <strong>{answer.done}</strong>
        </p>
      ) : (
        <fetcher.Form method="post" className="form">
          <input type="hidden" name="intent" value="add-to-backlog" />
          <input type="hidden" name="postId" value={selection.postId} />
          <input type="hidden" name="quote" value={selection.text} />
          <div className="field">
            <label htmlFor="selection-item">Backlog item</label>
            <select id="selection-item" name="itemId" defaultValue="" required>
              <option value="" disabled>
                Choose an item…
              </option>
              {choices.map((item) => (
                <option key={item.id} value={item.id}>
                  {item.title} ({backlogStatusLabels[item.status]})
                </option>
              ))}
            </select>
          </div>
          {problem ? <p className="field-error">{problem}</p> : null}
          <div className="row">
            <Button pending={fetcher.state !== "idle"} pendingLabel="Adding…">
              Add to backlog item
            </Button>
            <Link
              to={`/staff/backlog/new?post=${selection.postId}&quote=${encodeURIComponent(selection.text)}`}
            >
              New item from this passage
            </Link>
          </div>
        </fetcher.Form>
      )}
      <button type="button" className="btn btn-small" onClick={onClose}>
        Close
      </button>
    </div>,
    document.body,
  );
}
