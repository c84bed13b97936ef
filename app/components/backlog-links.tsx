import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { Form, Link } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
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
  const [selection, setSelection] = useState<{ postId: string; text: string } | null>(null);
  const postSelect = useRef<HTMLSelectElement>(null);
  const quoteBox = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    const read = () => {
      const selected = window.getSelection();
      if (!selected || selected.isCollapsed) return;
      const anchor = selected.anchorNode;
      const element = anchor instanceof Element ? anchor : anchor?.parentElement;
      const body = element?.closest(".post .post-body");
      const article = body?.closest("article[id^='post-']");
      if (!body || !article || !body.contains(selected.focusNode)) return;
      const text = selected.toString().trim();
      if (!text || text.length > MAX_SELECTION) return;
      const postId = article.id.slice("post-".length);
      setSelection({ postId, text });
      if (postSelect.current) postSelect.current.value = postId;
      if (quoteBox.current) quoteBox.current.value = text;
    };
    document.addEventListener("mouseup", read);
    document.addEventListener("keyup", read);
    return () => {
      document.removeEventListener("mouseup", read);
      document.removeEventListener("keyup", read);
    };
  }, []);

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
      {selectedPost ? (
        <p className="small" role="status">
          Selected in post #{selectedPost.position}: “{selection.text.slice(0, 120)}
          {selection.text.length > 120 ? "…" : ""}”
        </p>
      ) : null}
      <Form method="post" className="form excerpt-form" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="add-to-backlog" />
        {form.errors?.length ? <p className="field-error">{form.errors.join(" ")}</p> : null}
        <div className="form-row">
          <div className="field">
            <label htmlFor="backlog-post">Evidence</label>
            <select id="backlog-post" name="postId" defaultValue="" ref={postSelect}>
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
            Select words in a post to quote them, or paste them here. Leave empty to link the whole
            post or thread.
          </span>
          <textarea
            id="backlog-quote"
            name={fields.quote.name}
            ref={quoteBox}
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
          <Link
            to={
              selection
                ? `/staff/backlog/new?post=${selection.postId}&quote=${encodeURIComponent(selection.text)}`
                : `/staff/backlog/new?thread=${threadId}`
            }
          >
            {selection ? "New item from this passage" : "New item from this thread"}
          </Link>
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
