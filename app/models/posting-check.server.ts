import { sql } from "drizzle-orm";
import { can, type Viewer } from "~/auth/policy.server";
import { db } from "~/db.server";
import { countLinks } from "~/utils/count-links";
import { formatDateTime } from "~/utils/format";
import type { PostContent } from "./post-content.server";
import { claimPostingAllowance, type PostingAction } from "./posting-limits.server";
import { consentWithdrawnSql } from "./consent.server";
import { checkWatchedWords } from "./watched-word.server";
import { settleMentionLabels, type MentionAudience } from "./mention.server";

/** New members (trust level 0) may link this many times in one post. */
export const NEW_MEMBER_LINK_LIMIT = 2;
/** The same words from the same person within this many minutes are a double post, refused. */
export const DUPLICATE_WINDOW_MINUTES = 10;

export type PostingStatus = 403 | 409 | 422 | 429;

export type PostingCheck =
  { ok: true; holdReason: string | null } | { ok: false; message: string; status: PostingStatus };

/**
 * What a write puts before readers, and how the check treats it. Every domain function that
 * writes words people read describes its words this way and calls `requirePostingAllowed`;
 * routes never call the check (app/routes/server-imports.test.ts keeps it so).
 */
export type WrittenWords = {
  /** The rate window it counts against; null where the path has a limit of its own (flags). */
  action: PostingAction | null;
  /** Rich text (a post, a note), read for links and watched words. */
  content?: PostContent;
  /**
   * Where the rich text goes, so that "@handle" typed as text there becomes a mention of a
   * member who may see it (mention.server.ts). Without it typed handles stay text.
   */
  mentions?: MentionAudience;
  /** Plain text (a comment, a reason, a message), read the same way. */
  text?: string;
  /** A title, which watched words read too. */
  title?: string;
  /** What the message calls it: "post", "comment", "reason"… */
  noun?: string;
  /** Compared with the person's posts of the last minutes: only writes that make a post. */
  duplicates?: boolean;
  /**
   * What a word the community holds for review does here:
   * - "hold": the caller keeps it for the moderators (it has a held state: posts, threads);
   * - "refuse": there is no held state and members read it, so it is refused with a word why;
   * - "pass": only the moderators read it (an appeal, a flag's note), who are the reviewers.
   */
  held: "hold" | "refuse" | "pass";
  /**
   * A silenced person's words to the moderators about their own notice still go through: an
   * appeal is how a silence is questioned. Everything else a silenced person writes is refused.
   */
  silence?: "refuses" | "allows";
  /**
   * Where words in the forum go (a reply's, an edit's or a proposal's thread; a new thread's
   * space): someone who said no to staff reading their posts where staff observe writes nothing
   * there.
   */
  place?: { threadId: string } | { spaceId: string };
};

/**
 * Every rule a write of words meets before it is saved, cheapest first: a silenced person doesn't
 * post; a new member's links are capped; the same words twice in ten minutes are refused; a
 * blocked word refuses the words and a held one sends them to the moderators (or, where they
 * can't wait, refuses them); and the rate for the person's trust level. One query plus the
 * rate-limit counters. The team (staff, moderators, admins) meets silence, blocked words and
 * its own rates; links and holds don't apply to it.
 */
