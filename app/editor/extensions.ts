import type { Extensions } from "@tiptap/core";
import Mention, { type MentionOptions } from "@tiptap/extension-mention";
import StarterKit from "@tiptap/starter-kit";
import { isAllowedLinkHref, LINK_REL, profilePath } from "./policy";

export type MentionSuggestion = MentionOptions["suggestion"];

type RichTextExtensionOptions = {
  /** Only the browser passes this: the server renders mentions but never suggests them. */
  mentionSuggestion?: MentionSuggestion;
};

/**
 * The one schema for forum posts. The editor, the validator and the renderer all build from
 * this list, so a post the editor can produce is exactly a post the server accepts.
 */
export function richTextExtensions(options: RichTextExtensionOptions = {}): Extensions {
  return [
    StarterKit.configure({
      // h1 is the page title.
      heading: { levels: [2, 3, 4] },
      // Not part of the forum's formatting vocabulary; leaving them out of the schema means
      // pasted content loses them instead of being refused.
      horizontalRule: false,
      underline: false,
      link: {
        openOnClick: false,
        autolink: true,
        linkOnPaste: true,
        defaultProtocol: "https",
        HTMLAttributes: { target: null, rel: LINK_REL, class: null },
        isAllowedUri: (url) => isAllowedLinkHref(url),
        shouldAutoLink: (url) => isAllowedLinkHref(url),
      },
    }),
    Mention.configure({
      renderText: ({ node }) => `@${String(node.attrs.label ?? "")}`,
      renderHTML: ({ node }) => {
        const handle = String(node.attrs.label ?? "");
        return [
          "a",
          { class: "mention", href: profilePath(handle), "data-user-id": String(node.attrs.id) },
          `@${handle}`,
        ];
      },
      suggestion: options.mentionSuggestion ?? {},
    }),
  ];
}
