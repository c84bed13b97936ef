import sanitizeHtml from "sanitize-html";
import {
  HANDLE_CHARACTERS,
  HANDLE_MAX,
  HANDLE_MIN,
  isAllowedLinkHref,
  isUuid,
  LINK_PROTOCOLS,
  LINK_REL,
  profilePath,
} from "./policy";

const MENTION_PATH = new RegExp(`^/u/(${HANDLE_CHARACTERS}{${HANDLE_MIN},${HANDLE_MAX}})$`);
const LIST_TYPES = ["1", "a", "A", "i", "I"];

// sanitize-html drops a disallowed tag but keeps its text, so an unsafe link becomes plain text.
const UNWRAP: sanitizeHtml.Tag = { tagName: "span", attribs: {} };

/** Links are rebuilt from scratch so no attribute we did not put there survives. */
function rebuildAnchor(_tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  const href = attribs.href ?? "";
  if (attribs.class === "mention") {
    const handle = MENTION_PATH.exec(href)?.[1];
    const userId = attribs["data-user-id"];
    if (!handle || !isUuid(userId)) return UNWRAP;
    return {
      tagName: "a",
      attribs: { class: "mention", href: profilePath(handle), "data-user-id": userId },
    };
  }
  if (!isAllowedLinkHref(href)) return UNWRAP;
  return { tagName: "a", attribs: { href, rel: LINK_REL } };
}

/** Exactly what the post schema can render, and nothing else. */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    "p",
    "br",
    "strong",
    "em",
    "s",
    "code",
    "pre",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "blockquote",
    "a",
  ],
  allowedAttributes: {
    a: ["href", "rel", "class", "data-user-id"],
    ol: ["start", { name: "type", values: LIST_TYPES }],
    code: ["class"],
  },
  allowedClasses: { a: ["mention"], code: ["language-*"] },
  allowedSchemes: [...LINK_PROTOCOLS],
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  transformTags: { a: rebuildAnchor },
};

export function sanitizeRichTextHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}
