import { sql } from "drizzle-orm";
import { can, type Viewer } from "~/auth/policy.server";
import { db } from "~/db.server";
import { countLinks } from "~/utils/count-links";
import { formatDateTime } from "~/utils/format";
import type { PostContent } from "./post-content.server";
import { claimPostingAllowance, type PostingAction } from "./posting-limits.server";
import { checkWatchedWords } from "./watched-word.server";

/** New members (trust level 0) may link this many times in one post. */
export const NEW_MEMBER_LINK_LIMIT = 2;
/** The same words from the same person within this many minutes are a double post, refused. */
export const DUPLICATE_WINDOW_MINUTES = 10;

export type PostingCheck =
  | { ok: true; holdReason: string | null }
  | { ok: false; message: string; status: 403 | 409 | 422 | 429 };

/**
 * Every rule a new post, thread or edit meets before it is written, cheapest first: a silenced
 * person doesn't post; a new member's links are capped; the same words twice in ten minutes are
 * refused; a blocked word refuses the post and a held one sends it to the moderators; and the
 * posting rate for the person's trust level. One query plus the rate-limit counters.
 */
export async function checkPosting(
  viewer: Viewer,
  action: PostingAction,
  content?: PostContent,
  /** A new thread's title, which watched words read too. */
  title?: string,
): Promise<PostingCheck> {
  const team = can(viewer, "use:team-posting-limits:own");
  const text = content?.bodyText ?? "";
  const checkDuplicate = action !== "edit" && text.trim().length > 0;
  const [person] = await db.execute<{
    trust_level: number;
    silenced: boolean;
    silenced_until: string | null;
    silence_reason: string | null;
    duplicate_at: string | null;
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
      } as duplicate_at
    from users u where u.id = ${viewer.id}
  `);
  if (!person) return { ok: false, message: "Your account no longer exists.", status: 403 };
  if (person.silenced) {
    const until = person.silenced_until
      ? `until ${formatDateTime(new Date(person.silenced_until))}`
      : "until a moderator lifts it";
    return {
      ok: false,
      status: 403,
      message: `A moderator has silenced you ${until}: you can read, but not post. Reason: ${person.silence_reason ?? "none given"}.`,
    };
  }
  if (content && !team && person.trust_level === 0) {
    const links = countLinks(content.body);
    if (links > NEW_MEMBER_LINK_LIMIT) {
      return {
        ok: false,
        status: 422,
        message: `New members can include at most ${NEW_MEMBER_LINK_LIMIT} links in a post, and this one has ${links >= 50 ? "50 or more" : links}. Remove some and post again; the limit lifts as you take part.`,
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
  if (content) {
    const watched = await checkWatchedWords(title ? `${title}\n${text}` : text);
    if (watched?.action === "block") {
      return {
        ok: false,
        status: 422,
        message: `Your post contains “${watched.phrase}”, which this community doesn't allow. Please rephrase it.`,
      };
    }
    if (watched?.action === "hold" && !team)
      holdReason = `Contains the watched word “${watched.phrase}”`;
  }
  const allowance = await claimPostingAllowance(viewer, action, person.trust_level);
  if (!allowance.ok) return { ok: false, status: 429, message: allowance.message };
  return { ok: true, holdReason };
}
