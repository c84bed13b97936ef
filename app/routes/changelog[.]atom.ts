import type { LoaderFunctionArgs } from "@remix-run/node";
import { Feed } from "feed";
import { anonymousLabel } from "~/components/credit-line";
import { requireUser } from "~/auth/current-user.server";
import { listChangelog } from "~/models/roadmap.server";
import { publicOrigin } from "~/utils/request.server";

/**
 * The changelog as an Atom feed. The community is private, so the feed is read with the
 * member's session like any page; public means "every member", not the open web.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { entries } = await listChangelog(user, 1);
  const origin = publicOrigin();
  const feed = new Feed({
    id: `${origin}/changelog`,
    title: "Vanguard changelog",
    description: "What shipped, and whose ideas it came from.",
    link: `${origin}/changelog`,
    updated: entries[0]?.shippedAt ?? new Date(0),
    generator: false,
    feedLinks: { atom: `${origin}/changelog.atom` },
  });
  for (const entry of entries) {
    const credited = [
      ...entry.credits.named.map((person) => person.name),
      ...entry.credits.anonymous.map(anonymousLabel),
    ];
    feed.addItem({
      id: `${origin}/changelog#item-${entry.id}`,
      link: `${origin}/changelog#item-${entry.id}`,
      // The feed library writes titles as HTML inside CDATA: a plain-text title is escaped as
      // HTML, which also keeps any "]]>" in it from closing the CDATA section early.
      title: escapeHtml(entry.title),
      date: entry.shippedAt ?? entry.updatedAt,
      content: insideCdata(
        entry.descriptionHtml +
          (credited.length > 0 ? `<p>Thanks to ${escapeHtml(credited.join(", "))}.</p>` : ""),
      ),
    });
  }
  return new Response(feed.atom1(), {
    headers: {
      "Content-Type": "application/atom+xml; charset=utf-8",
      "Cache-Control": "private, max-age=300",
    },
  });
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// Sanitized HTML never holds "]]>" in markup, but text can end a CDATA section: "&gt;" reads the same.
const insideCdata = (html: string) => html.replaceAll("]]>", "]]&gt;");
