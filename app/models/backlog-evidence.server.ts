import type { Viewer } from "~/auth/policy.server";
import { listWithdrawn } from "./consent.server";
import { getPostForViewer } from "./post.server";
import { Refusal } from "./refusal.server";
import { getThreadForViewer } from "./thread.server";

// What a piece of backlog evidence points to, checked before it is linked: the actor sees it,
// its author lets their words be used, and a quoted passage is in the post as it reads now.

/** Where new evidence comes from: a whole thread, one post, or a passage quoted from a post. */
export type EvidenceInput = { threadId: string } | { postId: string; quote?: string | null };

export type ResolvedEvidence = {
  kind: "thread" | "post" | "excerpt";
  threadId: string;
  postId: string | null;
  quote: string | null;
};

/** A passage this long at most is kept as an excerpt. */
export const QUOTE_MAX = 1_000;

/** Runs of whitespace as one space, so a passage selected in the browser matches the post. */
const normalizeSpace = (text: string) => text.split(/\s+/).filter(Boolean).join(" ");

/**
 * Checks that the actor can see what they link, and that a quoted passage is in the post as it
 * reads now.
 */
export async function resolveEvidence(
  actor: Viewer,
  input: EvidenceInput,
): Promise<ResolvedEvidence> {
  if ("threadId" in input) {
    const thread = await getThreadForViewer(actor, input.threadId);
    if (!thread) throw new Refusal("That thread isn't there, or you can't see it.", 404);
    await requireEvidenceConsent(thread.authorId);
    return { kind: "thread", threadId: thread.id, postId: null, quote: null };
  }
  const post = await getPostForViewer(actor, input.postId);
  if (!post || post.deleted) {
    throw new Refusal("That post isn't there, or you can't see it.", 404);
  }
  await requireEvidenceConsent(post.authorId);
  if (!input.quote) return { kind: "post", threadId: post.thread.id, postId: post.id, quote: null };
  const quote = normalizeSpace(input.quote);
  if (quote.length === 0) throw new Refusal("Select the passage to quote.", 400, "quote");
  if (quote.length > QUOTE_MAX) {
    throw new Refusal(`Quote at most ${QUOTE_MAX} characters.`, 400, "quote");
  }
  if (!normalizeSpace(post.bodyText).includes(quote)) {
    throw new Refusal(
      "That passage isn't in the post as it reads now: select it again.",
      400,
      "quote",
    );
  }
  return { kind: "excerpt", threadId: post.thread.id, postId: post.id, quote };
}

/** Nobody's words are linked after they said no to it (consent.server.ts). */
async function requireEvidenceConsent(authorId: string | null) {
  if (!authorId || (await listWithdrawn("evidence", [authorId])).size > 0) {
    throw new Refusal(
      "Its author asked that their words not be used as backlog evidence, so it can't be linked.",
      403,
    );
  }
}
