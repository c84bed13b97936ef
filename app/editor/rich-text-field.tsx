import {
  useEffect,
  useRef,
  useState,
  type ComponentType,
  type MouseEvent,
  type ReactNode,
} from "react";
import { docFromPlainText, plainTextOf } from "./plain-text";
import type { RichTextEditorProps } from "./rich-text-editor.client";
import { TOOLBAR_BUTTONS } from "./toolbar-buttons";
import type { RichTextDoc } from "./types";

// A separate chunk, fetched only by pages that render this field and only in the browser.
const loadEditor = () => import("./rich-text-editor.client").then((module) => module.default);

/**
 * The textarea hands over to the editor only after this long without typing: swapping the
 * element under someone's fingers would drop the keys pressed during the swap.
 */
const TYPING_PAUSE_MS = 600;

type RichTextFieldProps = {
  name: string;
  id: string;
  label: string;
  hint?: ReactNode;
  errors?: string[];
  initialDoc?: RichTextDoc | null;
  initialText?: string;
  mentionsUrl?: string;
  rows?: number;
  /**
   * "on-interaction" keeps the plain textarea until someone focuses it (or quotes a post), so
   * readers who never write never download the editor.
   */
  activate?: "immediately" | "on-interaction";
};

// After the first hydration, client-side navigations can mount the editor straight away.
let hydrating = true;

/**
 * A post body field. Server-rendered (and without JavaScript) it is a plain textarea posting
 * `${name}` as text; once hydrated it becomes the rich text editor posting `${name}Json`. The
 * server reads `${name}Json` first and falls back to `${name}`.
 */
export function RichTextField({
  name,
  id,
  label,
  hint,
  errors,
  initialDoc,
  initialText,
  mentionsUrl,
  rows = 8,
  activate = "immediately",
}: RichTextFieldProps) {
  const [hydrated, setHydrated] = useState(() => !hydrating);
  const [wanted, setWanted] = useState(activate === "immediately");
  const [quote, setQuote] = useState<string | null>(null);
  // Whatever was typed into the textarea before the editor took over, so it is not lost. (React
  // 18's hydration resets a textarea that had server text, so this saves typing only in a field
  // that started empty, which is the reply box's usual case.)
  const [draft, setDraft] = useState<string | undefined>(undefined);
  const [focused, setFocused] = useState(false);
  const [Editor, setEditor] = useState<ComponentType<RichTextEditorProps> | null>(null);
  const [typing, setTyping] = useState(false);
  const typingTimer = useRef<number | undefined>(undefined);
  const serverTextarea = useRef<HTMLTextAreaElement>(null);

  const noteTyping = () => {
    setTyping(true);
    window.clearTimeout(typingTimer.current);
    typingTimer.current = window.setTimeout(() => setTyping(false), TYPING_PAUSE_MS);
  };
  useEffect(() => () => window.clearTimeout(typingTimer.current), []);

  const startText = initialText ?? (initialDoc ? plainTextOf(initialDoc) : "");

  useEffect(() => {
    hydrating = false;
    const textarea = serverTextarea.current;
    if (textarea) {
      if (textarea.value !== startText) setDraft(textarea.value);
      if (document.activeElement === textarea) {
        // Focused before the page came alive: that focus was the interaction asking for the
        // editor, and no focus event will come again to ask.
        setFocused(true);
        setWanted(true);
        // Someone is typing already: let them pause before the editor takes over.
        if (textarea.value !== startText) noteTyping();
      }
    }
    setHydrated(true);
    // Runs once: this hands the server-rendered textarea over to the editor.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    if (!hydrated || !wanted || Editor) return;
    let current = true;
    void loadEditor().then((component) => {
      if (current) setEditor(() => component);
    });
    return () => {
      current = false;
    };
  }, [hydrated, wanted, Editor]);

  // A quote asked for before the editor loaded starts the editor with the quote in it.
  useEffect(() => {
    if (wanted) return;
    const onQuote = (event: Event) => {
      const text = (event as CustomEvent<{ text?: string }>).detail?.text?.trim();
      if (!text) return;
      setQuote(text);
      setFocused(true);
      setWanted(true);
    };
    window.addEventListener("vanguard:quote", onQuote);
    return () => window.removeEventListener("vanguard:quote", onQuote);
  }, [wanted]);

  // Focusing counts as the start of typing: people type straight after clicking, and keys
  // pressed while the editor replaces the textarea would go nowhere. The swap waits for a pause.
  const wantEditor = () => {
    setFocused(true);
    setWanted(true);
    noteTyping();
  };
  const startDoc: RichTextDoc | null | undefined = quote
    ? {
        type: "doc",
        content: [
          ...((draft ? docFromPlainText(draft).content : initialDoc?.content) ?? []),
          { type: "blockquote", content: docFromPlainText(quote).content ?? [] },
          { type: "paragraph" },
        ],
      }
    : draft === undefined
      ? initialDoc
      : null;

  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;

  const textarea = (
    <textarea
      ref={hydrated ? undefined : serverTextarea}
      name={name}
      id={id}
      rows={rows}
      defaultValue={draft ?? startText}
      onChange={
        hydrated
          ? (event) => {
              setDraft(event.target.value);
              noteTyping();
            }
          : undefined
      }
      onFocus={hydrated ? wantEditor : undefined}
      onBlur={hydrated ? () => setFocused(false) : undefined}
      autoFocus={hydrated && focused}
      aria-invalid={errorId ? true : undefined}
      aria-describedby={describedBy}
      className="rich-text-fallback"
    />
  );

  // A label focuses form controls only; the editor is a contenteditable element.
  const focusEditor = (event: MouseEvent<HTMLLabelElement>) => {
    const target = document.getElementById(id);
    if (!target?.isContentEditable) return;
    event.preventDefault();
    target.focus();
  };

  return (
    <div className="field rich-text-field">
      <label htmlFor={id} onClick={focusEditor}>
        {label}
      </label>
      {hint ? (
        <span id={hintId} className="field-hint">
          {hint}
        </span>
      ) : null}
      {Editor && wanted && !typing ? (
        <Editor
          name={name}
          id={id}
          label={label}
          initialDoc={startDoc}
          initialText={quote ? undefined : (draft ?? initialText)}
          mentionsUrl={mentionsUrl}
          describedBy={describedBy}
          invalid={Boolean(errorId)}
          autoFocus={focused}
        />
      ) : (
        // One child of the field, like the editor, so the field's spacing is the same for both.
        <div className="rich-text">
          {hydrated ? <ToolbarPreview onActivate={wantEditor} /> : null}
          {textarea}
        </div>
      )}
      {errorId ? (
        <span id={errorId} className="field-error">
          {errors!.join(" ")}
        </span>
      ) : null}
    </div>
  );
}

/**
 * The toolbar as it will look, above the textarea until the editor takes over, so the page
 * doesn't move when it does. Hidden from assistive technology: the textarea is what works now.
 * Shown only once JavaScript runs, since without it there is no editor to come.
 */
function ToolbarPreview({ onActivate }: { onActivate: () => void }) {
  return (
    <div className="rich-text-toolbar rich-text-toolbar-preview" aria-hidden="true">
      {TOOLBAR_BUTTONS.map((button) => (
        <button
          key={button.name}
          type="button"
          className="rich-text-button"
          data-name={button.name}
          tabIndex={-1}
          onClick={onActivate}
        >
          <span className="rich-text-glyph" data-glyph={button.glyph} />
        </button>
      ))}
    </div>
  );
}
