import { useNavigate } from "@remix-run/react";
import { useEffect, type RefObject } from "react";

// The triage inbox's keyboard shortcuts: the keys, the list that explains them, and their handler.

const shortcuts = [
  ["j / k", "Next / previous entry"],
  ["x", "Select the entry"],
  ["r", "Mark reviewed (the selected entries, or the current one)"],
  ["a", "Assign an owner"],
  ["t", "Tag"],
  ["l", "Link to a backlog item"],
  ["o or Enter", "Open the entry"],
] as const;

/** The keys and what each does, folded away above the entries. */
export function KeyboardShortcuts() {
  return (
    <details className="card shortcuts">
      <summary>Keyboard shortcuts</summary>
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

/** Moves through the rows of `list` with the keys above, and works the bulk bar from them. */
export function useInboxShortcuts(list: RefObject<HTMLOListElement>) {
  const navigate = useNavigate();
  useEffect(() => {
    const rows = () => [...(list.current?.querySelectorAll<HTMLElement>("[data-entry]") ?? [])];
    const current = () => rows().find((row) => row.contains(document.activeElement));
    const check = (row: HTMLElement | undefined, on?: boolean) => {
      const box = row?.querySelector<HTMLInputElement>("input[type=checkbox]");
      if (box) box.checked = on ?? !box.checked;
    };
    const focusControl = (id: string) => {
      const row = current();
      const anySelected = rows().some(
        (r) => r.querySelector<HTMLInputElement>("input[type=checkbox]")?.checked,
      );
      if (row && !anySelected) check(row, true);
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
          const anySelected = all.some(
            (r) => r.querySelector<HTMLInputElement>("input[type=checkbox]")?.checked,
          );
          if (anySelected) document.getElementById("bulk-review")?.click();
          else current()?.querySelector<HTMLButtonElement>("button[name=only]")?.click();
          break;
        }
        case "a":
          focusControl("bulk-owner");
          break;
        case "t":
          focusControl("bulk-tag");
          break;
        case "l":
          focusControl("bulk-item");
          break;
        case "o":
        case "Enter": {
          if (target.closest("a, button")) return;
          const link = current()?.querySelector<HTMLAnchorElement>("a.thread-title");
          if (link) navigate(link.getAttribute("href")!);
          break;
        }
        default:
          return;
      }
      event.preventDefault();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [list, navigate]);
}
