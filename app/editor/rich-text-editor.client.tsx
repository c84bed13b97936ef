import type { JSONContent } from "@tiptap/core";
import { TextSelection } from "@tiptap/pm/state";
import { EditorContent, useEditor, type Editor } from "@tiptap/react";
import { useEffect, useMemo, useRef, useState } from "react";
import { richTextExtensions } from "./extensions";
import { MentionMenu, mentionOptionId, useMentionMenu } from "./mention-menu.client";
import { docFromPlainText } from "./plain-text";
import { isComposing, takeLinkRequest } from "./textarea-shortcuts";
import { Toolbar } from "./toolbar.client";
import { docFromTypedText, type TypedText } from "./typed-text";
import type { RichTextDoc } from "./types";

export type RichTextEditorProps = {
  name: string;
  id: string;
  label: string;
  initialDoc?: RichTextDoc | null;
  initialText?: string;
  mentionsUrl?: string;
  describedBy?: string;
  invalid?: boolean;
  autoFocus?: boolean;
  /**
   * The plain textarea this editor replaces. Given, the editor waits hidden (its id, JSON field
   * and quote listener off) until it is ready, then takes over from the textarea in one step.
   */
  handover?: Handover;
};

export type Handover = {
  textarea: () => HTMLTextAreaElement | null;
  /** The textarea's text as the server sent it: unchanged, the editor keeps its richer start. */
  startText: string;
  /** A post quoted before the editor took over: it goes in at the end. */
  quote: string | null;
  /** Called in the same task as the editor takes focus: the textarea must go at once. */
  onLive: () => void;
};

/** Dispatched by the thread page's "quote selection" button. */
export type QuoteEventDetail = { text: string; author: string };
/** Dispatched after a successful submit, so the next reply starts empty. */
export type EditorResetEventDetail = { name: string };

/**
 * The browser-only editor. It submits the document as JSON in a hidden `${name}Json` input;
 * the server validates it against the same schema (see content.server.ts).
 */
