// @vitest-environment happy-dom
import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import RichTextEditor from "./rich-text-editor.client";

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean;
}

let container: HTMLDivElement;
let root: Root;

beforeEach(() => {
  globalThis.IS_REACT_ACT_ENVIRONMENT = true;
  container = document.createElement("div");
  document.body.append(container);
  root = createRoot(container);
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
  vi.unstubAllGlobals();
});

async function render(ui: React.ReactElement) {
  await act(async () => root.render(ui));
  await waitFor(() => container.querySelector(".ProseMirror"));
}

async function waitFor<T>(probe: () => T | null | undefined | false, timeout = 2000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() - started > timeout) throw new Error("waitFor timed out");
    await act(async () => new Promise((resolve) => setTimeout(resolve, 20)));
  }
}

const jsonValue = () =>
  JSON.parse((container.querySelector('input[name="bodyJson"]') as HTMLInputElement).value);

describe("RichTextEditor", () => {
  it("renders a labelled textbox and toolbar, and mirrors the document into bodyJson", async () => {
    await render(
      <RichTextEditor
        name="body"
        id="body"
        label="Post"
        describedBy="body-hint"
        invalid
        initialText={"Hello\n\nworld"}
      />,
    );
    const textbox = container.querySelector(".ProseMirror")!;
    expect(textbox.getAttribute("role")).toBe("textbox");
    expect(textbox.getAttribute("aria-label")).toBe("Post");
    expect(textbox.getAttribute("aria-multiline")).toBe("true");
    expect(textbox.getAttribute("aria-describedby")).toBe("body-hint");
    expect(textbox.getAttribute("aria-invalid")).toBe("true");
    expect(textbox.id).toBe("body");
    expect(textbox.classList.contains("rich-text-input")).toBe(true);

    const toolbar = container.querySelector('[role="toolbar"]')!;
    expect(toolbar.getAttribute("aria-label")).toBe("Post formatting");
    const names = [...toolbar.querySelectorAll("button")].map((b) => b.getAttribute("aria-label"));
    expect(names).toEqual([
      "Bold",
      "Italic",
      "Strike",
      "Code",
      "Heading 2",
      "Heading 3",
      "Bullet list",
      "Numbered list",
      "Quote",
      "Code block",
      "Link",
    ]);
    const buttons = [...toolbar.querySelectorAll("button")];
    expect(buttons.slice(0, -1).every((b) => b.getAttribute("aria-pressed") === "false")).toBe(
      true,
    );
    expect(buttons.at(-1)?.getAttribute("aria-expanded")).toBe("false");

    expect(jsonValue()).toEqual({
      type: "doc",
      content: [
        { type: "paragraph", content: [{ type: "text", text: "Hello" }] },
        { type: "paragraph", content: [{ type: "text", text: "world" }] },
      ],
    });
    // No textarea: only the JSON is submitted while the editor is active.
    expect(container.querySelector("textarea")).toBeNull();

    // New errors after a submit reach the textbox; re-rendering keeps the document.
    await act(async () =>
      root.render(
        <RichTextEditor
          name="body"
          id="body"
          label="Post"
          describedBy="body-hint body-error"
          initialText={"Hello\n\nworld"}
        />,
      ),
    );
    expect(textbox.getAttribute("aria-describedby")).toBe("body-hint body-error");
    expect(textbox.hasAttribute("aria-invalid")).toBe(false);
    expect(jsonValue().content).toHaveLength(2);
  });

  it("appends a quote on vanguard:quote and clears on a matching vanguard:editor-reset", async () => {
    await render(<RichTextEditor name="body" id="body" label="Post" initialText="Mine" />);
    await act(async () => {
      window.dispatchEvent(
        new CustomEvent("vanguard:quote", { detail: { text: "Their words", author: "ada" } }),
      );
    });
    expect(jsonValue().content).toEqual([
      { type: "paragraph", content: [{ type: "text", text: "Mine" }] },
      {
        type: "blockquote",
        content: [{ type: "paragraph", content: [{ type: "text", text: "Their words" }] }],
      },
      { type: "paragraph" },
    ]);

    await act(async () => {
      window.dispatchEvent(new CustomEvent("vanguard:editor-reset", { detail: { name: "other" } }));
    });
    expect(jsonValue().content).toHaveLength(3);
    await act(async () => {
      window.dispatchEvent(new CustomEvent("vanguard:editor-reset", { detail: { name: "body" } }));
    });
    expect(jsonValue()).toEqual({ type: "doc", content: [{ type: "paragraph" }] });
  });

  it("replaces an empty editor with the quote", async () => {
    await render(<RichTextEditor name="body" id="body" label="Post" />);
    await act(async () => {
      window.dispatchEvent(
        new CustomEvent("vanguard:quote", {
          detail: { text: "Line one\nline two", author: "ada" },
        }),
      );
    });
    expect(jsonValue().content).toEqual([
      {
        type: "blockquote",
        content: [
          {
            type: "paragraph",
            content: [
              { type: "text", text: "Line one" },
              { type: "hardBreak" },
              { type: "text", text: "line two" },
            ],
          },
        ],
      },
      { type: "paragraph" },
    ]);
  });

  it("reads a rendered mention back as a mention (copy, cut and paste)", async () => {
    await render(<RichTextEditor name="body" id="body" label="Post" />);
    const textbox = container.querySelector(".ProseMirror") as HTMLElement;
    const { editor } = textbox as unknown as { editor: import("@tiptap/react").Editor };
    await act(async () => {
      editor.commands.setContent(
        '<p>Hi <a class="mention" href="/u/ada_l" data-user-id="0b7e6a3c-1f2d-4c5b-8a9e-123456789abc">@ada_l</a>' +
          ' and <a class="mention" href="/u/x" data-user-id="forged">@x</a>' +
          ' <a href="javascript:alert(1)">bad</a> <a href="https://ok.example" target="_blank">ok</a></p>',
      );
    });
    expect(jsonValue().content[0].content).toEqual([
      { type: "text", text: "Hi " },
      {
        type: "mention",
        attrs: {
          id: "0b7e6a3c-1f2d-4c5b-8a9e-123456789abc",
          label: "ada_l",
          mentionSuggestionChar: "@",
        },
      },
      { type: "text", text: " and @x bad " },
      {
        type: "text",
        text: "ok",
        marks: [
          {
            type: "link",
            attrs: {
              href: "https://ok.example",
              target: "_blank",
              rel: "nofollow ugc noopener",
              class: null,
              title: null,
            },
          },
        ],
      },
    ]);
  });

  it("asks for a link in its own panel, refusing javascript: and completing a bare domain", async () => {
    await render(<RichTextEditor name="body" id="body" label="Post" initialText="Click" />);
    const link = container.querySelector('button[aria-label="Link"]') as HTMLButtonElement;
    await act(async () => link.click());
    expect(link.getAttribute("aria-expanded")).toBe("true");
    const address = container.querySelector("#body-link") as HTMLInputElement;
    expect(container.querySelector('label[for="body-link"]')?.textContent).toBe("Link address");

    const type = async (value: string) => {
      await act(async () => {
        const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!;
        setter.call(address, value);
        address.dispatchEvent(new Event("input", { bubbles: true }));
      });
    };
    const buttonNamed = (name: string) =>
      [...container.querySelectorAll("button")].find((b) => b.textContent === name)!;

    await type("javascript:alert(1)");
    await act(async () => buttonNamed("Add link").click());
    expect(container.querySelector("#body-link-problem")?.textContent).toBe(
      "Links must start with http://, https:// or mailto:.",
    );
    expect(JSON.stringify(jsonValue())).not.toContain("javascript");

    await type("example.com/docs");
    await act(async () => buttonNamed("Add link").click());
    expect(container.querySelector("#body-link")).toBeNull();
    expect(JSON.stringify(jsonValue())).toContain('"href":"https://example.com/docs"');
  });

  it("suggests members after @ and inserts the chosen one as a mention", async () => {
    const fetchMock = vi.fn(async (url: string) => {
      expect(url).toBe("/resources/mentions?space=s1&q=ad");
      return new Response(
        JSON.stringify({
          users: [
            { id: "0b7e6a3c-1f2d-4c5b-8a9e-123456789abc", handle: "ada_l", displayName: "Ada" },
            { id: "5f0c2d1e-9a8b-4c7d-b6e5-abcdefabcdef", handle: "adam", displayName: "Adam" },
            { id: "not-a-uuid", handle: "eve", displayName: "Eve" },
          ],
        }),
        { headers: { "Content-Type": "application/json" } },
      );
    });
    vi.stubGlobal("fetch", fetchMock);
    await render(
      <RichTextEditor
        name="body"
        id="body"
        label="Post"
        mentionsUrl="/resources/mentions?space=s1"
      />,
    );
    const textbox = container.querySelector(".ProseMirror") as HTMLElement;
    // Drive the editor the way typing would; tiptap hangs the editor on its DOM element.
    const { editor } = textbox as unknown as { editor: import("@tiptap/react").Editor };
    await act(async () => {
      editor.view.dispatch(editor.state.tr.insertText("Hi @ad"));
    });
    const listbox = await waitFor(() => container.querySelector('[role="listbox"]'));
    const options = [...listbox.querySelectorAll('[role="option"]')];
    expect(options.map((o) => o.textContent)).toEqual(["Ada @ada_l", "Adam @adam"]);
    expect(options.map((o) => o.getAttribute("aria-selected"))).toEqual(["true", "false"]);
    expect(textbox.getAttribute("aria-activedescendant")).toBe(options[0].id);

    await act(async () => {
      textbox.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowDown", bubbles: true }));
    });
    expect(
      [...container.querySelectorAll('[role="option"]')].map((o) =>
        o.getAttribute("aria-selected"),
      ),
    ).toEqual(["false", "true"]);
    await act(async () => {
      textbox.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    });
    await waitFor(() => !container.querySelector('[role="listbox"]'));
    expect(jsonValue().content[0].content).toEqual([
      { type: "text", text: "Hi " },
      {
        type: "mention",
        attrs: {
          id: "5f0c2d1e-9a8b-4c7d-b6e5-abcdefabcdef",
          label: "adam",
          mentionSuggestionChar: "@",
        },
      },
      { type: "text", text: " " },
    ]);
    expect(textbox.hasAttribute("aria-activedescendant")).toBe(false);
  });
});
