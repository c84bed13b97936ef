import { useFetcher } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { TagChip, TagList, type TagView } from "./tag-chip";
import type { ActionAnswer } from "~/utils/action-answer";

type TagOption = TagView & { groupName: string | null };

/**
 * The tags on a thread. Staff add them by typing a name (the list suggests as they type, Enter
 * adds, the field stays ready for the next) and remove them with each tag's button; "t" jumps
 * to the field from anywhere on the page.
 */
export function ThreadTags({
  tags,
  options,
  canTag,
}: {
  tags: TagView[];
  options: TagOption[];
  canTag: boolean;
}) {
  if (!canTag) return <TagList tags={tags} />;
  return (
    <div className="thread-tags">
      {tags.length > 0 ? (
        <ul className="tag-list" aria-label="Tags">
          {tags.map((tag) => (
            <li key={tag.id}>
              <TagChip tag={tag}>
                <RemoveTagButton tag={tag} />
              </TagChip>
            </li>
          ))}
        </ul>
      ) : null}
      <AddTagForm options={options.filter((option) => !tags.some((tag) => tag.id === option.id))} />
    </div>
  );
}

function RemoveTagButton({ tag }: { tag: TagView }) {
  const fetcher = useFetcher();
  return (
    <fetcher.Form method="post" className="inline-form">
      <input type="hidden" name="intent" value="untag" />
      <input type="hidden" name="tagId" value={tag.id} />
      <button
        type="submit"
        className="tag-remove"
        aria-label={`Remove tag ${tag.name}`}
        disabled={fetcher.state !== "idle"}
      >
        ×
      </button>
    </fetcher.Form>
  );
}

function AddTagForm({ options }: { options: TagOption[] }) {
  const fetcher = useFetcher<ActionAnswer>();
  const input = useRef<HTMLInputElement>(null);
  const problems = fetcher.data?.result.error;
  const error = problems?.tag?.join(" ") ?? problems?.[""]?.join(" ");
  const adding = fetcher.state !== "idle";

  // A tag added: clear the field and keep it focused, ready for the next one.
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data && !fetcher.data.result.error && input.current) {
      input.current.value = "";
      input.current.focus();
    }
  }, [fetcher.state, fetcher.data]);

  useEffect(() => {
    function jumpToTags(event: KeyboardEvent) {
      if (event.key !== "t" || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement;
      if (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
      event.preventDefault();
      input.current?.focus();
    }
    document.addEventListener("keydown", jumpToTags);
    return () => document.removeEventListener("keydown", jumpToTags);
  }, []);

  return (
    <fetcher.Form method="post" className="tag-add" aria-label="Tag this thread">
      <input type="hidden" name="intent" value="tag" />
      <label htmlFor="tag-name" className="visually-hidden">
        Add a tag
      </label>
      <input
        ref={input}
        id="tag-name"
        type="text"
        name="tag"
        list="tag-options"
        autoComplete="off"
        placeholder="Add a tag…"
        aria-keyshortcuts="t"
        aria-describedby={error ? "tag-name-error tag-name-hint" : "tag-name-hint"}
        aria-invalid={error ? true : undefined}
        maxLength={40}
      />
      <datalist id="tag-options">
        {options.map((option) => (
          <option key={option.id} value={option.name}>
            {[option.groupName, option.visibility === "internal" ? "internal" : null]
              .filter(Boolean)
              .join(" · ")}
          </option>
        ))}
      </datalist>
      <button type="submit" className="btn btn-small" disabled={adding}>
        {adding ? "Adding…" : "Add tag"}
      </button>
      <span id="tag-name-hint" className="visually-hidden">
        Press t anywhere on the page to come back here.
      </span>
      {error ? (
        <span id="tag-name-error" className="field-error" role="alert">
          {error}
        </span>
      ) : null}
    </fetcher.Form>
  );
}
