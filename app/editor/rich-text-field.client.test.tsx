// @vitest-environment happy-dom
import { act } from "react";
import { hydrateRoot, type Root } from "react-dom/client";
import { renderToString } from "react-dom/server";
import { afterEach, expect, it } from "vitest";
import { RichTextField } from "./rich-text-field";

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean;
}

let root: Root | undefined;
afterEach(() => {
  act(() => root?.unmount());
  document.body.innerHTML = "";
});

it("hands the server textarea over to the editor without losing what was typed", async () => {
  globalThis.IS_REACT_ACT_ENVIRONMENT = true;
  // Empty to start with: React 18 resets a non-empty textarea to its server text on hydration.
  const field = <RichTextField name="body" id="body" label="Post" hint="Be kind." />;
  const container = document.createElement("div");
  container.innerHTML = renderToString(field);
  document.body.append(container);
  // Typed before the JavaScript arrived.
  (container.querySelector("textarea") as HTMLTextAreaElement).value = "Typed early";

  await act(async () => {
    root = hydrateRoot(container, field);
  });
  for (let i = 0; i < 100 && !container.querySelector(".ProseMirror"); i++) {
    await act(async () => new Promise((resolve) => setTimeout(resolve, 20)));
  }

  const textbox = container.querySelector(".ProseMirror")!;
  expect(textbox.getAttribute("aria-describedby")).toBe("body-hint");
  expect(container.querySelector("textarea")).toBeNull();
  const json = container.querySelector('input[name="bodyJson"]') as HTMLInputElement;
  expect(JSON.parse(json.value)).toEqual({
    type: "doc",
    content: [{ type: "paragraph", content: [{ type: "text", text: "Typed early" }] }],
  });
});

it("keeps what is typed straight after focusing, while the editor takes over", async () => {
  globalThis.IS_REACT_ACT_ENVIRONMENT = true;
  const field = <RichTextField name="body" id="body" label="Post" activate="on-interaction" />;
  const container = document.createElement("div");
  container.innerHTML = renderToString(field);
  document.body.append(container);
  await act(async () => {
    root = hydrateRoot(container, field);
  });
  const textarea = container.querySelector("textarea") as HTMLTextAreaElement;
  await act(async () => textarea.focus());
  // Typed at once, before the editor's code has loaded or taken focus.
  await act(async () => {
    const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value")!.set!;
    setter.call(textarea, "Quick typist");
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
  });
  for (let i = 0; i < 100 && !container.querySelector(".ProseMirror"); i++) {
    await act(async () => new Promise((resolve) => setTimeout(resolve, 20)));
  }
  const json = container.querySelector('input[name="bodyJson"]') as HTMLInputElement;
  expect(JSON.parse(json.value)).toEqual({
    type: "doc",
    content: [{ type: "paragraph", content: [{ type: "text", text: "Quick typist" }] }],
  });
});
