import { parseFeed } from "@rowanmanning/feed-parser";
import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { createUser } from "#db/testing/factories";
import { routeContext, signedIn } from "#db/testing/requests";
import { createBacklogItem } from "~/models/backlog.server";
import { setBacklogStatus } from "~/models/backlog-status.server";
import { readPostContent } from "~/models/post-content.server";
import { loader } from "./changelog[.]atom";

const injected =
  'Member idea ]]>z]]><entry xmlns="http://www.w3.org/2005/Atom"><title>Forged</title></entry><![CDATA[ <b>bold</b> & more';

async function shipPublicItem(title: string, description: string) {
  const staff = await createUser({ role: "staff" });
  const content = readPostContent(undefined, description);
  if (!content.ok) throw new Error(content.message);
  const itemId = await createBacklogItem(
    staff,
    {
      title,
      description: content.content,
      ownerId: null,
      target: "",
      externalUrl: null,
      isPublic: true,
      tagIds: [],
    },
    null,
  );
  await setBacklogStatus(staff, itemId, "shipped");
}

describe("the changelog's Atom feed", () => {
  it("carries a member's title as text, never as markup or extra entries", async () => {
    await shipPublicItem(injected, "Says ]]> in its text, and <i>this</i> too.");
    const reader = await signedIn("member");
    const response = (await loader({
      request: reader.get("/changelog.atom"),
      params: {},
      context: routeContext,
    })) as Response;
    const xml = await response.text();

    const feed = parseFeed(xml);
    expect(feed.items).toHaveLength(1);
    expect(feed.items[0].title).toBe(injected);
    expect(feed.items[0].content).toContain("Says ]]> in its text");

    const document = new XMLParser({ ignoreAttributes: false }).parse(xml);
    const entries = [document.feed.entry].flat();
    expect(entries).toHaveLength(1);
  });
});