export default function RichTextEditor({
  name,
  id,
  label,
  initialDoc,
  initialText,
  mentionsUrl,
  describedBy,
  invalid,
  autoFocus,
  handover,
}: RichTextEditorProps) {
  const wrapper = useRef<HTMLDivElement>(null);
  const json = useRef<HTMLInputElement | null>(null);
  const [live, setLive] = useState(!handover);
  // Read outside renders: by the document's attributes and by the hand-over.
  const liveRef = useRef(!handover);
  const handoverRef = useRef(handover);
  handoverRef.current = handover;
  const listId = `${id}-mentions`;
  const mentions = useMentionMenu(mentionsUrl, wrapper);
  const [message, setMessage] = useState("");
  const [linkOpen, setLinkOpen] = useState(false);

  // Built once: the editor is created once and tiptap cannot swap extensions later.
  const [extensions] = useState(() =>
    richTextExtensions({ mentionSuggestion: mentionsUrl ? mentions.suggestion : undefined }),
  );
  const [content] = useState<JSONContent | undefined>(
    () => initialDoc ?? (initialText ? docFromPlainText(initialText) : undefined),
  );
  const editorProps = useMemo(
    () => ({
      // A function, read again at each change: the id is the textarea's until the hand-over.
      attributes: () => ({
        ...(liveRef.current ? { id } : {}),
        role: "textbox",
        "aria-multiline": "true",
        "aria-label": label,
        ...(describedBy ? { "aria-describedby": describedBy } : {}),
        ...(invalid ? { "aria-invalid": "true" } : {}),
        class: "rich-text-input",
      }),
      handleKeyDown: (_view: unknown, event: KeyboardEvent) => {
        if (event.key.toLowerCase() !== "k" || !(event.metaKey || event.ctrlKey)) return false;
        event.preventDefault();
        setLinkOpen(true);
        return true;
      },
    }),
    [id, label, describedBy, invalid],
  );

  const sync = (editor: Editor) => {
    if (json.current) json.current.value = JSON.stringify(editor.getJSON());
  };

  /**
   * Takes the textarea's place in one synchronous step, so that no key pressed meanwhile can
   * land between the two: the text typed so far (read as the editor would have read the keys),
   * the caret and the formatting being typed, the focus, and which field the form posts.
   */
  const takeOver = (created: Editor) => {
    const from = handoverRef.current;
    if (!from || liveRef.current || created.isDestroyed) return;
    const textarea = from.textarea();
    if (textarea && isComposing(textarea)) {
      // Not in the middle of a character an input method is composing: right after it.
      textarea.addEventListener("compositionend", () => setTimeout(() => takeOver(created)), {
        once: true,
      });
      return;
    }
    const focused = textarea !== null && document.activeElement === textarea;
    const changed = textarea !== null && textarea.value !== from.startText;
    // The selection even when the focus is elsewhere (on "Post reply"): a textarea keeps it,
    // and formatting still open at the caret is formatting the writer meant.
    const typed: TypedText | null = changed
      ? docFromTypedText(textarea.value, {
          start: textarea.selectionStart,
          end: textarea.selectionEnd,
        })
      : null;
    const tr = created.state.tr;
    const { schema } = created;
    if (typed || from.quote) {
      const blocks: JSONContent[] = [
        ...((typed ? typed.doc.content : created.isEmpty ? [] : created.getJSON().content) ?? []),
        ...(from.quote
          ? [
              { type: "blockquote", content: docFromPlainText(from.quote).content ?? [] },
              { type: "paragraph" },
            ]
          : []),
      ];
      tr.replaceWith(
        0,
        tr.doc.content.size,
        schema.nodeFromJSON({ type: "doc", content: blocks }).content,
      );
    }
    const caret = from.quote ? null : typed?.selection;
    const size = tr.doc.content.size;
    const within = (position: number) => Math.max(0, Math.min(position, size));
    tr.setSelection(
      caret
        ? TextSelection.create(tr.doc, within(caret.from), within(caret.to))
        : TextSelection.atEnd(tr.doc),
    );
    // Ctrl+B pressed in the textarea and not yet pressed again: the next keys are bold.
    if (caret) tr.setStoredMarks(typed!.marks.map((mark) => schema.marks[mark].create()));
    // Undo starts from here: taking over is not an edit to take back.
    tr.setMeta("addToHistory", false);

    // Nothing above changed the page; from here on, all of it changes at once.
    liveRef.current = true;
    if (wrapper.current) wrapper.current.hidden = false;
    if (json.current) json.current.disabled = false;
    from.onLive();
    const takeFocus = focused || Boolean(from.quote);
    if (takeFocus) created.view.focus();
    created.view.dispatch(takeFocus ? tr.scrollIntoView() : tr);
    sync(created);
    setLive(true);
    if (textarea && takeLinkRequest(textarea)) setLinkOpen(true);
  };

  const editor = useEditor({
    immediatelyRender: false,
    // Its base styles are in rich-text.css instead of an injected <style> element.
    injectCSS: false,
    extensions,
    content,
    autofocus: autoFocus && !handover ? "end" : false,
    editorProps,
    onCreate: ({ editor: created }) => {
      sync(created);
      takeOver(created);
    },
    onUpdate: ({ editor: updated }) => {
      sync(updated);
      setMessage("");
    },
  });

  useEffect(() => {
    if (!editor) return;
    const onQuote = (event: Event) => {
      // Until the hand-over the field keeps quotes, and gives them to the hand-over.
      if (!liveRef.current) return;
      const detail = (event as CustomEvent<QuoteEventDetail>).detail;
      const quoted = docFromPlainText(detail?.text ?? "").content ?? [];
      if (quoted.length === 0) return;
      const insert: JSONContent[] = [
        { type: "blockquote", content: quoted },
        { type: "paragraph" },
      ];
      // An untouched editor holds one empty paragraph; the quote should replace it, not follow it.
      const chain = editor.chain();
      if (editor.isEmpty) chain.setContent(insert, { emitUpdate: true });
      else chain.insertContentAt(editor.state.doc.content.size, insert);
      chain.focus("end", { scrollIntoView: true }).run();
    };
    const onReset = (event: Event) => {
      if ((event as CustomEvent<EditorResetEventDetail>).detail?.name !== name) return;
      editor.commands.clearContent(true);
    };
    window.addEventListener("vanguard:quote", onQuote);
    window.addEventListener("vanguard:editor-reset", onReset);
    return () => {
      window.removeEventListener("vanguard:quote", onQuote);
      window.removeEventListener("vanguard:editor-reset", onReset);
    };
  }, [editor, name]);

  // The editor keeps focus while the list is open, so it announces the highlighted option.
  const { menu, active } = mentions;
  const showsOptions = Boolean(menu && menu.items.length > 0);
  useEffect(() => {
    const dom = editor?.view.dom;
    if (!dom) return;
    if (showsOptions) {
      dom.setAttribute("aria-controls", listId);
      dom.setAttribute("aria-activedescendant", mentionOptionId(listId, active));
    } else {
      dom.removeAttribute("aria-controls");
      dom.removeAttribute("aria-activedescendant");
    }
  }, [editor, showsOptions, active, listId]);

  return (
    <div className="rich-text" ref={wrapper} hidden={!live}>
      {editor ? (
        <Toolbar
          editor={editor}
          label={label}
          controls={id}
          onMessage={setMessage}
          linkOpen={linkOpen}
          onLinkOpenChange={setLinkOpen}
        />
      ) : null}
      <EditorContent editor={editor} className="rich-text-area" />
      <p className="rich-text-status" role="status">
        {message}
      </p>
      {menu ? (
        <MentionMenu id={listId} menu={menu} active={active} onActiveChange={mentions.highlight} />
      ) : null}
      {/* Written only by sync(): a hidden input's value is its attribute, so any value prop
          would make React reset it on every re-render (defaultValue too). It starts with the
          initial document, so a form sent before the editor is created still carries it. */}
      <input
        ref={(input) => {
          json.current = input;
          if (input && !input.value && content) input.value = JSON.stringify(content);
        }}
        type="hidden"
        name={`${name}Json`}
        // Until the hand-over the textarea's text is what the form posts.
        disabled={!live}
      />
    </div>
  );
}
