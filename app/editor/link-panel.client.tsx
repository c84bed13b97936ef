import type { Editor } from "@tiptap/react";
import { useState, type KeyboardEvent } from "react";
import { isAllowedLinkHref } from "./policy";

const LINK_REFUSED = "Links must start with http://, https:// or mailto:.";

/**
 * Links the selected words (or inserts the address itself) to `raw`. Returns why it refused,
 * if it did. "example.com" means the web page, not a path on our site.
 */
export function applyLink(editor: Editor, raw: string): string | null {
  const trimmed = raw.trim();
  if (trimmed === "") {
    editor.chain().focus().extendMarkRange("link").unsetLink().run();
    return null;
  }
  const href = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? trimmed : `https://${trimmed}`;
  if (!isAllowedLinkHref(href)) return LINK_REFUSED;
  if (editor.state.selection.empty && !editor.isActive("link")) {
    editor
      .chain()
      .focus()
      .insertContent({ type: "text", text: href, marks: [{ type: "link", attrs: { href } }] })
      .run();
  } else {
    editor.chain().focus().extendMarkRange("link").setLink({ href }).run();
  }
  return null;
}

/**
 * The link editor under the toolbar: an address field with Apply, Remove and Cancel. Not a
 * <form>: it sits inside the post's form, so Enter applies the link instead of sending the post.
 */
export function LinkPanel({
  editor,
  id,
  onClose,
}: {
  editor: Editor;
  id: string;
  onClose: () => void;
}) {
  const linked = editor.isActive("link");
  const [href, setHref] = useState(() => (editor.getAttributes("link").href as string) ?? "");
  const [problem, setProblem] = useState("");

  const apply = () => {
    const refused = applyLink(editor, href);
    if (refused) {
      setProblem(refused);
      return;
    }
    onClose();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter") {
      event.preventDefault();
      apply();
    } else if (event.key === "Escape") {
      event.preventDefault();
      onClose();
    }
  };

  return (
    <div className="rich-text-link-panel" role="group" aria-labelledby={`${id}-label`}>
      <label id={`${id}-label`} htmlFor={id}>
        Link address
      </label>
      <input
        id={id}
        type="url"
        inputMode="url"
        placeholder="https://example.com/page"
        value={href}
        onChange={(event) => {
          setHref(event.target.value);
          setProblem("");
        }}
        onKeyDown={onKeyDown}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${id}-problem` : undefined}
        // The panel opens because someone asked for it: their next keys are the address.
        autoFocus
      />
      <button type="button" className="btn btn-small btn-primary" onClick={apply}>
        {linked ? "Update link" : "Add link"}
      </button>
      {linked ? (
        <button
          type="button"
          className="btn btn-small"
          onClick={() => {
            applyLink(editor, "");
            onClose();
          }}
        >
          Remove link
        </button>
      ) : null}
      <button type="button" className="btn btn-small" onClick={onClose}>
        Cancel
      </button>
      {problem ? (
        <p id={`${id}-problem`} className="field-error">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
