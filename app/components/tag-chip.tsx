import type { ReactNode } from "react";
import type { TagColor, TagVisibility } from "#db/schema";

export type TagView = { id: string; name: string; color: TagColor; visibility: TagVisibility };

/** A tag as everyone sees it; an internal one (staff only) says so in words. */
export function TagChip({ tag, children }: { tag: TagView; children?: ReactNode }) {
  const internal = tag.visibility === "internal";
  return (
    <span className={`tag tag-${tag.color}${internal ? " tag-internal" : ""}`}>
      {tag.name}
      {internal ? <span className="tag-internal-label">internal</span> : null}
      {children}
    </span>
  );
}

/** The tags on a thread, as a list. */
export function TagList({ tags, label = "Tags" }: { tags: TagView[]; label?: string }) {
  if (tags.length === 0) return null;
  return (
    <ul className="tag-list" aria-label={label}>
      {tags.map((tag) => (
        <li key={tag.id}>
          <TagChip tag={tag} />
        </li>
      ))}
    </ul>
  );
}
