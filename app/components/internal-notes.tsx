import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { RichTextField } from "~/editor/rich-text-field";
import { useIsPending } from "~/utils/use-is-pending";
import { Badge } from "./ui/badge";
import { Button } from "./ui/button";
import { Field } from "./ui/field";
import { RelativeTime } from "./ui/relative-time";

type Note = {
  id: string;
  postId: string | null;
  postPosition: number | null;
  bodyHtml: string;
  createdAt: string | Date;
  authorId: string | null;
  authorName: string | null;
};

/**
 * Staff's notes on a thread and its posts, and the form to add one. Rendered only for staff:
 * members' pages carry neither the notes nor a sign that there are any.
 */
export function InternalNotes({
  notes,
  viewerId,
  posts,
  mentionsUrl,
  lastResult,
}: {
  notes: Note[];
  viewerId: string;
  /** The posts on this page, to write a note about one of them (none for a backlog item). */
  posts: { id: string; position: number }[];
  /** Where @mentions are looked up; without it (an account's notes tell nobody) there are none. */
  mentionsUrl?: string;
  lastResult?: SubmissionResult<string[]>;
}) {
  const result = lastResult?.initialValue?.intent === "add-note" ? lastResult : undefined;
  const [form, fields] = useForm({ id: "add-note", lastResult: result });
  const adding = useIsPending({ intent: "add-note" });
  const deleting = useIsPending({ intent: "delete-note" });
  return (
    <section className="card internal-notes" aria-labelledby="internal-notes-heading">
      <h2 id="internal-notes-heading">
        Internal notes <Badge tone="warning">Staff only</Badge>
      </h2>
      {notes.length > 0 ? (
        <ol className="internal-note-list" aria-label="Notes, oldest first">
          {notes.map((note) => (
            <li key={note.id} className="internal-note">
              <p className="small">
                <strong>{note.authorName ?? "A former colleague"}</strong>{" "}
                <RelativeTime date={note.createdAt} />
                {note.postId ? (
                  <>
                    {" "}
                    · about <a href={`/p/${note.postId}`}>post #{note.postPosition}</a>
                  </>
                ) : null}
              </p>
              <div
                className="rich-text"
                // internal_notes.body_html: rendered from validated tiptap JSON and sanitized with the
                // allowlist when the note was added (readPostContent → renderRichTextHtml in
                // app/editor/content.server.ts). No other HTML goes here.
                dangerouslySetInnerHTML={{ __html: note.bodyHtml }}
              />
              {note.authorId === viewerId ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="delete-note" />
                  <input type="hidden" name="noteId" value={note.id} />
                  <Button size="small" pending={deleting}>
                    Delete note
                  </Button>
                </Form>
              ) : null}
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted small">
          No notes yet. Notes are for staff: members never see them, nor that they exist.
        </p>
      )}
      <Form method="post" className="form" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="add-note" />
        {posts.length > 0 ? (
          <Field id="note-about" label="About">
            {(aria) => (
              <select name="postId" defaultValue="" {...aria}>
                <option value="">The whole thread</option>
                {posts.map((post) => (
                  <option key={post.id} value={post.id}>
                    Post #{post.position}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
        <RichTextField
          name="note"
          id="note-body"
          label="New internal note"
          hint={
            mentionsUrl
              ? "Type @ to mention a colleague: staff you mention are told; anyone else is not."
              : "Staff read it here; nobody is told."
          }
          errors={fields.note.errors ?? form.errors}
          mentionsUrl={mentionsUrl}
          load="when-idle"
          rows={3}
        />
        <div>
          <Button pending={adding} pendingLabel="Saving…">
            Add note
          </Button>
        </div>
      </Form>
    </section>
  );
}