export async function checkWritten(viewer: Viewer, words: WrittenWords): Promise<PostingCheck> {
  const team = can(viewer, "use:team-posting-limits:own");
  const noun = words.noun ?? "post";
  const text = words.content?.bodyText ?? words.text ?? "";
  const checkDuplicate = Boolean(words.duplicates) && text.trim().length > 0;
  const [person] = await db.execute<{
    trust_level: number;
    silenced: boolean;
    silenced_until: string | null;
    silence_reason: string | null;
    duplicate_at: string | null;
    observation_refused: boolean;
  }>(sql`
    select u.trust_level,
      (u.silenced_at is not null and (u.silenced_until is null or u.silenced_until > now())) as silenced,
      u.silenced_until, u.silence_reason,
      ${
        checkDuplicate
          ? sql`(select p.created_at from posts p
              where p.author_id = u.id and p.deleted_at is null
                and p.created_at > now() - make_interval(mins => ${DUPLICATE_WINDOW_MINUTES})
                and p.body_text = ${text}
              order by p.created_at desc limit 1)`
          : sql`null`
      } as duplicate_at,
      ${
        words.place
          ? sql`(${consentWithdrawnSql("observation", sql`u.id`)} and exists (
              select 1 from space_observers so where so.space_id = ${
                "spaceId" in words.place
                  ? words.place.spaceId
                  : sql`(select t.space_id from threads t where t.id = ${words.place.threadId})`
              }))`
          : sql`false`
      } as observation_refused
    from users u where u.id = ${viewer.id}
  `);
  if (!person) return { ok: false, message: "Your account no longer exists.", status: 403 };
  if (person.silenced && words.silence !== "allows") {
    const until = person.silenced_until
      ? `until ${formatDateTime(new Date(person.silenced_until))}`
      : "until a moderator lifts it";
    return {
      ok: false,
      status: 403,
      message: `A moderator has silenced you ${until}: you can read, but not post. Reason: ${person.silence_reason ?? "none given"}.`,
    };
  }
  if (person.observation_refused) {
    return {
      ok: false,
      status: 403,
      message:
        "Staff observe this space, and you said no to staff reading your posts where they observe. To post here, agree again on your My data page.",
    };
  }
  if (!team && person.trust_level === 0 && (words.content || words.text)) {
    const links = countLinks(words.content?.body ?? { type: "text", text });
    if (links > NEW_MEMBER_LINK_LIMIT) {
      return {
        ok: false,
        status: 422,
        message: `New members can include at most ${NEW_MEMBER_LINK_LIMIT} links in a ${noun}, and this one has ${links >= 50 ? "50 or more" : links}. Remove some and try again; the limit lifts as you take part.`,
      };
    }
  }
  if (person.duplicate_at) {
    return {
      ok: false,
      status: 409,
      message: `You posted exactly this less than ${DUPLICATE_WINDOW_MINUTES} minutes ago. If it should go somewhere else too, say something different there.`,
    };
  }
  let holdReason: string | null = null;
  const read = [words.title, text].filter(Boolean).join("\n");
  if (read) {
    const watched = await checkWatchedWords(read);
    if (watched?.action === "block") {
      return {
        ok: false,
        status: 422,
        message: `Your ${noun} contains “${watched.phrase}”, which this community doesn't allow. Please rephrase it.`,
      };
    }
    if (watched?.action === "hold" && !team && words.held === "hold") {
      holdReason = `Contains the watched word “${watched.phrase}”`;
    }
    if (watched?.action === "hold" && !team && words.held === "refuse") {
      return {
        ok: false,
        status: 422,
        message: `Your ${noun} contains “${watched.phrase}”, a word this community holds for a moderator's review, and a ${noun} can't wait for one. Please rephrase it, or ask a moderator.`,
      };
    }
  }
  if (words.action) {
    const allowance = await claimPostingAllowance(viewer, words.action, person.trust_level);
    if (!allowance.ok) return { ok: false, status: 429, message: allowance.message };
  }
  return { ok: true, holdReason };
}

/**
 * The check for a post, a new thread or an edit: a held word holds it, and a new post is
 * compared with the person's recent ones.
 */
export async function checkPosting(
  viewer: Viewer,
  action: PostingAction,
  content?: PostContent,
  /** A new thread's title, which watched words read too. */
  title?: string,
): Promise<PostingCheck> {
  return checkWritten(viewer, {
    action,
    content,
    title,
    duplicates: action !== "edit",
    held: "hold",
  });
}

/**
 * The check as domain functions run it, before they write: throws the refusal (in the model's
 * own error, through `refuse`) or answers the reason to hold the words, if they are to be held.
 */
export async function requirePostingAllowed(
  viewer: Viewer,
  words: WrittenWords,
  refuse: (refusal: { message: string; status: PostingStatus }) => Error,
): Promise<string | null> {
  const check = await checkWritten(viewer, words);
  if (!check.ok) throw refuse(check);
  if (words.content) await settleMentionLabels(viewer, words.content, words.mentions);
  return check.holdReason;
}
