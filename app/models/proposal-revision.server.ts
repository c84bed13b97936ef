// A proposal's revisions: the list, and the difference between two of them.
import { and, desc, eq, inArray } from "drizzle-orm";
import { proposalRevisions, users, PROPOSAL_SECTIONS, type StoredSection } from "#db/schema";
import { db } from "~/db.server";
import { diffRevisionTexts } from "./revision-diff.server";

/** The revision list: number, who, when, which sections. Never the documents themselves. */
export async function listRevisions(threadId: string) {
  return db
    .select({
      revision: proposalRevisions.revision,
      changed: proposalRevisions.changed,
      createdAt: proposalRevisions.createdAt,
      authorName: users.displayName,
    })
    .from(proposalRevisions)
    .leftJoin(users, eq(users.id, proposalRevisions.authorId))
    .where(eq(proposalRevisions.threadId, threadId))
    .orderBy(desc(proposalRevisions.revision));
}

/**
 * What changed between two revisions, section by section, as a word diff. Each section's diff
 * is bounded (see diffRevisionTexts), and there are five sections, so the whole is bounded.
 */
export async function diffRevisions(threadId: string, from: number, to: number) {
  const rows = await db
    .select({
      revision: proposalRevisions.revision,
      title: proposalRevisions.title,
      sections: proposalRevisions.sections,
    })
    .from(proposalRevisions)
    .where(
      and(
        eq(proposalRevisions.threadId, threadId),
        inArray(proposalRevisions.revision, [from, to]),
      ),
    );
  const before = rows.find((row) => row.revision === from);
  const after = rows.find((row) => row.revision === to);
  if (!before || !after) return null;
  const text = (section: StoredSection | undefined) => section?.text ?? "";
  return {
    title: before.title === after.title ? null : diffRevisionTexts(before.title, after.title),
    sections: PROPOSAL_SECTIONS.map((key) => ({
      section: key,
      changed: text(before.sections[key]) !== text(after.sections[key]),
      parts: diffRevisionTexts(text(before.sections[key]), text(after.sections[key])),
    })),
  };
}
