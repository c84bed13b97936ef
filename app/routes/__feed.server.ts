import type { SessionUser } from "~/auth/session.server";
import { readerOfFeedKey } from "~/models/feed.server";

/**
 * The reader of a private feed address, or a plain 404: a wrong, reset or turned-off address
 * says nothing about whose it was (feed readers show the status, not a page).
 */
export async function requireFeedReader(key: string | undefined): Promise<SessionUser> {
  const reader = key ? await readerOfFeedKey(key) : null;
  if (!reader) throw noSuchFeed();
  return reader;
}

export const noSuchFeed = () =>
  new Response("No such feed. Copy your feed address again from your Settings.", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
