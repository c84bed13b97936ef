import type { Extensions } from "@tiptap/core";
import Mention, { type MentionOptions } from "@tiptap/extension-mention";
import StarterKit from "@tiptap/starter-kit";
import { isAllowedLinkHref, isHandle, isUuid, LINK_REL, profilePath } from "./policy";

export type MentionSuggestion = MentionOptions["suggestion"];

type RichTextExtensionOptions = {
  /** Only the browser passes this: the server renders mentions but never suggests them. */
  mentionSuggestion?: MentionSuggestion;
};

/**
 * Mentions render as links, so copying, cutting or dragging one inside the editor (or from a
 * rendered post) must read that link back as a mention instead of as plain "@handle" text.
 */
const MentionLink = Mention.extend({
  parseHTML() {
    return [
      {
        tag: "a.mention[data-user-id]",
        // Ahead of the link mark's a[href] rule, which would otherwise see a relative link.
        priority: 60,
        getAttrs: (element) => {
          const id = element.getAttribute("data-user-id");
          const label = element.textContent?.replace(/^@/, "");
          return isUuid(id) && isHandle(label) ? { id, label } : false;
        },
      },
      ...(this.parent?.() ?? []),
    ];
  },
});

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
      // pasted content loses them instead of being refused. The rest of the kit that is not
      // content (undo, list keys, drop and gap cursors, the trailing paragraph) stays: it
      // only affects editing, never the schema.
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
    MentionLink.configure({
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
