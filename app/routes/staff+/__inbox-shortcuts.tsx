import { useNavigate } from "@remix-run/react";
import { useEffect, useRef, type MutableRefObject, type RefObject } from "react";
import { entryRowOf, entryRows, isSelected } from "./__inbox-acting";

// The triage inbox's keyboard shortcuts: the keys, the list that explains them, and their handler.

const shortcuts = [
  ["j / k", "Next / previous entry"],
  ["x", "Select the entry"],
  ["r", "Mark reviewed (the selected entries, or the current one)"],
  ["m", "Assign to me (the selected entries, or the current one)"],
  ["a", "Assign an owner"],
  ["t", "Tag"],
  ["l", "Link to a backlog item"],
  ["o or Enter", "Open the entry"],
  ["?", "Show or hide these shortcuts"],
] as const;

export const SHORTCUTS_ID = "inbox-shortcuts";

/** The keys and what each does, folded away above the entries; `?` opens it. */
export function KeyboardShortcuts() {
  return (
    <details className="card shortcuts" id={SHORTCUTS_ID}>
      <summary aria-keyshortcuts="?">
        Keyboard shortcuts <span className="muted small">(press ?)</span>
      </summary>
      <p className="small muted">
        After an action, the entry after it is the current one: keep going with j, r, m.
      </p>
      <dl className="shortcut-list">
        {shortcuts.map(([keys, what]) => (
          <div key={keys}>
            <dt>
              <kbd>{keys}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

/**
 * Moves through the rows of `list` with the keys above, and works the bulk bar from them.
 * `jumpedFrom` remembers the row a key left for a field of the bulk bar, so the action taken
 * there moves on from that row.
 */
export function useInboxShortcuts(
  list: RefObject<HTMLOListElement>,
  jumpedFrom: MutableRefObject<HTMLElement | null>,
) {
  const navigate = useNavigate();
  // The handler is added once; it reads the latest navigate through this.
  const go = useRef(navigate);
  go.current = navigate;
  useEffect(() => {
    const rows = () => entryRows(list.current);
    const current = () => entryRowOf(document.activeElement);
    const check = (row: HTMLElement | null, on?: boolean) => {
      const box = row?.querySelector<HTMLInputElement>("input[type=checkbox]");
      if (box) box.checked = on ?? !box.checked;
    };
    /** The bulk bar acts on the selection, or on the current entry when nothing is selected. */
    const selectCurrentIfNone = () => {
      const row = current();
      if (row && !rows().some(isSelected)) check(row, true);
      return row;
    };
    const focusControl = (id: string) => {
      jumpedFrom.current = selectCurrentIfNone();
      document.getElementById(id)?.focus();
    };
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (event.metaKey || event.ctrlKey || event.altKey) return;
      if (target.closest("input:not([type=checkbox]), select, textarea, [contenteditable]")) return;
      const all = rows();
      const at = all.indexOf(current() as HTMLElement);
      switch (event.key) {
        case "j":
        case "k": {
          const next =
            all[Math.min(all.length - 1, Math.max(0, at + (event.key === "j" ? 1 : -1)))];
          next?.focus();
          break;
        }
        case "x":
          check(current());
          break;
        case "r": {
          if (all.some(isSelected)) document.getElementById("bulk-review")?.click();
          else current()?.querySelector<HTMLButtonElement>("button[name=only]")?.click();
          break;
        }
        case "m":
          if (!selectCurrentIfNone() && !rows().some(isSelected)) return;
          document.getElementById("bulk-assign-me")?.click();
          break;
        case "a":
          focusControl("bulk-owner");
          break;
        case "t":
          focusControl("bulk-tag");
          break;
        case "l":
          focusControl("bulk-item");
          break;
        case "?": {
          const help = document.getElementById(SHORTCUTS_ID) as HTMLDetailsElement | null;
          if (!help) return;
          help.open = !help.open;
          help.querySelector("summary")?.focus();
          break;
        }
        case "o":
        case "Enter": {
          if (target.closest("a, button")) return;
          const link = current()?.querySelector<HTMLAnchorElement>("a.thread-title");
          if (link) go.current(link.getAttribute("href")!);
          break;
        }
        default:
          return;
      }
      event.preventDefault();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [list, jumpedFrom]);
}
