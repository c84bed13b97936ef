import {
  docFromPlainText,
  MAX_POST_CHARACTERS,
  mentionedUserIds,
  parseRichTextJson,
  plainTextOf,
  renderRichTextHtml,
  type RichTextDoc,
} from "~/editor/content.server";

export type PostContent = {
  body: RichTextDoc;
  bodyHtml: string;
  bodyText: string;
  mentionIds: string[];
};

/**
 * A post body from a form: the editor's JSON when JavaScript ran, else the plain textarea. Either
 * way it is validated against the editor's schema, rendered once and sanitized here, on write.
 */
export function readPostContent(
  json: string | undefined,
  text: string | undefined,
): { ok: true; content: PostContent } | { ok: false; message: string } {
  let doc: RichTextDoc;
  if (json) {
    const parsed = parseRichTextJson(json);
    if (!parsed.ok) return parsed;
    doc = parsed.doc;
  } else {
    const plain = (text ?? "").trim();
    if (!plain) return { ok: false, message: "Write something before posting." };
    if (plain.length > MAX_POST_CHARACTERS) {
      return {
        ok: false,
        message: `Posts can be at most 50,000 characters; this one has ${plain.length.toLocaleString("en-US")}.`,
      };
    }
    doc = docFromPlainText(plain);
  }
  return {
    ok: true,
    content: {
      body: doc,
      bodyHtml: renderRichTextHtml(doc),
      bodyText: plainTextOf(doc),
      mentionIds: mentionedUserIds(doc),
    },
  };
}
