import { Feed } from "feed";
import { publicOrigin } from "./request.server";

export type AtomEntry = {
  /** Path on this site, e.g. `/t/…`: the entry's link and, being permanent, its id. */
  path: string;
  title: string;
  date: Date;
  /** Sanitized HTML (stored post HTML, or built from escaped text). */
  html: string;
  author?: string | null;
};

/**
 * An Atom feed as a response: every feed of the app (the changelog, a member's private feeds)
 * is written here, so titles and content are escaped one way. Feeds read with a private address
 * are the reader's own: never cached by anyone else.
 */
export function atomResponse(feed: {
  /** Path of the page the feed follows, e.g. `/changelog`. */
  path: string;
  /** Path of the feed itself. */
  selfPath: string;
  title: string;
  description: string;
  entries: AtomEntry[];
}): Response {
  const origin = publicOrigin();
  const atom = new Feed({
    id: `${origin}${feed.path}`,
    title: xmlText(feed.title),
    description: xmlText(feed.description),
    link: `${origin}${feed.path}`,
    updated: feed.entries[0]?.date ?? new Date(0),
    generator: false,
    copyright: "",
    feedLinks: { atom: `${origin}${feed.selfPath}` },
  });
  for (const entry of feed.entries) {
    atom.addItem({
      id: `${origin}${entry.path}`,
      link: `${origin}${entry.path}`,
      // The feed library writes titles as HTML inside CDATA: a plain-text title is escaped as
      // HTML, which also keeps any "]]>" in it from closing the CDATA section early.
      title: escapeHtml(xmlText(entry.title)),
      date: entry.date,
      content: insideCdata(xmlText(entry.html)),
      // A plain-text element: the feed library escapes it.
      author: entry.author ? [{ name: xmlText(entry.author) }] : undefined,
    });
  }
  return new Response(atom.atom1(), {
    headers: {
      "Content-Type": "application/atom+xml; charset=utf-8",
      // What one person may read, now: never kept, so a reset or a lost space applies at once.
      "Cache-Control": "private, no-store",
    },
  });
}

export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Text without the characters XML 1.0 forbids (most C0 controls, U+FFFE, U+FFFF): one of them in
 * a title or a name would make the whole feed unreadable for everyone who follows it.
 */
export function xmlText(text: string): string {
  let kept = "";
  for (const char of text) {
    const code = char.codePointAt(0)!;
    const allowed =
      code === 0x9 ||
      code === 0xa ||
      code === 0xd ||
      (code >= 0x20 && code <= 0xd7ff) ||
      (code >= 0xe000 && code <= 0xfffd) ||
      code >= 0x10000;
    if (allowed) kept += char;
  }
  return kept;
}

// Sanitized HTML never holds "]]>" in markup, but text can end a CDATA section: "&gt;" reads the same.
const insideCdata = (html: string) => html.replaceAll("]]>", "]]&gt;");
