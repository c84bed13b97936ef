import { useEditorState, type Editor } from "@tiptap/react";
import { useRef, useState, type KeyboardEvent } from "react";
import { LinkPanel } from "./link-panel.client";
import { TOOLBAR_BUTTONS, type ToolbarButtonName } from "./toolbar-buttons";

type Behaviour = {
  isActive: (editor: Editor) => boolean;
  run: (editor: Editor) => void;
};

const BEHAVIOURS: Record<Exclude<ToolbarButtonName, "Link">, Behaviour> = {
  Bold: { isActive: (e) => e.isActive("bold"), run: (e) => e.chain().focus().toggleBold().run() },
  Italic: {
    isActive: (e) => e.isActive("italic"),
    run: (e) => e.chain().focus().toggleItalic().run(),
  },
  Strike: {
    isActive: (e) => e.isActive("strike"),
    run: (e) => e.chain().focus().toggleStrike().run(),
  },
  Code: { isActive: (e) => e.isActive("code"), run: (e) => e.chain().focus().toggleCode().run() },
  "Heading 2": {
    isActive: (e) => e.isActive("heading", { level: 2 }),
    run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run(),
  },
  "Heading 3": {
    isActive: (e) => e.isActive("heading", { level: 3 }),
    run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run(),
  },
  "Bullet list": {
    isActive: (e) => e.isActive("bulletList"),
    run: (e) => e.chain().focus().toggleBulletList().run(),
  },
  "Numbered list": {
    isActive: (e) => e.isActive("orderedList"),
    run: (e) => e.chain().focus().toggleOrderedList().run(),
  },
  Quote: {
    isActive: (e) => e.isActive("blockquote"),
    run: (e) => e.chain().focus().toggleBlockquote().run(),
  },
  "Code block": {
    isActive: (e) => e.isActive("codeBlock"),
    run: (e) => e.chain().focus().toggleCodeBlock().run(),
  },
};

const isActive = (editor: Editor, name: ToolbarButtonName) =>
  name === "Link" ? editor.isActive("link") : BEHAVIOURS[name].isActive(editor);

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
  /** Whether the link panel is open; the editor opens it on Mod+K too. */
  linkOpen: boolean;
  onLinkOpenChange: (open: boolean) => void;
};

/**
 * Formatting buttons. One tab stop for the whole toolbar, arrow keys between buttons (the
 * WAI-ARIA toolbar pattern), so keyboard users are not made to tab through eleven buttons.
 */
export function Toolbar({
  editor,
  label,
  controls,
  onMessage,
  linkOpen,
  onLinkOpenChange,
}: ToolbarProps) {
  const [focusIndex, setFocusIndex] = useState(0);
  const buttons = useRef<Array<HTMLButtonElement | null>>([]);
  const active = useEditorState({
    editor,
    selector: ({ editor: current }) =>
      TOOLBAR_BUTTONS.map((button) => isActive(current, button.name)),
  });

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const last = TOOLBAR_BUTTONS.length - 1;
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

  const press = (name: ToolbarButtonName) => {
    onMessage("");
    if (name === "Link") onLinkOpenChange(!linkOpen);
    else BEHAVIOURS[name].run(editor);
  };

  return (
    <>
      <div
        role="toolbar"
        aria-label={`${label} formatting`}
        aria-controls={controls}
        className="rich-text-toolbar"
        onKeyDown={onKeyDown}
      >
        {TOOLBAR_BUTTONS.map((button, index) => (
          <button
            key={button.name}
            ref={(element) => {
              buttons.current[index] = element;
            }}
            type="button"
            className="rich-text-button"
            aria-label={button.name}
            data-name={button.name}
            aria-pressed={button.name === "Link" ? undefined : (active[index] ?? false)}
            aria-expanded={button.name === "Link" ? linkOpen : undefined}
            title={`${button.name} (${shortcutLabel(button.shortcut)})`}
            tabIndex={index === focusIndex ? 0 : -1}
            onFocus={() => setFocusIndex(index)}
            // A click keeps the focus in the text: otherwise the button holds it until the
            // editor takes it back on the next frame, and a key typed at once (a busy machine,
            // a fast typist) lands on the button (a space presses it again) instead of the text.
            onMouseDown={button.name === "Link" ? undefined : (event) => event.preventDefault()}
            onClick={() => press(button.name)}
          >
            {/* Glyphs are icons: drawn by CSS, so "H2" is not visible text the name must contain. */}
            <span aria-hidden="true" className="rich-text-glyph" data-glyph={button.glyph} />
          </button>
        ))}
      </div>
      {linkOpen ? (
        <LinkPanel
          editor={editor}
          id={`${controls}-link`}
          onClose={() => {
            onLinkOpenChange(false);
            editor.commands.focus();
          }}
        />
      ) : null}
    </>
  );
}
