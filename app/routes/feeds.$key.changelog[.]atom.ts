import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireFeedReader } from "./__feed.server";
import { changelogFeed } from "./changelog[.]atom";

/** The changelog at a member's private feed address, for feed readers. */
export async function loader({ params }: LoaderFunctionArgs) {
  const reader = await requireFeedReader(params.key);
  return changelogFeed(reader, `/feeds/${params.key}/changelog.atom`);
}
