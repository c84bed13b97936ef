import { getFormProps, useForm } from "@conform-to/react";
import { Form, Link, useSearchParams } from "@remix-run/react";
import { useState } from "react";
import { DraftAutosave } from "~/components/draft-autosave";
import { Button } from "~/components/ui/button";
import { RichTextField } from "~/editor/rich-text-field";
import type { RichTextDoc } from "~/editor/types";
import { useActionAnswer } from "~/utils/action-answer";
import { useIsPending } from "~/utils/use-is-pending";

/**
 * The reply form at the foot of a thread. What is typed is kept as the reader's draft for this
 * thread (saved on a pause, back on any device until posted or discarded); posting ends it.
 */
export function ReplyBox({
  thread,
  page,
  replyTo,
  canCorrect,
  draft,
}: {
  thread: { id: string; lastPosition: number; space: { id: string } };
  page: number;
  replyTo: { id: string; authorName: string } | null;
  /** A learning takes corrections in its replies. */
  canCorrect: boolean;
  draft: { body: RichTextDoc; updatedAt: string } | null;
}) {
  const [searchParams] = useSearchParams();
  const lastResult = useActionAnswer()?.result;
  const replying = useIsPending({ intent: "reply" });
  const replyResult = lastResult?.initialValue?.intent === "reply" ? lastResult : undefined;
  const [form, fields] = useForm({ id: "reply-form", lastResult: replyResult });
  // Discarding the draft starts the form afresh.
  const [discarded, setDiscarded] = useState(0);
  const typedBack =
    typeof fields.body.initialValue === "string" ? fields.body.initialValue : undefined;
  const startDraft = discarded === 0 && !typedBack ? draft : null;
  return (
    <section className="card reply-box" aria-labelledby="reply-heading" id="reply">
      <h2 id="reply-heading">{replyTo ? `Reply to ${replyTo.authorName}` : "Reply"}</h2>
      {replyTo ? (
        <p className="small">
          Your reply will link back to <a href={`#post-${replyTo.id}`}>their post</a>.{" "}
          <Link to={`/t/${thread.id}?page=${page}#reply`}>Reply to the thread instead</Link>
        </p>
      ) : null}
      <Form
        method="post"
        className="form"
        {...getFormProps(form)}
        key={`reply-${thread.lastPosition}-${searchParams.get("correction") ?? ""}-${discarded}`}
      >
        <input type="hidden" name="intent" value="reply" />
        {replyTo ? <input type="hidden" name="replyToPostId" value={replyTo.id} /> : null}
        {canCorrect ? (
          <div className="field checkbox-field">
            <label htmlFor="reply-correction">
              <input
                type="checkbox"
                id="reply-correction"
                name="correction"
                value="on"
                defaultChecked={
                  replyResult
                    ? fields.correction.initialValue === "on"
                    : searchParams.get("correction") === "1"
                }
                aria-describedby="reply-correction-hint"
              />{" "}
              This is a correction: something in the learning is wrong
            </label>
            <span id="reply-correction-hint" className="field-hint">
              Say what's wrong and what's right instead. Staff may take it into the learning.
            </span>
          </div>
        ) : null}
        <RichTextField
          name={fields.body.name}
          id="reply-body"
          label="Your reply"
          hint="Type @ to mention someone who can see this space. Select text in a post and press Quote to quote it."
          errors={fields.body.errors ?? form.errors}
          initialText={typedBack}
          initialDoc={startDraft?.body}
          mentionsUrl={`/resources/mentions?space=${thread.space.id}`}
          load="when-idle"
          rows={5}
        />
        <div className="row reply-box-actions">
          <Button variant="primary" pending={replying} pendingLabel="Posting…">
            Post reply
          </Button>
          <DraftAutosave
            key={discarded}
            place={`reply:${thread.id}`}
            savedAt={startDraft?.updatedAt ?? null}
            onDiscarded={() => setDiscarded((count) => count + 1)}
          />
        </div>
      </Form>
    </section>
  );
}
