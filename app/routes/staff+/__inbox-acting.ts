import { useLocation } from "@remix-run/react";
import { useCallback, useMemo, useRef, useState, type FormEvent, type RefObject } from "react";
import type { ActionAnswer } from "~/utils/action-answer";

// The triage inbox acts on entries in place (each form posts through a fetcher, and the list
// revalidates where it is), so a person working down it with the keyboard keeps their place:
// focus moves on to the entry after the one acted on as the form submits, comes back if the
// action is refused, and the outcome is announced politely.

/** The entry rows of the list, in order. */
export function entryRows(list: HTMLElement | null): HTMLElement[] {
  return [...(list?.querySelectorAll<HTMLElement>("[data-entry]") ?? [])];
}

/** The entry row holding `element`, if any. */
export function entryRowOf(element: Element | null | undefined): HTMLElement | null {
  return element?.closest<HTMLElement>("[data-entry]") ?? null;
}

export function isSelected(row: HTMLElement): boolean {
  return Boolean(row.querySelector<HTMLInputElement>("input[type=checkbox]")?.checked);
}

/**
 * Where to go once `acted` are acted on from `anchor`: the first entry after it that was not
 * acted on, else the nearest one before it. Entries acted on may leave the list (reviewed, or
 * assigned away from "Assigned to me"), so they are never the place to land.
 */
export function nextEntry(rows: HTMLElement[], anchor: HTMLElement, acted: ReadonlySet<string>) {
  const at = rows.indexOf(anchor);
  if (at < 0) return null;
  const untouched = (row: HTMLElement) => !acted.has(row.dataset.entry ?? "");
  return rows.slice(at + 1).find(untouched) ?? rows.slice(0, at).reverse().find(untouched) ?? null;
}

/** One submission: its form, and where focus was, to give back if it is refused. */
export type Ticket = { form: HTMLFormElement; bulk: boolean; returnTo: HTMLElement | null };

export type EntryActions = ReturnType<typeof useEntryActions>;

/**
 * What the inbox's forms share: `begin` as a form submits (moves focus on), `finish` with its
 * answer (announces it; gives focus back on a refusal, empties the bulk form on success), and
 * `settle` once the list has revalidated (finds a place if focus was left on nothing).
 */
export function useEntryActions(list: RefObject<HTMLOListElement>) {
  const location = useLocation();
  const [latest, setLatest] = useState<{ answer: ActionAnswer; at: string; n: number } | null>(
    null,
  );
  // The row a shortcut (a, t, l) left for a field of the bulk bar: the place the keyboard is at.
  const jumpedFrom = useRef<HTMLElement | null>(null);
  // A keyboard place was moved on and the list has yet to revalidate.
  const moved = useRef(false);

  const begin = useCallback(
    (event: FormEvent<HTMLFormElement>): Ticket => {
      const submitter = (event.nativeEvent as SubmitEvent).submitter;
      const bulk = !entryRowOf(event.currentTarget);
      const acted = bulk
        ? new FormData(event.currentTarget).getAll("entries").map(String)
        : [submitter?.getAttribute("value") ?? ""];
      const active = document.activeElement as HTMLElement | null;
      const remembered = jumpedFrom.current?.isConnected ? jumpedFrom.current : null;
      jumpedFrom.current = null;
      // Only a keyboard place or a row's own button moves focus: a pointer in the bulk bar
      // leaves it where the person put it.
      const anchor = entryRowOf(submitter) ?? entryRowOf(active) ?? remembered;
      if (anchor) {
        nextEntry(entryRows(list.current), anchor, new Set(acted))?.focus();
        moved.current = true;
      }
      return { form: event.currentTarget, bulk, returnTo: active };
    },
    [list],
  );

  const finish = useCallback(
    (ticket: Ticket, answer: ActionAnswer) => {
      setLatest((last) => ({ answer, at: location.key, n: (last?.n ?? 0) + 1 }));
      const refused = Boolean(answer.result.error);
      if (refused) {
        if (ticket.returnTo?.isConnected) ticket.returnTo.focus();
        moved.current = false;
        return;
      }
      // Done with: the selection (the checkboxes belong to the bulk form) and what was typed.
      if (ticket.bulk && ticket.form.isConnected) ticket.form.reset();
    },
    [location.key],
  );

  // When the entry focus stayed on has left the list (it was the last one), the first entry
  // left, or the empty inbox's message, takes it: never the top of the page.
  const settle = useCallback(() => {
    if (!moved.current) return;
    moved.current = false;
    const active = document.activeElement;
    if (active && active !== document.body && active.isConnected) return;
    const [first] = entryRows(list.current);
    (first ?? document.getElementById("inbox-empty"))?.focus();
  }, [list]);

  // An answer belongs to the view it was given in: another tab or filter starts quiet.
  const answer = latest && latest.at === location.key ? latest : null;
  return useMemo(
    () => ({ begin, finish, settle, jumpedFrom, answer }),
    [begin, finish, settle, answer],
  );
}
