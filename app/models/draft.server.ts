import { and, desc, eq, sql } from "drizzle-orm";
import { drafts, spaces, threads, type ThreadKind } from "#db/schema";
import { can, type Viewer } from "~/auth/policy.server";
import { db, type Transaction } from "~/db.server";
import {
  EMPTY_DOCUMENT,
  parseRichTextInput,
  plainTextOf,
  type RichTextDoc,
} from "~/editor/content.server";
import { Refusal } from "./refusal.server";
import { spaceVisibleTo, threadVisibleTo } from "./space-access.server";

/** Where a draft will be posted: a reply in a thread, or a new thread in a space. */
export type DraftPlace = { kind: "reply"; threadId: string } | { kind: "thread"; spaceId: string };

/** Unposted drafts one person may keep at once; each is a post's worth at most. */
export const MAX_DRAFTS = 200;
/** A draft's title is bounded like a thread's (ThreadTitleSchema). */
const MAX_TITLE = 200;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads "reply:<thread id>" or "thread:<space id>", as forms send it; null for anything else. */
export function parseDraftPlace(value: unknown): DraftPlace | null {
  if (typeof value !== "string" || value.length > 60) return null;
  const [kind, id] = value.split(":");
  if (!id || !UUID.test(id)) return null;
  if (kind === "reply") return { kind, threadId: id.toLowerCase() };
  if (kind === "thread") return { kind, spaceId: id.toLowerCase() };
  return null;
}

export function draftPlaceKey(place: DraftPlace): string {
  return place.kind === "reply" ? `reply:${place.threadId}` : `thread:${place.spaceId}`;
}

function requireDraftsAllowed(viewer: Viewer) {
  if (!can(viewer, "write:draft:own")) throw new Refusal("Sign in to keep drafts.", 403);
}

/**
 * Whether the viewer may still post at the draft's place, as SQL over `drafts`: a reply needs the
 * thread visible to them and unlocked, a new thread its space visible. A draft that fails this is
 * neither shown nor listed (it comes back if access does).
 */
function draftPlaceOpenTo(viewer: Viewer) {
  return sql`(
    (${drafts.threadId} is not null and exists (
      select 1 from ${threads} join ${spaces} on ${spaces.id} = ${threads.spaceId}
      where ${threads.id} = ${drafts.threadId} and ${threads.lockedAt} is null
        and ${threadVisibleTo(viewer)}))
    or (${drafts.spaceId} is not null and exists (
      select 1 from ${spaces} where ${spaces.id} = ${drafts.spaceId} and ${spaceVisibleTo(viewer)}))
  )`;
}

/** Whether the viewer may post at this place now (the same rule, for a draft not yet saved). */
async function placeOpenTo(viewer: Viewer, place: DraftPlace): Promise<boolean> {
  const [row] =
    place.kind === "reply"
      ? await db
          .select({ id: threads.id })
          .from(threads)
          .innerJoin(spaces, eq(spaces.id, threads.spaceId))
          .where(
            and(
              eq(threads.id, place.threadId),
              sql`${threads.lockedAt} is null`,
              threadVisibleTo(viewer),
            ),
          )
      : await db
          .select({ id: spaces.id })
          .from(spaces)
          .where(and(eq(spaces.id, place.spaceId), spaceVisibleTo(viewer)));
  return Boolean(row);
}

export type DraftInput = {
  place: DraftPlace;
  title?: string;
  threadKind?: ThreadKind;
  /** The editor's JSON when it ran, else the textarea's text, as the posting forms send them. */
  bodyJson?: string;
  body?: string;
};

/**
 * Keeps what the viewer is writing at a place, replacing their earlier draft there. The body is
 * validated and bounded like a post's (the same parser, limits and messages); a draft with
 * neither words nor a title is discarded instead. Nobody but its writer ever reads it, so no
 * posting check runs until it is posted.
 */
