import {
  getFormProps,
  getInputProps,
  getSelectProps,
  useForm,
  type SubmissionResult,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { TAG_COLORS, TAG_VISIBILITIES } from "#db/schema/values";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import { tagColorLabels, tagVisibilityLabels } from "~/utils/labels";
import { useIsPending } from "~/utils/use-is-pending";
import { TagActionSchema } from "~/validation/tags";

export type TagRow = {
  id: string;
  name: string;
  color: (typeof TAG_COLORS)[number];
  groupName: string | null;
  visibility: (typeof TAG_VISIBILITIES)[number];
  uses: number;
};
type Result = SubmissionResult<string[]> | undefined;

/** Creates a tag, or edits one when `tag` is given. */
export function TagForm({
  tag,
  groups,
  lastResult,
}: {
  tag?: TagRow;
  groups: string[];
  lastResult: Result;
}) {
  const intent = tag ? "update" : "create";
  const pending = useIsPending({ intent });
  const [form, fields] = useForm({
    id: tag ? `edit-tag-${tag.id}` : "new-tag",
    lastResult,
    defaultValue: tag
      ? {
          name: tag.name,
          color: tag.color,
          groupName: tag.groupName ?? "",
          visibility: tag.visibility,
        }
      : { color: "blue", visibility: "public" },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TagActionSchema }),
  });
  return (
    <Form method="post" className="form" {...getFormProps(form)}>
      <input type="hidden" name="intent" value={intent} />
      {tag ? <input type="hidden" name="tagId" value={tag.id} /> : null}
      {form.errors?.length ? <Alert tone="error">{form.errors.join(" ")}</Alert> : null}
      <div className="grid-2">
        <Field id={fields.name.id} label="Name" errors={fields.name.errors}>
          {(aria) => (
            <input {...getInputProps(fields.name, { type: "text" })} {...aria} maxLength={40} />
          )}
        </Field>
        <Field
          id={fields.groupName.id}
          label="Group (optional)"
          hint="Such as “Product area” or “Theme”."
          errors={fields.groupName.errors}
        >
          {(aria) => (
            <input
              {...getInputProps(fields.groupName, { type: "text" })}
              {...aria}
              list="tag-groups"
              maxLength={40}
            />
          )}
        </Field>
        <Field id={fields.color.id} label="Colour" errors={fields.color.errors}>
          {(aria) => (
            <select {...getSelectProps(fields.color)} {...aria}>
              {TAG_COLORS.map((color) => (
                <option key={color} value={color}>
                  {tagColorLabels[color]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={fields.visibility.id} label="Who sees it" errors={fields.visibility.errors}>
          {(aria) => (
            <select {...getSelectProps(fields.visibility)} {...aria}>
              {TAG_VISIBILITIES.map((visibility) => (
                <option key={visibility} value={visibility}>
                  {tagVisibilityLabels[visibility]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <datalist id="tag-groups">
        {groups.map((group) => (
          <option key={group} value={group} />
        ))}
      </datalist>
      <div>
        <Button variant={tag ? undefined : "primary"} pending={pending} pendingLabel="Saving…">
          {tag ? "Save tag" : "Create tag"}
        </Button>
      </div>
    </Form>
  );
}

/** Merges a tag into another: its threads carry the other one, and it is gone. */
export function MergeTagForm({
  tag,
  others,
  lastResult,
}: {
  tag: TagRow;
  others: TagRow[];
  lastResult: Result;
}) {
  const pending = useIsPending({ intent: "merge" });
  const [form, fields] = useForm({
    id: `merge-tag-${tag.id}`,
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TagActionSchema }),
  });
  return (
    <Form method="post" className="form" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="merge" />
      <input type="hidden" name="tagId" value={tag.id} />
      {form.errors?.length ? <Alert tone="error">{form.errors.join(" ")}</Alert> : null}
      <Field
        id={fields.intoId.id}
        label={`Merge “${tag.name}” into`}
        hint={`Its ${tag.uses} ${tag.uses === 1 ? "thread carries" : "threads carry"} the chosen tag instead, and “${tag.name}” is deleted.`}
        errors={fields.intoId.errors}
      >
        {(aria) => (
          <select {...getSelectProps(fields.intoId)} {...aria}>
            <option value="">Choose a tag…</option>
            {others.map((other) => (
              <option key={other.id} value={other.id}>
                {other.groupName ? `${other.groupName}: ` : ""}
                {other.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div>
        <Button pending={pending} pendingLabel="Merging…">
          Merge tags
        </Button>
      </div>
    </Form>
  );
}

export function DeleteTagForm({ tag, lastResult }: { tag: TagRow; lastResult: Result }) {
  const pending = useIsPending({ intent: "delete" });
  const [form] = useForm({ id: `delete-tag-${tag.id}`, lastResult });
  return (
    <Form method="post" className="form" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="delete" />
      <input type="hidden" name="tagId" value={tag.id} />
      {form.errors?.length ? <Alert tone="error">{form.errors.join(" ")}</Alert> : null}
      <p className="small">
        {tag.uses > 0
          ? `“${tag.name}” comes off ${tag.uses} ${tag.uses === 1 ? "thread" : "threads"}. The threads themselves stay.`
          : `“${tag.name}” isn't on any thread.`}
      </p>
      <div>
        <Button variant="danger" pending={pending} pendingLabel="Deleting…">
          Delete “{tag.name}”
        </Button>
      </div>
    </Form>
  );
}
