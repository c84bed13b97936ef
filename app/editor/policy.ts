import { UUID_PATTERN } from "#db/schema/values";
import { isStorableText } from "~/utils/storable-text";

/**
 * Rules shared by the browser editor, the server-side validator and the HTML sanitizer, so the
 * three can never disagree about what a safe link or a valid mention is.
 */

/** Counted on the plain text (see plainTextOf), in characters as people count them. */
export const MAX_POST_CHARACTERS = 50_000;

/**
 * Each mention can notify and email someone: a post is a conversation with a few people, not a
 * broadcast (Discourse's default is 10).
 */
export const MAX_MENTIONS_PER_POST = 20;

export const LINK_PROTOCOLS = ["http", "https", "mailto"] as const;

/** User-supplied links must not pass page rank and must not get a handle on our window. */
export const LINK_REL = "nofollow ugc noopener";

export const MAX_HREF_LENGTH = 2048;

export const HANDLE_MIN = 2;
export const HANDLE_MAX = 30;
/** What a handle is made of; its length is checked apart, for clearer messages. */
export const HANDLE_CHARACTERS = "[a-zA-Z0-9_-]";
const HANDLE = new RegExp(`^${HANDLE_CHARACTERS}{${HANDLE_MIN},${HANDLE_MAX}}$`);
const UUID = new RegExp(`^${UUID_PATTERN}$`, "i");

/* eslint-disable no-control-regex -- matching control characters is the point here */
// Browsers strip tabs and newlines inside a URL and ignore leading controls, so "java\tscript:"
// runs as JavaScript. We refuse such links outright instead of guessing what they mean.
const INVISIBLE_OR_CONTROL =
  /[\u0000-\u0020\u007f-\u00a0\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u2064\u3000\ufeff]/;
// Everything but tab and newline: NUL cannot be stored in Postgres text, and no other control
// character is prose.
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000b-\u001f\u007f]/g;
/* eslint-enable no-control-regex */

// An explicit scheme at the very start: anything else ("//evil", "/\evil", "evil.com") is relative
// or protocol-relative and would resolve against our own origin.
const ABSOLUTE = /^(?:https?:\/\/[^/?#]|mailto:[^/?#])/i;

/** Whether `href` is an absolute http(s) or mailto URL without any obfuscation. */
export function isAllowedLinkHref(href: unknown): href is string {
  if (typeof href !== "string" || href.length === 0 || href.length > MAX_HREF_LENGTH) return false;
  if (INVISIBLE_OR_CONTROL.test(href) || !ABSOLUTE.test(href) || !isStorableText(href)) {
    return false;
  }
  try {
    const url = new URL(href);
    return (LINK_PROTOCOLS as readonly string[]).includes(url.protocol.slice(0, -1));
  } catch {
    return false;
  }
}

export function isHandle(value: unknown): value is string {
  return typeof value === "string" && HANDLE.test(value);
}

export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

/** Where a mention links to; handles are already URL-safe, encoding is belt and braces. */
export function profilePath(handle: string): string {
  return `/u/${encodeURIComponent(handle)}`;
}

export function stripControlCharacters(text: string): string {
  return text.replace(CONTROL_IN_TEXT, "");
}