export async function saveDraft(
  viewer: Viewer,
  input: DraftInput,
): Promise<{ saved: boolean; updatedAt: Date | null }> {
  requireDraftsAllowed(viewer);
  const title = (input.title ?? "").trim();
  if (title.length > MAX_TITLE) {
    throw new Refusal(`Use at most ${MAX_TITLE} characters for the title.`, 400, "title");
  }
  const parsed = parseRichTextInput(input.bodyJson, input.body);
  const empty = !parsed.ok && parsed.message === EMPTY_DOCUMENT;
  if (!parsed.ok && !empty) throw new Refusal(parsed.message, 400, "body");
  if (empty && title === "") {
    await discardDraftAt(viewer, input.place);
    return { saved: false, updatedAt: null };
  }
  if (!(await placeOpenTo(viewer, input.place))) {
    throw new Refusal(
      "You can't post there any more, so there is nothing to keep a draft for.",
      404,
    );
  }
  const body: RichTextDoc = parsed.ok ? parsed.doc : { type: "doc", content: [] };
  const place = draftPlaceKey(input.place);
  const now = new Date();
  const values = {
    title: title || null,
    threadKind: input.place.kind === "thread" ? (input.threadKind ?? null) : null,
    body,
    updatedAt: now,
  };
  // The cap is checked in the statement that inserts, so drafts saved at once can't pass it.
  const [saved] = await db
    .insert(drafts)
    .select(
      sql`select gen_random_uuid(), ${viewer.id}::uuid, ${place},
        ${input.place.kind === "reply" ? input.place.threadId : null}::uuid,
        ${input.place.kind === "thread" ? input.place.spaceId : null}::uuid,
        ${values.threadKind}::thread_kind, ${values.title}, ${JSON.stringify(body)}::jsonb, ${now.toISOString()}::timestamptz
        where (select count(*) from ${drafts} where ${drafts.userId} = ${viewer.id}::uuid
          and ${drafts.place} <> ${place}) < ${MAX_DRAFTS}`,
    )
    .onConflictDoUpdate({ target: [drafts.userId, drafts.place], set: values })
    .returning({ updatedAt: drafts.updatedAt });
  if (!saved) {
    throw new Refusal(
      `You have ${MAX_DRAFTS} unposted drafts. Post or discard some (under Drafts) to keep this one.`,
      409,
    );
  }
  return { saved: true, updatedAt: saved.updatedAt };
}

/** Discards the viewer's own draft at a place (someone else's can't be named). */
export async function discardDraftAt(viewer: Viewer, place: DraftPlace) {
  requireDraftsAllowed(viewer);
  await db
    .delete(drafts)
    .where(and(eq(drafts.userId, viewer.id), eq(drafts.place, draftPlaceKey(place))));
}

/** Posting is the end of a draft: called inside the transaction that writes the post. */
export async function clearDraftIn(tx: Transaction, userId: string, place: DraftPlace) {
  await tx
    .delete(drafts)
    .where(and(eq(drafts.userId, userId), eq(drafts.place, draftPlaceKey(place))));
}

/** The viewer's own draft at a place, if they may still post there, as SQL over `drafts`. */
export function draftAt(viewer: Viewer, place: DraftPlace) {
  return and(
    eq(drafts.userId, viewer.id),
    eq(drafts.place, draftPlaceKey(place)),
    draftPlaceOpenTo(viewer),
  )!;
}

/** The viewer's draft at a place for its form to start from, if they may still post there. */
export async function getDraft(viewer: Viewer, place: DraftPlace) {
  if (!can(viewer, "write:draft:own")) return null;
  const [row] = await db
    .select({
      title: drafts.title,
      threadKind: drafts.threadKind,
      body: drafts.body,
      updatedAt: drafts.updatedAt,
    })
    .from(drafts)
    .where(draftAt(viewer, place));
  return row ? { ...row, body: row.body as RichTextDoc } : null;
}

/** How much of a draft the list shows. */
const EXCERPT = 160;

/**
 * The viewer's drafts, newest first, where they may still post, with where each goes; bounded
 * by `MAX_DRAFTS`, which a person can't exceed.
 */
export async function listDrafts(viewer: Viewer) {
  if (!can(viewer, "write:draft:own")) return [];
  const rows = await db
    .select({
      place: drafts.place,
      title: drafts.title,
      threadKind: drafts.threadKind,
      body: drafts.body,
      updatedAt: drafts.updatedAt,
      thread: sql<{
        id: string;
        title: string;
      } | null>`(select json_build_object('id', t.id, 'title', t.title) from threads t where t.id = ${drafts.threadId})`,
      space: sql<{
        slug: string;
        name: string;
      }>`(select json_build_object('slug', s.slug, 'name', s.name) from spaces s
        where s.id = coalesce(${drafts.spaceId}, (select t.space_id from threads t where t.id = ${drafts.threadId})))`,
    })
    .from(drafts)
    .where(and(eq(drafts.userId, viewer.id), draftPlaceOpenTo(viewer)))
    .orderBy(desc(drafts.updatedAt))
    .limit(MAX_DRAFTS);
  return rows.map(({ body, ...row }) => {
    const text = plainTextOf(body as RichTextDoc)
      .replace(/\s+/g, " ")
      .trim();
    return {
      ...row,
      excerpt: text.length > EXCERPT ? `${text.slice(0, EXCERPT - 1)}…` : text,
    };
  });
}
