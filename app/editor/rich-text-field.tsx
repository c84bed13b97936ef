import {
  useEffect,
  useRef,
  useState,
  useSyncExternalStore,
  type ComponentType,
  type MouseEvent,
  type ReactNode,
} from "react";
import { plainTextOf } from "./plain-text";
import type { Handover, RichTextEditorProps } from "./rich-text-editor.client";
import { lastTypedIn, watchEditorTextareas } from "./textarea-shortcuts";
import { TOOLBAR_BUTTONS } from "./toolbar-buttons";
import type { RichTextDoc } from "./types";

type EditorComponent = ComponentType<RichTextEditorProps>;

// A separate chunk, fetched only in the browser and never by the page's first request: a reader
// who never writes downloads it only once the browser is idle, where someone could write.
let editorChunk: Promise<EditorComponent> | null = null;
let loadedEditor: EditorComponent | null = null;
function loadEditor(): Promise<EditorComponent> {
  editorChunk ??= import("./rich-text-editor.client").then(
    (module) => (loadedEditor = module.default),
    (error: unknown) => {
      // Asked again at the next interaction; the plain text box works meanwhile.
      editorChunk = null;
      throw error;
    },
  );
  return editorChunk;
}

// From the first moment this module runs (before hydration): a box clicked and typed into at
// once loads the editor's code straight away and keeps its keyboard shortcuts.
if (typeof document !== "undefined") {
  watchEditorTextareas(document, () => void loadEditor().catch(() => {}));
}

/**
 * A post sent while the editor is on its way waits this long for it at most, so that what the
 * textarea's shortcuts marked ("**") is posted formatted, not as text. After that, or if the
 * editor fails to load, the textarea's plain text goes.
 */
const SUBMIT_WAIT_MS = 5000;

/** Runs `work` when the browser has nothing better to do (soon, where that can't be known). */
function whenIdle(work: () => void): () => void {
  if (typeof window.requestIdleCallback === "function") {
    const id = window.requestIdleCallback(work, { timeout: 3000 });
    return () => window.cancelIdleCallback(id);
  }
  const id = window.setTimeout(work, 300);
  return () => window.clearTimeout(id);
}

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
   * "when-idle" fetches the editor once the browser is idle (or at the first touch of the box),
   * for pages read far more than written on, like a thread with its reply box. "immediately"
   * fetches it as soon as the page is live, for pages that exist to write.
   */
  load?: "immediately" | "when-idle";
};

const noSubscription = () => () => {};

