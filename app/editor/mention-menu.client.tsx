import type { MentionNodeAttrs } from "@tiptap/extension-mention";
import type { SuggestionProps } from "@tiptap/suggestion";
import { useEffect, useRef, useState, type RefObject } from "react";
import type { MentionSuggestion } from "./extensions";
import { searchMentionCandidates, type MentionCandidate } from "./mentions";

type Props = SuggestionProps<MentionCandidate, MentionNodeAttrs>;

export type MentionMenuState = {
  query: string;
  items: MentionCandidate[];
  loading: boolean;
  /** Below the caret, relative to the anchor element. */
  top: number;
  left: number;
  choose: (candidate: MentionCandidate) => void;
};

/**
 * Connects tiptap's "@" suggestion plugin to React state. The plugin config is created once
 * (the editor is built once), so everything it calls reads the latest values through refs.
 */
export function useMentionMenu(
  mentionsUrl: string | undefined,
  anchorRef: RefObject<HTMLElement | null>,
) {
  const [menu, setMenu] = useState<MentionMenuState | null>(null);
  const [active, setActive] = useState(0);
  const latest = useRef({ menu, active, mentionsUrl });

  useEffect(() => {
    latest.current.mentionsUrl = mentionsUrl;
  }, [mentionsUrl]);

  const [update] = useState(() => (next: MentionMenuState | null, nextActive: number) => {
    latest.current.menu = next;
    latest.current.active = nextActive;
    setMenu(next);
    setActive(nextActive);
  });

  const [suggestion] = useState<MentionSuggestion>(() => {
    const show = (props: Props) => {
      const caret = props.clientRect?.();
      const anchor = anchorRef.current?.getBoundingClientRect();
      const previous = latest.current.menu;
      const sameItems =
        previous?.items.length === props.items.length &&
        previous.items.every((item, index) => item.id === props.items[index].id);
      update(
        {
          query: props.query,
          items: props.items,
          loading: props.loading,
          top: caret && anchor ? caret.bottom - anchor.top + 4 : 0,
          left: caret && anchor ? Math.max(0, caret.left - anchor.left) : 0,
          choose: (candidate) => props.command({ id: candidate.id, label: candidate.handle }),
        },
        sameItems ? latest.current.active : 0,
      );
    };

    const onKeyDown = (event: KeyboardEvent): boolean => {
      const { menu: current, active: index } = latest.current;
      if (!current) return false;
      if (event.key === "Escape") {
        update(null, 0);
        return true;
      }
      const count = current.items.length;
      // With nothing to choose, keys keep their usual meaning (Enter still starts a new line).
      if (count === 0) return false;
      switch (event.key) {
        case "ArrowDown":
          update(current, (index + 1) % count);
          return true;
        case "ArrowUp":
          update(current, (index - 1 + count) % count);
          return true;
        case "Enter":
        case "Tab":
          current.choose(current.items[index]);
          return true;
        default:
          return false;
      }
    };

    return {
      char: "@",
      debounce: 150,
      items: ({ query, signal }) => {
        const url = latest.current.mentionsUrl;
        return url ? searchMentionCandidates(url, query, signal) : [];
      },
      render: () => ({
        onStart: show,
        onUpdate: show,
        onExit: () => update(null, 0),
        onKeyDown: ({ event }) => onKeyDown(event),
      }),
    };
  });

  const highlight = (index: number) => update(latest.current.menu, index);

  return { suggestion, menu, active, highlight };
}

type MentionMenuProps = {
  id: string;
  menu: MentionMenuState;
  active: number;
  onActiveChange: (index: number) => void;
};

export function mentionOptionId(listId: string, index: number) {
  return `${listId}-option-${index}`;
}

/** The suggestion list: a listbox the editor points at with aria-activedescendant. */
export function MentionMenu({ id, menu, active, onActiveChange }: MentionMenuProps) {
  const style = { top: menu.top, left: menu.left };
  if (menu.items.length === 0) {
    return (
      <div className="mention-menu mention-menu-status" style={style} role="status">
        {menu.loading
          ? "Searching members…"
          : menu.query
            ? `No members match “${menu.query}”.`
            : "Type a name or handle."}
      </div>
    );
  }
  return (
    <ul
      id={id}
      role="listbox"
      aria-label="Members to mention"
      className="mention-menu"
      style={style}
    >
      {menu.items.map((candidate, index) => (
        <li
          key={candidate.id}
          id={mentionOptionId(id, index)}
          role="option"
          aria-selected={index === active}
          className="mention-option"
          // Keep focus (and the caret) in the editor while clicking an option.
          onMouseDown={(event) => event.preventDefault()}
          onMouseEnter={() => onActiveChange(index)}
          onClick={() => menu.choose(candidate)}
        >
          <span className="mention-option-name">{candidate.displayName}</span>{" "}
          <span className="mention-option-handle">@{candidate.handle}</span>
        </li>
      ))}
    </ul>
  );
}
