import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { RichTextField } from "./rich-text-field";

describe("RichTextField on the server", () => {
  it("renders a labelled textarea that posts plain text, with hint and errors wired up", () => {
    const html = renderToString(
      <RichTextField
        name="body"
        id="reply-body"
        label="Your reply"
        hint="Type @ to mention someone."
        errors={["Write something before posting."]}
        initialText="Draft <b>text</b>"
      />,
    );
    expect(html).toContain('<label for="reply-body">Your reply</label>');
    expect(html).toMatch(
      /<textarea[^>]*name="body"[^>]*id="reply-body"[^>]*aria-invalid="true"[^>]*aria-describedby="reply-body-hint reply-body-error"/,
    );
    expect(html).toContain("Draft &lt;b&gt;text&lt;/b&gt;</textarea>");
    expect(html).toContain('<span id="reply-body-hint" class="field-hint">');
    expect(html).toContain(
      '<span id="reply-body-error" class="field-error">Write something before posting.</span>',
    );
    // No editor markup or JSON field before hydration: without JavaScript only the text posts.
    expect(html).not.toMatch(/ProseMirror|contenteditable|bodyJson|role="toolbar"/);
  });

  it("shows a stored document as its plain text", () => {
    const html = renderToString(
      <RichTextField
        name="body"
        id="body"
        label="Post"
        initialDoc={{
          type: "doc",
          content: [
            { type: "paragraph", content: [{ type: "text", text: "One" }] },
            { type: "paragraph", content: [{ type: "text", text: "Two" }] },
          ],
        }}
      />,
    );
    expect(html).toContain("One\n\nTwo</textarea>");
    expect(html).not.toMatch(/aria-invalid|aria-describedby/);
  });
});
