// @vitest-environment happy-dom
import { act, type ReactElement } from "react";
import { hydrateRoot, type Root } from "react-dom/client";
import { renderToString } from "react-dom/server";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { RichTextField } from "./rich-text-field";

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean;
}

// The editor arrives when a test says so, as over a network: its code is loaded once, and this
// holds each new editor back until the gate opens.
const gate = vi.hoisted(() => {
  const state = { opened: Promise.resolve(), open: () => {} };
  return {
    state,
    close() {
      state.opened = new Promise<void>((resolve) => (state.open = resolve));
    },
  };
});
vi.mock("./rich-text-editor.client", async (importOriginal) => {
  const actual = await importOriginal<typeof import("./rich-text-editor.client")>();
  const { createElement, useEffect, useState } = await import("react");
  function HeldEditor(props: Parameters<typeof actual.default>[0]) {
    const [arrived, setArrived] = useState(false);
    useEffect(() => {
      void gate.state.opened.then(() => setArrived(true));
    }, []);
    return arrived ? createElement(actual.default, props) : null;
  }
  return { ...actual, default: HeldEditor };
});
const editorArrives = () =>
  act(async () => {
    gate.state.open();
    await gate.state.opened;
  });

let root: Root | undefined;
beforeEach(() => gate.close());
afterEach(() => {
  act(() => root?.unmount());
  root = undefined;
  document.body.innerHTML = "";
});

/** The field as the server sent it, in the page, not yet hydrated. */
function serverRendered(field: ReactElement) {
  globalThis.IS_REACT_ACT_ENVIRONMENT = true;
  const container = document.createElement("div");
  container.innerHTML = renderToString(field);
  document.body.append(container);
  return { container, textarea: container.querySelector("textarea") as HTMLTextAreaElement };
}

async function hydrate(container: HTMLElement, field: ReactElement) {
  await act(async () => {
    root = hydrateRoot(container, field);
  });
}

/** Types into the textarea as a browser does: the value changes, then an input event. */
function typeInto(textarea: HTMLTextAreaElement, text: string) {
  const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value")!.set!;
  setter.call(textarea, textarea.value + text);
  textarea.setSelectionRange(textarea.value.length, textarea.value.length);
  textarea.dispatchEvent(new Event("input", { bubbles: true }));
}

async function editorOf(container: HTMLElement) {
  for (let i = 0; i < 150; i++) {
    const editor = container.querySelector<HTMLElement>(".rich-text:not([hidden]) .ProseMirror");
    if (editor) return editor;
    await act(async () => new Promise((resolve) => setTimeout(resolve, 20)));
  }
  throw new Error("the editor never took over");
}

const jsonOf = (container: HTMLElement) =>
  JSON.parse((container.querySelector('input[name="bodyJson"]') as HTMLInputElement).value);

it("takes over from the textarea with what was typed before the page came alive", async () => {
  // Empty to start with, as a reply box is.
  const field = <RichTextField name="body" id="body" label="Post" hint="Be kind." />;
  const { container, textarea } = serverRendered(field);
  typeInto(textarea, "Typed early");
  await hydrate(container, field);
  await editorArrives();

  const editor = await editorOf(container);
  expect(editor.id).toBe("body");
  expect(editor.getAttribute("aria-describedby")).toBe("body-hint");
  expect(container.querySelector("textarea")).toBeNull();
  expect(container.querySelectorAll("#body")).toHaveLength(1);
  expect(jsonOf(container)).toEqual({
    type: "doc",
    content: [{ type: "paragraph", content: [{ type: "text", text: "Typed early" }] }],
  });
});

