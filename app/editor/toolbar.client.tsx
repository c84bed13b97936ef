import { useEditorState, type Editor } from "@tiptap/react";
import { useRef, useState, type KeyboardEvent } from "react";
import { isAllowedLinkHref } from "./policy";

type Action = {
  name: string;
  glyph: string;
  shortcut?: string;
  isActive: (editor: Editor) => boolean;
  run: (editor: Editor) => string | void;
};

const LINK_REFUSED = "Links must start with http://, https:// or mailto:.";

/** Asks for an address; returns a message when it refuses one. */
function editLink(editor: Editor): string | void {
  const current = editor.getAttributes("link").href as string | undefined;
  const answer = window.prompt(
    "Link address (https://…). Leave empty to remove the link.",
    current ?? "https://",
  );
  if (answer === null) return;
  const trimmed = answer.trim();
  if (trimmed === "" || trimmed === "https://") {
    editor.chain().focus().extendMarkRange("link").unsetLink().run();
    return;
  }
  // "example.com" means the web page, not a path on our site.
  const href = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? trimmed : `https://${trimmed}`;
  if (!isAllowedLinkHref(href)) return LINK_REFUSED;
  if (editor.state.selection.empty && !editor.isActive("link")) {
    editor
      .chain()
      .focus()
      .insertContent({ type: "text", text: href, marks: [{ type: "link", attrs: { href } }] })
      .run();
    return;
  }
  editor.chain().focus().extendMarkRange("link").setLink({ href }).run();
}

const ACTIONS: Action[] = [
  {
    name: "Bold",
    glyph: "B",
    shortcut: "Mod+B",
    isActive: (e) => e.isActive("bold"),
    run: (e) => void e.chain().focus().toggleBold().run(),
  },
  {
    name: "Italic",
    glyph: "I",
    shortcut: "Mod+I",
    isActive: (e) => e.isActive("italic"),
    run: (e) => void e.chain().focus().toggleItalic().run(),
  },
  {
    name: "Strike",
    glyph: "S",
    shortcut: "Mod+Shift+S",
    isActive: (e) => e.isActive("strike"),
    run: (e) => void e.chain().focus().toggleStrike().run(),
  },
  {
    name: "Code",
    glyph: "</>",
    shortcut: "Mod+E",
    isActive: (e) => e.isActive("code"),
    run: (e) => void e.chain().focus().toggleCode().run(),
  },
  {
    name: "Heading 2",
    glyph: "H2",
    shortcut: "Mod+Alt+2",
    isActive: (e) => e.isActive("heading", { level: 2 }),
    run: (e) => void e.chain().focus().toggleHeading({ level: 2 }).run(),
  },
  {
    name: "Heading 3",
    glyph: "H3",
    shortcut: "Mod+Alt+3",
    isActive: (e) => e.isActive("heading", { level: 3 }),
    run: (e) => void e.chain().focus().toggleHeading({ level: 3 }).run(),
  },
  {
    name: "Bullet list",
    glyph: "•",
    shortcut: "Mod+Shift+8",
    isActive: (e) => e.isActive("bulletList"),
    run: (e) => void e.chain().focus().toggleBulletList().run(),
  },
  {
    name: "Numbered list",
    glyph: "1.",
    shortcut: "Mod+Shift+7",
    isActive: (e) => e.isActive("orderedList"),
    run: (e) => void e.chain().focus().toggleOrderedList().run(),
  },
  {
    name: "Quote",
    glyph: "❝",
    shortcut: "Mod+Shift+B",
    isActive: (e) => e.isActive("blockquote"),
    run: (e) => void e.chain().focus().toggleBlockquote().run(),
  },
  {
    name: "Code block",
    glyph: "{ }",
    shortcut: "Mod+Alt+C",
    isActive: (e) => e.isActive("codeBlock"),
    run: (e) => void e.chain().focus().toggleCodeBlock().run(),
  },
  { name: "Link", glyph: "Link", isActive: (e) => e.isActive("link"), run: editLink },
];

const isMac = () => typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);

function shortcutLabel(shortcut: string) {
  return shortcut.replace("Mod", isMac() ? "⌘" : "Ctrl").replace("Alt", isMac() ? "⌥" : "Alt");
}

type ToolbarProps = {
  editor: Editor;
  label: string;
  controls: string;
  /** Why an action was refused (a bad link), or "" to clear it. */
  onMessage: (message: string) => void;
};

/**
 * Formatting buttons. One tab stop for the whole toolbar, arrow keys between buttons (the
 * WAI-ARIA toolbar pattern), so keyboard users are not made to tab through eleven buttons.
 */
export function Toolbar({ editor, label, controls, onMessage }: ToolbarProps) {
  const [focusIndex, setFocusIndex] = useState(0);
  const buttons = useRef<Array<HTMLButtonElement | null>>([]);
  const active = useEditorState({
    editor,
    selector: ({ editor: current }) => ACTIONS.map((action) => action.isActive(current)),
  });

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const last = ACTIONS.length - 1;
    const next =
      event.key === "ArrowRight"
        ? focusIndex === last
          ? 0
          : focusIndex + 1
        : event.key === "ArrowLeft"
          ? focusIndex === 0
            ? last
            : focusIndex - 1
          : event.key === "Home"
            ? 0
            : event.key === "End"
              ? last
              : null;
    if (next === null) return;
    event.preventDefault();
    setFocusIndex(next);
    buttons.current[next]?.focus();
  };

  return (
    <div
      role="toolbar"
      aria-label={`${label} formatting`}
      aria-controls={controls}
      className="rich-text-toolbar"
      onKeyDown={onKeyDown}
    >
      {ACTIONS.map((action, index) => (
        <button
          key={action.name}
          ref={(element) => {
            buttons.current[index] = element;
          }}
          type="button"
          className="rich-text-button"
          aria-label={action.name}
          aria-pressed={active[index] ?? false}
          title={
            action.shortcut ? `${action.name} (${shortcutLabel(action.shortcut)})` : action.name
          }
          tabIndex={index === focusIndex ? 0 : -1}
          onFocus={() => setFocusIndex(index)}
          onClick={() => onMessage(action.run(editor) ?? "")}
        >
          {/* Glyphs are icons: drawn by CSS, so "H2" is not visible text the name must contain. */}
          <span aria-hidden="true" className="rich-text-glyph" data-glyph={action.glyph} />
        </button>
      ))}
    </div>
  );
}
