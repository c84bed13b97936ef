import type { JSONContent } from "@tiptap/core";
import { EditorContent, useEditor, type Editor } from "@tiptap/react";
import { useEffect, useMemo, useRef, useState } from "react";
import { richTextExtensions } from "./extensions";
import { MentionMenu, mentionOptionId, useMentionMenu } from "./mention-menu.client";
import { docFromPlainText } from "./plain-text";
import { Toolbar } from "./toolbar.client";
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
}: RichTextEditorProps) {
  const wrapper = useRef<HTMLDivElement>(null);
  const json = useRef<HTMLInputElement | null>(null);
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
      attributes: {
        id,
        role: "textbox",
        "aria-multiline": "true",
        "aria-label": label,
        ...(describedBy ? { "aria-describedby": describedBy } : {}),
        ...(invalid ? { "aria-invalid": "true" } : {}),
        class: "rich-text-input",
      },
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

  const editor = useEditor({
    immediatelyRender: false,
    // Its base styles are in rich-text.css instead of an injected <style> element.
    injectCSS: false,
    extensions,
    content,
    autofocus: autoFocus ? "end" : false,
    editorProps,
    onCreate: ({ editor: created }) => sync(created),
    onUpdate: ({ editor: updated }) => {
      sync(updated);
      setMessage("");
    },
  });

  useEffect(() => {
    if (!editor) return;
    const onQuote = (event: Event) => {
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
    <div className="rich-text" ref={wrapper}>
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
          initial document, so a form sent before the editor exists still carries the text. */}
      <input
        ref={(input) => {
          json.current = input;
          if (input && !input.value && content) input.value = JSON.stringify(content);
        }}
        type="hidden"
        name={`${name}Json`}
      />
    </div>
  );
}
