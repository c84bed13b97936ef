import type { LoaderFunctionArgs } from "@remix-run/node";
import { anonymousLabel } from "~/components/credit-line";
import { requireUser } from "~/auth/current-user.server";
import { listChangelog } from "~/models/roadmap.server";
import { atomResponse, escapeHtml } from "~/utils/atom.server";

/**
 * The changelog as an Atom feed, read with the member's session like any page. Feed readers
 * send no cookie: they read it at the member's private address (`/feeds/…/changelog.atom`).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  return changelogFeed(await requireUser(request), "/changelog.atom");
}

export async function changelogFeed(viewer: Parameters<typeof listChangelog>[0], selfPath: string) {
  const { entries } = await listChangelog(viewer, 1);
  return atomResponse({
    path: "/changelog",
    selfPath,
    title: "Vanguard changelog",
    description: "What shipped, and whose ideas it came from.",
    entries: entries.map((entry) => {
      const credited = [
        ...entry.credits.named.map((person) => person.name),
        ...entry.credits.anonymous.map(anonymousLabel),
      ];
      return {
        path: `/changelog#item-${entry.id}`,
        title: entry.title,
        date: entry.shippedAt ?? entry.updatedAt,
        html:
          entry.descriptionHtml +
          (credited.length > 0 ? `<p>Thanks to ${escapeHtml(credited.join(", "))}.</p>` : ""),
      };
    }),
  });
}