/** False on the server and while hydrating, true afterwards (and at once on later pages). */
function useHydrated() {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

/**
 * A post body field. Server-rendered (and without JavaScript) it is a plain textarea posting
 * `${name}` as text. Once the page is live the rich text editor loads, waits hidden until it is
 * ready, then takes over in one step: what was typed in the textarea meanwhile (its lists,
 * quotes and Ctrl+B markers read as the editor would have, see typed-text.ts), the caret, the
 * formatting being typed and the focus all move into the editor, which posts `${name}Json`.
 * Nothing typed is lost, however fast the typing: no key can fall between the two. The server
 * reads `${name}Json` first and falls back to `${name}`.
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
  load = "immediately",
}: RichTextFieldProps) {
  const hydrated = useHydrated();
  const [Editor, setEditor] = useState<EditorComponent | null>(null);
  const [wanted, setWanted] = useState(load === "immediately");
  const [focused, setFocused] = useState(false);
  const [loadFailed, setLoadFailed] = useState(false);
  const [quote, setQuote] = useState<string | null>(null);
  const [live, setLive] = useState(false);
  // Read by the quote listener and by the hand-over, which run outside React's renders.
  const liveRef = useRef(false);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const fallback = useRef<HTMLDivElement>(null);
  const [waitingToPost, setWaitingToPost] = useState(false);
  const heldSubmit = useRef<{
    form: HTMLFormElement;
    submitter: HTMLElement | null;
    timer: number;
  } | null>(null);
  const sendingHeld = useRef(false);

  const startText = initialText ?? (initialDoc ? plainTextOf(initialDoc) : "");

  useEffect(() => {
    const box = textarea.current;
    if (box) {
      // React 18 puts a textarea that the server filled back to that text when it hydrates;
      // whatever was typed before then is put back.
      const typed = lastTypedIn(box);
      if (typed && box.value !== typed.value) {
        box.value = typed.value;
        box.setSelectionRange(typed.start, typed.end);
      }
      if (document.activeElement === box) {
        setFocused(true);
        setWanted(true);
      }
    }
  }, []);

  useEffect(() => {
    if (!hydrated || wanted || Editor) return;
    // Already in the browser (an earlier page loaded it): nothing to wait for.
    if (loadedEditor) setWanted(true);
    else return whenIdle(() => setWanted(true));
  }, [hydrated, wanted, Editor]);

  useEffect(() => {
    // After a failure, the next touch of the box (want()) asks again.
    if (!hydrated || !wanted || Editor || loadFailed) return;
    let current = true;
    loadEditor().then(
      (component) => {
        if (current) setEditor(() => component);
      },
      () => {
        if (current) setLoadFailed(true);
      },
    );
    return () => {
      current = false;
    };
  }, [hydrated, wanted, Editor, loadFailed]);

  const sendHeldSubmit = () => {
    const held = heldSubmit.current;
    if (!held) return;
    heldSubmit.current = null;
    window.clearTimeout(held.timer);
    setWaitingToPost(false);
    sendingHeld.current = true;
    try {
      held.form.requestSubmit(held.submitter ?? undefined);
    } finally {
      sendingHeld.current = false;
    }
  };

  // Posting before the editor took over waits for it (see SUBMIT_WAIT_MS). Listened for on the
  // form itself, so that the hold comes before the form's own (React) submit handling.
  useEffect(() => {
    const form = textarea.current?.form;
    if (!form || live || loadFailed) return;
    const onSubmit = (event: SubmitEvent) => {
      if (liveRef.current || sendingHeld.current) return;
      event.preventDefault();
      event.stopPropagation();
      setWanted(true);
      if (heldSubmit.current) return;
      heldSubmit.current = {
        form,
        submitter: event.submitter,
        timer: window.setTimeout(sendHeldSubmit, SUBMIT_WAIT_MS),
      };
      setWaitingToPost(true);
    };
    form.addEventListener("submit", onSubmit);
    return () => form.removeEventListener("submit", onSubmit);
  }, [live, loadFailed]);

  // The editor took over (its document is in the form now), or won't: send what was held.
  useEffect(() => {
    if (live || loadFailed) sendHeldSubmit();
  }, [live, loadFailed]);
  useEffect(() => () => window.clearTimeout(heldSubmit.current?.timer), []);

  // A quote asked for before the editor took over goes in when it does.
  useEffect(() => {
    if (live) return;
    const onQuote = (event: Event) => {
      if (liveRef.current) return;
      const text = (event as CustomEvent<{ text?: string }>).detail?.text?.trim();
      if (!text) return;
      setQuote(text);
      setWanted(true);
    };
    window.addEventListener("vanguard:quote", onQuote);
    return () => window.removeEventListener("vanguard:quote", onQuote);
  }, [live]);

  const want = () => {
    setWanted(true);
    setLoadFailed(false);
  };

  // Called by the editor in the same task as it takes the text, caret and focus: the textarea
  // leaves the page (and the form) at once, before React renders again.
  const handover: Handover = {
    textarea: () => textarea.current,
    startText,
    quote,
    onLive: () => {
      liveRef.current = true;
      if (fallback.current) fallback.current.hidden = true;
      if (textarea.current) textarea.current.disabled = true;
      setLive(true);
    },
  };

  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  const statusId = `${id}-editor-status`;

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
      {/* Before the textarea, so that once live the editor is the first element with the id. */}
      {Editor ? (
        <Editor
          name={name}
          id={id}
          label={label}
          initialDoc={initialDoc}
          initialText={initialText}
          mentionsUrl={mentionsUrl}
          describedBy={describedBy}
          invalid={Boolean(errorId)}
          handover={live ? undefined : handover}
        />
      ) : null}
      {live ? null : (
        // One child of the field, like the editor, so the field's spacing is the same for both.
        <div className="rich-text" ref={fallback}>
          {hydrated ? <ToolbarPreview label={label} statusId={statusId} /> : null}
          <textarea
            ref={textarea}
            name={name}
            id={id}
            rows={rows}
            defaultValue={startText}
            onFocus={() => {
              setFocused(true);
              want();
            }}
            onBlur={() => setFocused(false)}
            onPointerDown={want}
            aria-invalid={errorId ? true : undefined}
            aria-describedby={describedBy}
            className="rich-text-fallback"
          />
          {hydrated ? (
            // Said, not shown, while loading: the dimmed toolbar shows it, and it takes a moment.
            <p
              id={statusId}
              role="status"
              className={loadFailed ? "field-hint" : "visually-hidden"}
            >
              {loadFailed
                ? "The formatting tools didn't load. What you write here is posted as plain text."
                : waitingToPost
                  ? "Loading editor… It posts as soon as it is ready."
                  : focused
                    ? "Loading editor…"
                    : ""}
            </p>
          ) : null}
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
 * The toolbar as it will be, above the textarea until the editor takes over, so the page doesn't
 * move when it does. Off (its buttons disabled, and looking it) while the editor loads: the
 * shortcuts already work in the textarea (textarea-shortcuts.ts), the buttons not yet. Shown only
 * once JavaScript runs, since without it there is no editor to come.
 */
function ToolbarPreview({ label, statusId }: { label: string; statusId: string }) {
  return (
    <div
      role="toolbar"
      aria-label={`${label} formatting`}
      aria-describedby={statusId}
      aria-disabled="true"
      className="rich-text-toolbar rich-text-toolbar-preview"
    >
      {TOOLBAR_BUTTONS.map((button) => (
        <button
          key={button.name}
          type="button"
          className="rich-text-button"
          aria-label={button.name}
          data-name={button.name}
          disabled
        >
          <span aria-hidden="true" className="rich-text-glyph" data-glyph={button.glyph} />
        </button>
      ))}
    </div>
  );
}