it("carries a fast typist's list, Ctrl+B and caret into the editor, and the focus with them", async () => {
  const field = <RichTextField name="body" id="body" label="Post" load="when-idle" />;
  const { container, textarea } = serverRendered(field);
  await hydrate(container, field);
  const preview = container.querySelector(".rich-text-toolbar-preview")!;
  expect(preview.getAttribute("role")).toBe("toolbar");
  expect(preview.getAttribute("aria-label")).toBe("Post formatting");
  expect([...preview.querySelectorAll("button")].every((button) => button.disabled)).toBe(true);

  await act(async () => textarea.focus());
  expect(container.querySelector('[role="status"]')?.textContent).toBe("Loading editor…");
  await act(async () => {
    typeInto(textarea, "- first item\nsecond item");
    // Ctrl+B, as the keyboard sends it: the textarea writes the marker the editor reads.
    textarea.dispatchEvent(
      new KeyboardEvent("keydown", { key: "b", code: "KeyB", ctrlKey: true, bubbles: true }),
    );
    typeInto(textarea, "bold");
  });
  expect(textarea.value).toBe("- first item\nsecond item**bold");
  await editorArrives();

  const editor = await editorOf(container);
  expect(document.activeElement).toBe(editor);
  expect(container.querySelector("textarea")).toBeNull();
  expect(container.querySelector('[role="status"]')?.textContent ?? "").not.toContain("Loading");
  expect(jsonOf(container).content).toEqual([
    {
      type: "bulletList",
      content: [
        {
          type: "listItem",
          content: [{ type: "paragraph", content: [{ type: "text", text: "first item" }] }],
        },
        {
          type: "listItem",
          content: [
            {
              type: "paragraph",
              content: [
                { type: "text", text: "second item" },
                { type: "text", text: "bold", marks: [{ type: "bold" }] },
              ],
            },
          ],
        },
      ],
    },
    // The editor's own trailing paragraph, as after any list typed in it.
    { type: "paragraph" },
  ]);
  // The toolbar that works now says bold is on where the caret is.
  const bold = container.querySelector('[role="toolbar"] button[data-name="Bold"]')!;
  expect(bold.hasAttribute("disabled")).toBe(false);
  expect(bold.getAttribute("aria-pressed")).toBe("true");
});

it("puts back text typed into a filled box before hydration reset it", async () => {
  const field = (
    <RichTextField name="body" id="body" label="Post" initialText="Draft" load="when-idle" />
  );
  const { container, textarea } = serverRendered(field);
  typeInto(textarea, " and more");
  // What React 18 does to a textarea the server filled, as it hydrates it.
  const reset = () => {
    textarea.value = "Draft";
  };
  reset();
  await hydrate(container, field);
  expect(textarea.value).toBe("Draft and more");
});

it("keeps a quote asked for before the editor took over", async () => {
  const field = <RichTextField name="body" id="body" label="Post" load="when-idle" />;
  const { container, textarea } = serverRendered(field);
  await hydrate(container, field);
  typeInto(textarea, "My reply");
  await act(async () => {
    window.dispatchEvent(
      new CustomEvent("vanguard:quote", { detail: { text: "Quoted words", author: "Ada" } }),
    );
  });
  await editorArrives();
  const editor = await editorOf(container);
  expect(document.activeElement).toBe(editor);
  expect(jsonOf(container).content).toEqual([
    { type: "paragraph", content: [{ type: "text", text: "My reply" }] },
    {
      type: "blockquote",
      content: [{ type: "paragraph", content: [{ type: "text", text: "Quoted words" }] }],
    },
    { type: "paragraph" },
  ]);
});

it("holds a post sent before the editor took over, and sends the editor's document when it has", async () => {
  const field = (
    <form>
      <RichTextField name="body" id="body" label="Post" load="when-idle" />
      <button type="submit">Post reply</button>
    </form>
  );
  const { container, textarea } = serverRendered(field);
  await hydrate(container, field);
  const sent: Array<Record<string, FormDataEntryValue>> = [];
  container.addEventListener("submit", (event) => {
    event.preventDefault();
    sent.push(Object.fromEntries(new FormData(event.target as HTMLFormElement)));
  });
  await act(async () => {
    typeInto(textarea, "Quick ");
    textarea.dispatchEvent(
      new KeyboardEvent("keydown", { key: "b", code: "KeyB", ctrlKey: true, bubbles: true }),
    );
    typeInto(textarea, "post");
    const form = container.querySelector("form")!;
    form.requestSubmit(container.querySelector("button")!);
  });
  expect(sent).toEqual([]);
  expect(container.querySelector('[role="status"]')?.textContent).toBe(
    "Loading editor… It posts as soon as it is ready.",
  );

  await editorArrives();
  await editorOf(container);
  expect(sent).toHaveLength(1);
  expect(sent[0].body).toBeUndefined();
  expect(JSON.parse(sent[0].bodyJson as string).content).toEqual([
    {
      type: "paragraph",
      content: [
        { type: "text", text: "Quick " },
        { type: "text", text: "post", marks: [{ type: "bold" }] },
      ],
    },
  ]);
});
