import {
  mentionedUserIds,
  parseRichTextInput,
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
  const parsed = parseRichTextInput(json, text?.trim());
  if (!parsed.ok) return parsed;
  const doc: RichTextDoc = parsed.doc;
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
