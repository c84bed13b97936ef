import { getInputProps, type FieldMetadata } from "@conform-to/react";
import type { TagView } from "~/components/tag-chip";
import { Field } from "~/components/ui/field";
import { RichTextField } from "~/editor/rich-text-field";
import type { RichTextDoc } from "~/editor/types";

type ItemFieldsMeta = {
  title: FieldMetadata<string>;
  description: FieldMetadata<string | undefined>;
  ownerId: FieldMetadata<string | null | undefined>;
  target: FieldMetadata<string | undefined>;
  externalUrl: FieldMetadata<string | null | undefined>;
  isPublic: FieldMetadata<boolean | string | undefined>;
  tagIds: FieldMetadata<string[] | undefined>;
};

/** The fields of a backlog item, shared by the new-item form and the item's edit form. */
export function BacklogItemFields({
  fields,
  owners,
  tags,
  initial,
}: {
  fields: ItemFieldsMeta;
  owners: { id: string; displayName: string }[];
  tags: TagView[];
  initial?: { description: RichTextDoc | null; tagIds: string[] };
}) {
  const chosenTags = new Set(
    (fields.tagIds.initialValue as string[] | undefined) ?? initial?.tagIds ?? [],
  );
  return (
    <>
      <Field id={fields.title.id} label="Title" errors={fields.title.errors}>
        {(aria) => <input {...getInputProps(fields.title, { type: "text" })} {...aria} />}
      </Field>
      <RichTextField
        name="description"
        id="description"
        label="Description (optional)"
        hint="What the work is and why it matters. Members see it on the roadmap when the item is public and planned."
        errors={fields.description.errors}
        initialDoc={initial?.description ?? null}
        initialText={fields.description.initialValue as string | undefined}
        rows={5}
        load="when-idle"
      />
      <div className="form-row">
        <Field id={fields.ownerId.id} label="Owner" errors={fields.ownerId.errors}>
          {(aria) => (
            <select
              name={fields.ownerId.name}
              defaultValue={(fields.ownerId.initialValue as string | undefined) ?? ""}
              {...aria}
            >
              <option value="">No owner yet</option>
              {owners.map((owner) => (
                <option key={owner.id} value={owner.id}>
                  {owner.displayName}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id={fields.target.id}
          label="Target (optional)"
          hint="Free text, such as “Q3”."
          errors={fields.target.errors}
        >
          {(aria) => <input {...getInputProps(fields.target, { type: "text" })} {...aria} />}
        </Field>
      </div>
      <Field
        id={fields.externalUrl.id}
        label="Tracked at (optional)"
        hint="The address of the Jira or Linear issue. When its tracker is connected (Admin → Integrations), the item shows the issue’s status and follows it."
        errors={fields.externalUrl.errors}
      >
        {(aria) => (
          <input
            {...getInputProps(fields.externalUrl, { type: "url" })}
            {...aria}
            placeholder="https://"
          />
        )}
      </Field>
      {tags.length > 0 ? (
        <fieldset className="field">
          <legend className="label">Tags</legend>
          <div className="choice-grid">
            {tags.map((tag) => (
              <label className="choice" key={tag.id}>
                <input
                  type="checkbox"
                  name={fields.tagIds.name}
                  value={tag.id}
                  defaultChecked={chosenTags.has(tag.id)}
                />
                <span>{tag.name}</span>
              </label>
            ))}
          </div>
          {fields.tagIds.errors ? (
            <span className="field-error">{fields.tagIds.errors.join(" ")}</span>
          ) : null}
        </fieldset>
      ) : null}
      <div className="field">
        <label className="checkbox" htmlFor={fields.isPublic.id}>
          <input
            type="checkbox"
            id={fields.isPublic.id}
            name={fields.isPublic.name}
            defaultChecked={fields.isPublic.initialValue === "on"}
            aria-describedby={`${fields.isPublic.id}-hint`}
          />
          Show on the public roadmap
        </label>
        <span id={`${fields.isPublic.id}-hint`} className="field-hint">
          Once planned, in progress or shipped, members see its title, description and status, and
          the contributors who agreed to be credited. Evidence, demand and notes stay with staff.
        </span>
      </div>
    </>
  );
}
