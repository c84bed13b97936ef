import { randomUUID } from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { rolesWith } from "~/auth/policy.server";
import { reviewKeyOf } from "~/models/content-moderation.server";
import { readPostContent } from "~/models/post-content.server";
import { diffRevisionTexts } from "~/models/revision-diff.server";
import { formatDateTime } from "~/utils/format";
import { flagReasonLabels } from "~/utils/labels";
import {
  HELPFUL_REACTION_KINDS,
  RECENT_MODERATION_DAYS,
  TRUST_LEVEL_RULES,
  type TrustLevel,
} from "~/utils/trust-levels";
import {
  buildWatchedWordMatcher,
  normalizePhrase,
  type WatchedWordAction,
} from "~/utils/watched-words";
import type * as schema from "../schema";
import {
  auditEvents,
  flags,
  moderationNotices,
  moderationReviews,
  noticeMessages,
  notifications,
  passwordHashes,
  postRevisions,
  posts,
  threads,
  users,
  userVisitDays,
  watchedWords,
  type ContentModeration,
  type FlagReason,
  type NotificationKind,
} from "../schema";
import type { DemoPerson } from "./forums";
import type { seededRandom } from "./random";
import { parseMarkup, type ScriptPerson } from "./script";
import { DAY_MS, HOUR_MS } from "./timeline";

type Db = Pick<PostgresJsDatabase<typeof schema>, "insert" | "execute">;
type Random = ReturnType<typeof seededRandom>;

const MINUTE_MS = 60_000;

/**
 * The watched-words list as the moderators built it up: the admin blocked the obvious scams
 * before the community opened, the moderator added phrases to hold as they turned up.
 */
const WATCHED_WORDS: Array<{
  phrase: string;
  action: WatchedWordAction;
  by: "admin" | "theo";
  /** Days after the community opened (negative: before). */
  day: number;
}> = [
  { phrase: "guaranteed returns", action: "block", by: "admin", day: -2 },
  { phrase: "crypto giveaway", action: "block", by: "admin", day: -2 },
  { phrase: "double your bitcoin", action: "block", by: "theo", day: 5 },
  { phrase: "investment opportunity", action: "hold", by: "theo", day: 5 },
  { phrase: "Telegram group", action: "hold", by: "theo", day: 120 },
  { phrase: "WhatsApp me", action: "hold", by: "theo", day: 135 },
  { phrase: "referral code", action: "hold", by: "theo", day: 159 },
  // A competitor's referral code, pasted into three threads in one week.
  { phrase: "TASKPILOT20", action: "hold", by: "theo", day: 159 },
];

/** What the member-facing texts say; `{me}` is the author, `{victim}` the other account's member. */
const TEXTS = {
  // The people who flagged these, the moderator's reasons and the appeals are with the steps below.
  sharedIncident: `
    We're about to start the same move at {me.company}. For what it's worth, {victim.company}'s
    rollout last year went badly: their identity provider pushed a bad SCIM sync and about 300 of
    their people were locked out for most of a morning. Their operations lead told me the whole
    story over dinner; ask them how they recovered.
  `,
  onboardingPitch: `
    Great thread. If anyone would rather have this done for them: I run Quillmere, a small
    consultancy, alongside my job at {me.company}. We redesign onboarding in two weeks for a fixed
    fee. Message me and I'll send over a proposal and a couple of references.
  `,
  handoverPitch: `
    Handovers like this are exactly what Quillmere does alongside my day job at {me.company}: a
    fixed-fee audit of your setup, with a written runbook at the end. Send me a message for a quote
    before your admin leaves.
  `,
  slaQuestion: `
    Our SLA clock keeps running over public holidays, so every Easter and Christmas we breach a
    dozen targets nobody could have met. We work in five countries with different holidays.

    How do others handle this: a calendar per team, or pausing the clock by hand?
  `,
  slaPointer: `
    There's a proposal for exactly this in this space: "Working-day calendars for schedules and
    SLAs". It covers a calendar per team and public holidays; your five-country case would be a
    useful one to add there.
  `,
  slaThanks: `
    Thanks, that's the one. I'll add our five countries there.
  `,
  leakedToken: `
    We solved the retries with a small wrapper. Our config, in case it saves someone an afternoon:

    - base_url: https://api.vanguard.test/v2
    - token: vgd_live_7Qm2x9KfR4tLpW8sZ3nB
    - max_concurrency: 12
    - retry: respect Retry-After, jitter of 0 to 2 seconds, give up after 5 attempts
  `,
  tokenlessRepost: `
    Reposting the settings without the token this time:

    - at most 12 requests in parallel
    - respect Retry-After, with 0 to 2 seconds of random jitter
    - give up after 5 attempts and let the next night's run pick up from the stored cursor
  `,
  seatSpreadsheet: `
    We do a lighter version of the 60-day rule above: anyone with no edits in 90 days gets an email
    asking whether they still need a full seat, and silence means yes. About a fifth say no.
    Here's our seat review spreadsheet if you want a template:
    https://docs.example.com/spreadsheets/d/1xQv8aTz/edit (it has our real user list, so please
    don't pass it on).
  `,
  personalRemark: `
    If you'd read the thread properly you'd see nobody suggested downgrading anyone without
    warning. Some of us have actual renewals to run instead of inventing edge cases.
  `,
  vendorPlug: `
    We automated exactly this with IdentityBridge, a SCIM connector that fixes mismatched domains
    before they sync. They're offering community members a free 30-day pilot this month: book a
    demo at identitybridge.example.com/vanguard and mention this thread.
  `,
  heated: `
    With respect, this is the third thread about sync limits this year, and the answer is always to
    batch our requests. Whoever set a 50-request concurrency limit has clearly never had to sync
    400,000 items before a 7am report. I'm done being polite about this.
  `,
  otherCustomersPrice: `
    For comparison, {victim.company} pays €38 per full seat since their renewal; I saw their order
    form when we shared a consultant last year. Worth asking your account manager why you pay more.
  `,
  jobAdvert: `
    Slightly off-topic, but with so many operations people here: we're hiring a senior operations
    analyst at {me.company}, remote-friendly within Europe. Happy to pass on the details to anyone
    interested.
  `,
  survey: `
    Could everyone who answered here fill in a five-minute survey on weekly operations metrics? It's
    for my MBA dissertation, and I'll share the results in this thread:
    https://forms.example.com/ops-metrics-survey
  `,
  publicDashboard: `
    Here's our live weekly dashboard if it helps anyone picture it:
    https://dash.example.com/share/k7f3q (no login needed). We track six numbers and cut two of them
    last quarter.
  `,
  webinar: `
    We're running a free webinar on admin handovers next Thursday, with a checklist template for
    everyone who joins. Register at handover-webinar.example.com; seats are limited, so sign up
    early!
  `,
  tickets: `
    Our team can't make it to SaaStr Europe next month and we have two full conference passes.
    Happy to pass them on at what we paid, or for less to someone from a smaller company. Reply here
    if you're interested.
  `,
  referral: `
    We moved our onboarding checklists into TaskPilot while we waited for templates here, and it did
    the job. If you want to try it, their referral code TASKPILOT20 gives you three months free.
  `,
  meetup: `
    A few of us from customers in Portugal and Spain are meeting for dinner in Lisbon on 12 June.
    If you're around and want to join, WhatsApp me and I'll add you to the group.
  `,
} as const;

/** A post as the steps below know it. */
type SeededPost = {
  id: string;
  position: number;
  threadId: string;
  threadTitle: string;
  authorId: string;
  createdAt: number;
  markup: string;
  bodyText: string;
  state: ContentModeration | null;
};

type ThreadState = {
  id: string;
  title: string;
  spaceId: string;
  lastPosition: number;
  lastPostAt: number;
};

type Review = {
  id: string;
  key: string;
  type: "post" | "thread" | "user";
  postId: string | null;
  threadId: string | null;
  subjectUserId: string | null;
  pending: boolean;
};

/**
 * Moderation as the community has lived it (issue 11): a watched-words list, a queue of about a
 * dozen reviews waiting for a moderator (flagged replies, a flagged thread and profile, posts held
 * by a watched word or by members' flags), and the history behind it: posts hidden and removed
 * with reasons, a moderator's edit, a moved thread, dismissed flags, one member silenced for a
 * while, notices to the authors, an open appeal and an answered one. Every step writes what the
 * app's own code writes for it (reviews, flags, audit events, notices and their notifications),
 * dated in the past.
 *
 * Then the days each person visited, from what they did plus their habits, and the trust levels
 * the hourly job computes from all of it, so its next run changes nothing.
 *
 * The demo logins (Inès and Sam) take no part: nothing of theirs is flagged or moderated, nobody
 * flags with their accounts, and none of the new posts notifies them.
 */
export async function seedDemoModeration(
  tx: Db,
  people: DemoPerson[],
  random: Random,
  clock: { now: number },
): Promise<void> {
  const now = clock.now;
  const hoursAgo = (hours: number) => now - hours * HOUR_MS;
  const iso = (ms: number) => new Date(ms).toISOString();
  const named = (handle: string) => {
    const person = people.find((p) => p.handle === handle);
    if (!person) throw new Error(`Moderation: no demo person ${handle}`);
    return person;
  };
  const theo = named("theo");
  const demoLogins = new Set([named("ines").id, named("sam").id]);
  const byId = new Map(people.map((person) => [person.id, person]));

  const [opened] = await tx.execute<{ at: string }>(sql`select min(created_at) as at from threads`);
  const openedAt = new Date(opened.at).getTime();

  // --- Who takes part --------------------------------------------------------------------------
  // Authors of what gets flagged are members who say little; flaggers are members who read a
  // lot. Neither is ever one of the demo logins.
  const stats = await tx.execute<{ id: string; replies: number; reads: number }>(sql`
    select u.id,
      (select count(*) from posts p where p.author_id = u.id and p.position > 1)::int as replies,
      coalesce((select sum(r.last_read_position) from thread_reads r where r.user_id = u.id), 0)::int
        as reads
    from users u where u.role = 'member'`);
  const statOf = new Map(stats.map((row) => [row.id, row]));
  const shuffle = <T>(items: T[]) => {
    for (let i = items.length - 1; i > 0; i--) {
      const j = random.int(0, i);
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  };
  const members = people
    .filter((p) => p.role === "member" && !demoLogins.has(p.id))
    .sort((a, b) => a.handle.localeCompare(b.handle));
  const quiet = shuffle(
    members.filter(
      (p) => statOf.get(p.id)!.replies <= 2 && p.joinedAt.getTime() < now - 45 * DAY_MS,
    ),
  );
  const readers = shuffle(
    members.filter(
      (p) => statOf.get(p.id)!.reads >= 60 && p.joinedAt.getTime() < now - 40 * DAY_MS,
    ),
  );
  const authors = new Set<string>();
  const author = (where: string, fits: (p: DemoPerson) => boolean = () => true) => {
    const person = quiet.find((p) => !authors.has(p.id) && fits(p));
    if (!person) throw new Error(`Moderation: nobody left to write ${where}`);
    authors.add(person.id);
    return person;
  };
  /** Flaggers for one target: readers, never its author, each once. */
  const flaggers = (count: number, not: DemoPerson[]) => {
    const exclude = new Set(not.map((p) => p.id));
    const chosen = readers.filter((p) => !authors.has(p.id) && !exclude.has(p.id));
    if (chosen.length < count) throw new Error("Moderation: not enough flaggers");
    const start = random.int(0, chosen.length - count);
    return chosen.slice(start, start + count);
  };
  /** A reader from a larger account (not the author's): the customer a post talks about. */
  const victimFor = (authorOf: DemoPerson, not: DemoPerson[] = []) => {
    const victim = readers.find(
      (p) =>
        !authors.has(p.id) &&
        p.accountRank !== null &&
        p.accountRank >= 2 &&
        p.accountRank <= 10 &&
        p.accountId !== authorOf.accountId &&
        !not.some((other) => other.accountId === p.accountId),
    );
    if (!victim) throw new Error("Moderation: no member of a larger account to flag it");
    return victim;
  };

  // --- Threads ---------------------------------------------------------------------------------
  const spaces = await tx.execute<{ id: string; slug: string; name: string; visibility: string }>(
    sql`select id, slug, name, visibility::text from spaces`,
  );
  const spaceBySlug = new Map(spaces.map((space) => [space.slug, space]));
  const spaceById = new Map(spaces.map((space) => [space.id, space]));
  const threadStates = new Map<string, ThreadState>();
  const loadThread = async (titleStart: string): Promise<ThreadState> => {
    const rows = await tx.execute<{
      id: string;
      title: string;
      space_id: string;
      last_position: number;
      last_post_at: string;
    }>(sql`
      select t.id, t.title, t.space_id, t.last_position,
        (select max(p.created_at) from posts p where p.thread_id = t.id) as last_post_at
      from threads t where t.title like ${`${titleStart}%`}`);
    if (rows.length !== 1) throw new Error(`Moderation: no one thread starts "${titleStart}"`);
    const [row] = rows;
    if (spaceById.get(row.space_id)?.visibility !== "members")
      throw new Error(`Moderation: "${row.title}" is not in a space every member sees`);
    const state = {
      id: row.id,
      title: row.title,
      spaceId: row.space_id,
      lastPosition: row.last_position,
      lastPostAt: new Date(row.last_post_at).getTime(),
    };
    threadStates.set(state.id, state);
    return state;
  };

  // --- Writing posts as the app writes them ------------------------------------------------------
  const postNotificationIds: string[] = [];
  const render = (markup: string, me: DemoPerson, victim?: DemoPerson) => {
    const asScript = (person: DemoPerson): ScriptPerson => ({
      id: person.id,
      handle: person.handle,
      displayName: person.displayName,
      accountName: person.accountName,
    });
    const { doc } = parseMarkup(markup, (part) => {
      if (part === "me") return asScript(me);
      if (part === "victim" && victim) return asScript(victim);
      throw new Error(`Moderation: unknown part {${part}}`);
    });
    const content = readPostContent(JSON.stringify(doc), undefined);
    if (!content.ok) throw new Error(`Moderation: ${content.message}`);
    return content.content;
  };

  /**
   * Someone's post at the end of a thread (or a new thread's first post). As createReply and
   * createThread do: the revision, the thread's counters, the author's read marker and watch (a
   * new thread). Readers who came back after it read up to it (the page marks the whole page read,
   * markers included). A post visible when written tells the people notifyAboutNewPost tells.
   */
  const writePost = async (input: {
    thread: ThreadState;
    by: DemoPerson;
    at: number;
    markup: string;
    victim?: DemoPerson;
    replyTo?: { id: string; authorId: string } | null;
    title?: string;
    /** Held as it was written: nobody hears of it. */
    held?: boolean;
  }): Promise<SeededPost> => {
    const { thread, by, at } = input;
    const opening = input.title !== undefined;
    if (!opening && at <= thread.lastPostAt)
      throw new Error(`Moderation: a reply in "${thread.title}" before its last post`);
    if (at < by.joinedAt.getTime() || at > now)
      throw new Error(`Moderation: ${by.handle} writes before joining, or in the future`);
    const content = render(input.markup, by, input.victim);
    const position = opening ? 1 : thread.lastPosition + 1;
    const [post] = await tx
      .insert(posts)
      .values({
        threadId: thread.id,
        authorId: by.id,
        position,
        replyToPostId: input.replyTo?.id ?? null,
        body: content.body,
        bodyHtml: content.bodyHtml,
        bodyText: content.bodyText,
        searchTitle: opening ? input.title : null,
        createdAt: new Date(at),
      })
      .returning({ id: posts.id });
    await tx.insert(postRevisions).values({
      postId: post.id,
      revision: 1,
      title: opening ? input.title : null,
      body: content.body,
      bodyText: content.bodyText,
      editorId: by.id,
      createdAt: new Date(at),
    });
    if (!opening) {
      await tx.execute(sql`
        update threads set last_position = ${position}, reply_count = reply_count + 1,
          last_activity_at = ${iso(at)}::timestamptz
        where id = ${thread.id}`);
      await tx.execute(sql`
        update thread_reads set last_read_position = ${position}
        where thread_id = ${thread.id} and updated_at >= ${iso(at)}::timestamptz
          and last_read_position < ${position}`);
    } else {
      await tx.execute(sql`
        insert into thread_watches (user_id, thread_id, created_at)
        values (${by.id}, ${thread.id}, ${iso(at)}::timestamptz)`);
    }
    await tx.execute(sql`
      insert into thread_reads (user_id, thread_id, last_read_position, updated_at)
      values (${by.id}, ${thread.id}, ${position}, ${iso(at)}::timestamptz)
      on conflict (user_id, thread_id) do update set
        last_read_position = greatest(thread_reads.last_read_position, excluded.last_read_position),
        updated_at = greatest(thread_reads.updated_at, excluded.updated_at)`);
    thread.lastPosition = position;
    thread.lastPostAt = at;

    if (!input.held) {
      // One notification per person, by the strongest reason, for people who could see it then.
      const digestAt = nextDigest(at);
      const created = await tx.execute<{ id: string; user_id: string }>(sql`
        with candidates(user_id, kind, strength) as (
          select ${input.replyTo?.authorId ?? null}::uuid, 'reply', 2
          union all
          select w.user_id, 'watched_thread', 3 from thread_watches w
            where w.thread_id = ${thread.id} and w.created_at <= ${iso(at)}::timestamptz
          union all
          select sw.user_id, 'watched_space', 4 from space_watches sw
            where ${opening} and sw.space_id = ${thread.spaceId}
              and sw.created_at <= ${iso(at)}::timestamptz
        ),
        strongest as (
          select distinct on (user_id) user_id, kind from candidates
          where user_id is not null and user_id <> ${by.id}
          order by user_id, strength
        )
        insert into notifications (user_id, kind, thread_id, post_id, actor_id, created_at, emailed_at)
        select s.user_id, s.kind::notification_kind, ${thread.id}, ${post.id}, ${by.id},
          ${iso(at)}::timestamptz,
          case when s.kind = 'reply' then ${iso(at + 2 * MINUTE_MS)}::timestamptz
            else ${digestAt === null ? null : iso(digestAt)}::timestamptz end
        from strongest s join users u on u.id = s.user_id
        where u.status = 'active' and u.created_at <= ${iso(at)}::timestamptz
        returning id, user_id`);
      if (created.some((row) => demoLogins.has(row.user_id)))
        throw new Error(`Moderation: a post in "${thread.title}" would notify a demo login`);
      postNotificationIds.push(...created.map((row) => row.id));
    }
    return {
      id: post.id,
      position,
      threadId: thread.id,
      threadTitle: input.title ?? thread.title,
      authorId: by.id,
      createdAt: at,
      markup: input.markup,
      bodyText: content.bodyText,
      state: null,
    };
  };
  const nextDigest = (at: number) => {
    const day = new Date(at);
    day.setUTCHours(7, 0, 0, 0);
    const digest = day.getTime() > at ? day.getTime() : day.getTime() + DAY_MS;
    return digest <= now ? digest : null;
  };

  /** A new thread, as createThread opens it, in a space every member sees. */
  const writeThread = async (input: {
    space: string;
    by: DemoPerson;
    at: number;
    title: string;
    markup: string;
    held?: boolean;
  }) => {
    const space = spaceBySlug.get(input.space);
    if (!space || space.visibility !== "members")
      throw new Error(`Moderation: no members' space ${input.space}`);
    const id = randomUUID();
    await tx.insert(threads).values({
      id,
      spaceId: space.id,
      authorId: input.by.id,
      kind: "discussion",
      title: input.title,
      createdAt: new Date(input.at),
      lastActivityAt: new Date(input.at),
    });
    const thread: ThreadState = {
      id,
      title: input.title,
      spaceId: space.id,
      lastPosition: 0,
      lastPostAt: input.at,
    };
    threadStates.set(id, thread);
    const post = await writePost({ ...input, thread, title: input.title });
    return { thread, post };
  };

  // --- The moderation steps, as the app's models write them ------------------------------------
  const audit = (entry: {
    actorId: string | null;
    action: string;
    targetType: string;
    targetId: string;
    details?: Record<string, unknown>;
    at: number;
  }) =>
    tx.insert(auditEvents).values({
      actorId: entry.actorId,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      details: entry.details ?? {},
      createdAt: new Date(entry.at),
    });

  const reviews = new Map<string, Review>();
  const reviewFor = (post: SeededPost): Omit<Review, "id" | "pending"> => ({
    key: reviewKeyOf({ position: post.position, threadId: post.threadId, postId: post.id }),
    type: post.position === 1 ? "thread" : "post",
    postId: post.id,
    threadId: post.threadId,
    subjectUserId: post.authorId,
  });
  /** The target's pending review, opened (by a flag or a hold) at `at` if there is none. */
  const openReview = async (target: Omit<Review, "id" | "pending">, at: number, held?: string) => {
    const known = reviews.get(target.key);
    if (known?.pending) {
      await tx.execute(sql`
        update moderation_reviews set last_activity_at = ${iso(at)}::timestamptz
          ${held ? sql`, held_reason = ${held}` : sql``}
        where id = ${known.id}`);
      return known;
    }
    const [row] = await tx
      .insert(moderationReviews)
      .values({
        targetKey: target.key,
        targetType: target.type,
        postId: target.postId,
        threadId: target.threadId,
        subjectUserId: target.subjectUserId,
        heldReason: held ?? null,
        createdAt: new Date(at),
        lastActivityAt: new Date(at),
      })
      .returning({ id: moderationReviews.id });
    const review = { ...target, id: row.id, pending: true };
    reviews.set(target.key, review);
    return review;
  };

  /** flagContent: the flag on the target's review, and its line in the log. */
  const flag = async (
    target: Omit<Review, "id" | "pending">,
    by: DemoPerson,
    at: number,
    reason: FlagReason,
    note?: string,
  ) => {
    if (at > now || at < by.joinedAt.getTime())
      throw new Error(`Moderation: ${by.handle} flags before joining, or in the future`);
    const review = await openReview(target, at);
    await tx.insert(flags).values({
      reviewId: review.id,
      flaggerId: by.id,
      reason,
      note: note ?? null,
      createdAt: new Date(at),
    });
    await audit({
      actorId: by.id,
      action: "flag.created",
      targetType: target.type,
      targetId:
        target.type === "user"
          ? target.subjectUserId!
          : target.type === "thread"
            ? target.threadId!
            : target.postId!,
      details: note
        ? { reason: note, flag: flagReasonLabels[reason] }
        : { flag: flagReasonLabels[reason] },
      at,
    });
    return review;
  };

  const setState = async (
    post: SeededPost,
    state: ContentModeration,
    reason: string,
    at: number,
  ) => {
    await tx.execute(sql`
      update posts set moderation = ${state}, moderation_reason = ${reason},
        moderated_at = ${iso(at)}::timestamptz
      where id = ${post.id}`);
    if (post.position === 1)
      await tx.execute(sql`update threads set moderation = ${state} where id = ${post.threadId}`);
    post.state = state;
  };

  /** holdContent: hidden from everyone but its author and the moderators, until one decides. */
  const hold = async (post: SeededPost, reason: string, at: number) => {
    await setState(post, "held", reason, at);
    await openReview(reviewFor(post), at, reason);
    const kind = post.position === 1 ? "thread" : "post";
    await audit({
      actorId: null,
      action: `${kind}.held`,
      targetType: kind,
      targetId: kind === "thread" ? post.threadId : post.id,
      details: { reason, authorId: post.authorId, automatic: true },
      at,
    });
  };

  const resolve = async (
    key: string,
    by: DemoPerson,
    at: number,
    resolution: string,
    upheld: boolean,
  ) => {
    const review = reviews.get(key);
    if (!review?.pending) return;
    await tx.execute(sql`
      update moderation_reviews set status = 'resolved', resolved_at = ${iso(at)}::timestamptz,
        resolved_by_id = ${by.id}, resolution = ${resolution}
      where id = ${review.id}`);
    await tx.execute(sql`
      update flags set status = ${upheld ? "upheld" : "dismissed"}
      where review_id = ${review.id} and status = 'open'`);
    review.pending = false;
  };

  /**
   * recordNotice and sendNotice: what was done and why, and the notification that tells them at
   * once (emailed a minute or two later). Read some hours later, unless `readAfter` is null.
   */
  const notice = async (input: {
    userId: string;
    actorId: string | null;
    action: "hidden" | "removed" | "edited" | "moved" | "held" | "silenced";
    reason: string;
    subject: string;
    postId?: string | null;
    threadId?: string | null;
    at: number;
    readAfterHours: number | null;
  }) => {
    const [row] = await tx
      .insert(moderationNotices)
      .values({
        userId: input.userId,
        actorId: input.actorId,
        action: input.action,
        reason: input.reason,
        subject: input.subject.slice(0, 300),
        postId: input.postId ?? null,
        threadId: input.threadId ?? null,
        createdAt: new Date(input.at),
      })
      .returning({ id: moderationNotices.id });
    await tell(
      input.userId,
      "moderation_notice",
      row.id,
      input.actorId,
      input.at,
      input.readAfterHours,
    );
    return row.id;
  };
  const tell = async (
    userId: string,
    kind: Extract<NotificationKind, "moderation_notice" | "appeal_reply">,
    noticeId: string,
    actorId: string | null,
    at: number,
    readAfterHours: number | null,
  ) => {
    const readAt = readAfterHours === null ? null : at + readAfterHours * HOUR_MS;
    if (readAt !== null && readAt > now) throw new Error("Moderation: a notice read in the future");
    await tx.insert(notifications).values({
      userId,
      kind,
      noticeId,
      actorId,
      createdAt: new Date(at),
      emailedAt: new Date(Math.min(at + 2 * MINUTE_MS, now)),
      readAt: readAt === null ? null : new Date(readAt),
    });
  };
  const describe = (post: SeededPost) =>
    post.position === 1
      ? `your thread “${post.threadTitle}”`
      : `your reply in “${post.threadTitle}”`;

  /** moderateContent: hide or remove, with the reason the author reads. */
  const moderate = async (
    post: SeededPost,
    action: "hide" | "remove",
    by: DemoPerson,
    at: number,
    reason: string,
    readAfterHours: number | null,
  ) => {
    const from = post.state ?? "visible";
    const state = action === "hide" ? "hidden" : "removed";
    await setState(post, state, reason, at);
    const kind = post.position === 1 ? "thread" : "post";
    await resolve(
      reviewFor(post).key,
      by,
      at,
      action === "hide" ? "Hidden by a moderator" : "Removed by a moderator",
      true,
    );
    await audit({
      actorId: by.id,
      action: `${kind}.${state}`,
      targetType: kind,
      targetId: kind === "thread" ? post.threadId : post.id,
      details: { reason, authorId: post.authorId, from, to: state },
      at,
    });
    return notice({
      userId: post.authorId,
      actorId: by.id,
      action: state,
      reason,
      subject: describe(post),
      postId: post.id,
      threadId: post.threadId,
      at,
      readAfterHours,
    });
  };

  /** dismissReview: the flags were mistaken; the content stays as it is. */
  const dismiss = async (review: Review, by: DemoPerson, at: number) => {
    await resolve(review.key, by, at, "No action needed", false);
    await audit({
      actorId: by.id,
      action: "review.dismissed",
      targetType: review.type,
      targetId: review.key.slice(review.key.indexOf(":") + 1),
      at,
    });
  };

  /** postNoticeMessage: the author writes (an appeal), or a moderator answers. */
  const noticeMessage = async (
    noticeId: string,
    noticeUserId: string,
    by: DemoPerson,
    at: number,
    body: string,
    close = false,
  ) => {
    await tx.insert(noticeMessages).values({
      noticeId,
      authorId: by.id,
      body,
      createdAt: new Date(at),
    });
    const own = by.id === noticeUserId;
    const status = own ? "open" : close ? "closed" : "answered";
    await audit({
      actorId: by.id,
      action: own ? "notice.appealed" : `notice.appeal_${status}`,
      targetType: "notice",
      targetId: noticeId,
      details: { message: body.slice(0, 500) },
      at,
    });
    await tx.execute(sql`
      update moderation_notices set appeal_status = ${status},
        appeal_updated_at = ${iso(at)}::timestamptz
      where id = ${noticeId}`);
    if (!own) await tell(noticeUserId, "appeal_reply", noticeId, by.id, at, 3);
  };

  // ===============================================================================================
  // The watched words.
  const wordRows = WATCHED_WORDS.map((word) => ({
    id: randomUUID(),
    phrase: normalizePhrase(word.phrase),
    action: word.action,
    createdById: named(word.by).id,
    createdAt: new Date(openedAt + word.day * DAY_MS),
  }));
  await tx.insert(watchedWords).values(wordRows);
  await tx.insert(auditEvents).values(
    wordRows.map((word) => ({
      actorId: word.createdById,
      action: "watched_word.added",
      targetType: "watched_word",
      targetId: word.id,
      details: { phrase: word.phrase, action: word.action },
      createdAt: word.createdAt,
    })),
  );
  /** What posting at `at` does with a text: held for a watched word, or nothing. */
  const watchedAt = (at: number, text: string) =>
    buildWatchedWordMatcher(wordRows.filter((word) => word.createdAt.getTime() <= at))(text);
  const checkUnwatched = (post: SeededPost) => {
    const match = watchedAt(post.createdAt, post.bodyText);
    if (match)
      throw new Error(`Moderation: "${post.bodyText.slice(0, 40)}…" contains “${match.phrase}”`);
  };

  // ===============================================================================================
  // The history, oldest first.

  // A member shares another customer's incident, which a member of that customer flags.
  const sso = await loadThread("SSO and SCIM rollout");
  const sharer = author("the shared incident");
  const incidentVictim = victimFor(sharer);
  const incident = await writePost({
    thread: sso,
    by: sharer,
    at: hoursAgo(26 * 24),
    markup: TEXTS.sharedIncident,
    victim: incidentVictim,
  });
  await flag(
    reviewFor(incident),
    incidentVictim,
    hoursAgo(25.8 * 24),
    "confidential",
    "This is about my company, and it isn't something we've shared publicly.",
  );
  await moderate(
    incident,
    "hide",
    theo,
    hoursAgo(25.6 * 24),
    "It tells another customer's incident, which they told you in confidence. Your question about recovering from a bad sync is welcome on its own.",
    5,
  );

  // Misplaced flags, dismissed: a book recommendation taken for an advert, and a workaround that
  // looked like getting round the rate limit.
  const books = await loadThread("Favourite books on running a customer-led company");
  const [bookPost] = await tx.execute<{ id: string; author_id: string; position: number }>(sql`
    select p.id, p.author_id, p.position from posts p join users u on u.id = p.author_id
    where p.thread_id = ${books.id} and p.position > 1 and u.role = 'member'
      and u.id not in (${sql.join(
        [...demoLogins].map((id) => sql`${id}::uuid`),
        sql`, `,
      )})
    order by p.position limit 1`);
  const bookReview = await flag(
    {
      key: `post:${bookPost.id}`,
      type: "post",
      postId: bookPost.id,
      threadId: books.id,
      subjectUserId: bookPost.author_id,
    },
    flaggers(1, [byId.get(bookPost.author_id)!])[0],
    hoursAgo(18.5 * 24),
    "spam",
  );
  await dismiss(bookReview, theo, hoursAgo(18.3 * 24));

  const rateLimit = await loadThread("Hitting the API rate limit");
  const [workaround] = await tx.execute<{ id: string; author_id: string }>(sql`
    select p.id, p.author_id from posts p join users u on u.id = p.author_id
    where p.thread_id = ${rateLimit.id} and p.position = 2 and u.role = 'member'`);
  if (!workaround) throw new Error("Moderation: the rate-limit thread's first answer moved");
  const workaroundReview = await flag(
    {
      key: `post:${workaround.id}`,
      type: "post",
      postId: workaround.id,
      threadId: rateLimit.id,
      subjectUserId: workaround.author_id,
    },
    flaggers(1, [byId.get(workaround.author_id)!])[0],
    hoursAgo(8.5 * 24),
    "other",
    "Suggests splitting the job across two tokens to get round the rate limit. Is that allowed?",
  );
  await dismiss(workaroundReview, theo, hoursAgo(8.2 * 24));

  // Quillmere: a member promotes their side business, twice, and is silenced for two weeks.
  const onboarding = await loadThread("We cut onboarding time");
  const promoter = author("the Quillmere pitches");
  const pitch = await writePost({
    thread: onboarding,
    by: promoter,
    at: hoursAgo(13 * 24),
    markup: TEXTS.onboardingPitch,
  });
  const [pitchFlagger, pitchFlagger2] = flaggers(2, [promoter]);
  await flag(reviewFor(pitch), pitchFlagger, hoursAgo(12.9 * 24), "spam");
  await flag(reviewFor(pitch), pitchFlagger2, hoursAgo(12.7 * 24), "spam");
  await moderate(
    pitch,
    "hide",
    theo,
    hoursAgo(12.5 * 24),
    "It promotes your own paid services. Members share what worked for their teams here; offering services for a fee isn't what the community is for.",
    2,
  );

  // A thread opened in the wrong space, moved by the moderator; the answers came after.
  const slaAsker = author("the SLA question");
  const { thread: slaThread, post: slaOpening } = await writeThread({
    space: "lounge",
    by: slaAsker,
    at: hoursAgo(11 * 24),
    title: "How do you keep SLA targets fair over public holidays?",
    markup: TEXTS.slaQuestion,
  });
  const lounge = spaceBySlug.get("lounge")!;
  const operations = spaceBySlug.get("operations")!;
  const moveReason =
    "Moved to Operations practices, where questions about SLAs and schedules live and the people who answer them are watching.";
  const movedAt = hoursAgo(11 * 24 - 3);
  await tx.execute(sql`update threads set space_id = ${operations.id} where id = ${slaThread.id}`);
  slaThread.spaceId = operations.id;
  await audit({
    actorId: theo.id,
    action: "thread.moved",
    targetType: "thread",
    targetId: slaThread.id,
    details: { reason: moveReason, from: lounge.name, to: operations.name },
    at: movedAt,
  });
  await notice({
    userId: slaAsker.id,
    actorId: theo.id,
    action: "moved",
    reason: moveReason,
    subject: `your thread “${slaThread.title}”, from ${lounge.name} to ${operations.name}`,
    threadId: slaThread.id,
    at: movedAt,
    readAfterHours: 1,
  });
  const slaHelper = author("the SLA answer");
  const slaAnswer = await writePost({
    thread: slaThread,
    by: slaHelper,
    at: hoursAgo(10.5 * 24),
    markup: TEXTS.slaPointer,
    replyTo: { id: slaOpening.id, authorId: slaAsker.id },
  });
  const slaThanks = await writePost({
    thread: slaThread,
    by: slaAsker,
    at: hoursAgo(9.9 * 24),
    markup: TEXTS.slaThanks,
    replyTo: { id: slaAnswer.id, authorId: slaHelper.id },
  });

  // The second pitch: hidden, and the promoter silenced for two weeks.
  const handover = await loadThread("Taking over as admin when the old admin leaves");
  const pitch2 = await writePost({
    thread: handover,
    by: promoter,
    at: hoursAgo(8 * 24),
    markup: TEXTS.handoverPitch,
  });
  await flag(reviewFor(pitch2), flaggers(1, [promoter])[0], hoursAgo(7.95 * 24), "spam");
  await moderate(
    pitch2,
    "hide",
    theo,
    hoursAgo(7.85 * 24),
    "A second post offering your paid services, after the notice about the first. Please keep to sharing what you've learned here.",
    1,
  );
  const silencedAt = hoursAgo(7.8 * 24);
  const silencedUntil = silencedAt + 14 * DAY_MS;
  const silenceReason =
    "Two posts promoting your consultancy in a week, after a notice about the first. You can still read everything; you can post again when this ends.";
  await tx.execute(sql`
    update users set silenced_at = ${iso(silencedAt)}::timestamptz,
      silenced_until = ${iso(silencedUntil)}::timestamptz, silence_reason = ${silenceReason}
    where id = ${promoter.id}`);
  await audit({
    actorId: theo.id,
    action: "user.silenced",
    targetType: "user",
    targetId: promoter.id,
    details: { reason: silenceReason, until: iso(silencedUntil) },
    at: silencedAt,
  });
  await notice({
    userId: promoter.id,
    actorId: theo.id,
    action: "silenced",
    reason: silenceReason,
    subject: `posting, until ${formatDateTime(new Date(silencedUntil))}`,
    at: silencedAt,
    readAfterHours: 4,
  });

  // A live API token, removed rather than hidden; the author asks for the rest back and is told
  // how (a closed appeal), then posts the settings again.
  const tokenAuthor = author("the leaked token");
  const token = await writePost({
    thread: rateLimit,
    by: tokenAuthor,
    at: hoursAgo(134),
    markup: TEXTS.leakedToken,
  });
  await flag(
    reviewFor(token),
    flaggers(1, [tokenAuthor])[0],
    hoursAgo(133),
    "other",
    "That looks like a live API token in the config.",
  );
  const tokenNotice = await moderate(
    token,
    "remove",
    theo,
    hoursAgo(132.5),
    "It contained a live API token. Removed rather than hidden so nobody else can read it; please revoke that token.",
    1,
  );
  await noticeMessage(
    tokenNotice,
    tokenAuthor.id,
    tokenAuthor,
    hoursAgo(130),
    "Thanks for catching that, I've revoked it. Could the rest of the post go back up? The retry settings were the useful part.",
  );
  await noticeMessage(
    tokenNotice,
    tokenAuthor.id,
    theo,
    hoursAgo(126),
    "Thanks for revoking it so quickly. We can't put back part of a removed post, so please post the settings again without the token and they'll be up straight away.",
    true,
  );
  const repost = await writePost({
    thread: rateLimit,
    by: tokenAuthor,
    at: hoursAgo(122),
    markup: TEXTS.tokenlessRepost,
  });

  // A moderator's edit: a link to a spreadsheet of people's names and emails taken out.
  const seats = await loadThread("Full seats or viewer seats");
  const spreadsheetAuthor = author("the seat spreadsheet");
  const spreadsheet = await writePost({
    thread: seats,
    by: spreadsheetAuthor,
    at: hoursAgo(115),
    markup: TEXTS.seatSpreadsheet,
  });
  {
    const at = hoursAgo(112);
    const reason =
      "Removed a link to a spreadsheet with your colleagues' names and email addresses: anyone with the link could open it. Share a copy without them and we'll gladly link it.";
    const edited = render(
      spreadsheet.markup.replace(
        /Here's our seat review spreadsheet[\s\S]*pass it on\)\./,
        "(Link to a spreadsheet with personal data removed by a moderator.)",
      ),
      spreadsheetAuthor,
    );
    if (edited.bodyText === spreadsheet.bodyText)
      throw new Error("Moderation: the edit changed nothing");
    await tx.insert(postRevisions).values({
      postId: spreadsheet.id,
      revision: 2,
      body: edited.body,
      bodyText: edited.bodyText,
      changes: diffRevisionTexts(spreadsheet.bodyText, edited.bodyText),
      editorId: theo.id,
      reason,
      createdAt: new Date(at),
    });
    await audit({
      actorId: theo.id,
      action: "post.edited_by_moderator",
      targetType: "post",
      targetId: spreadsheet.id,
      details: {
        reason,
        authorId: spreadsheetAuthor.id,
        revision: 2,
        before: spreadsheet.bodyText.slice(0, 2_000),
        after: edited.bodyText.slice(0, 2_000),
      },
      at,
    });
    await tx.execute(sql`
      update posts set body = ${JSON.stringify(edited.body)}::jsonb, body_html = ${edited.bodyHtml},
        body_text = ${edited.bodyText}, edited_at = ${iso(at)}::timestamptz
      where id = ${spreadsheet.id}`);
    await notice({
      userId: spreadsheetAuthor.id,
      actorId: theo.id,
      action: "edited",
      reason,
      subject: describe(spreadsheet),
      postId: spreadsheet.id,
      threadId: seats.id,
      at,
      readAfterHours: 2,
    });
  }

  // A personal remark, hidden; its author asks for it back (the open appeal).
  const [remarked] = await tx.execute<{ id: string; author_id: string }>(sql`
    select p.id, p.author_id from posts p join users u on u.id = p.author_id
    where p.thread_id = ${seats.id} and u.role = 'member' and p.position > 1
      and p.id <> ${spreadsheet.id}
      and u.id not in (${sql.join(
        [...demoLogins].map((id) => sql`${id}::uuid`),
        sql`, `,
      )})
    order by p.position desc limit 1`);
  const remarkedPerson = byId.get(remarked.author_id)!;
  const remarker = author("the personal remark", (p) => p.id !== remarkedPerson.id);
  const remark = await writePost({
    thread: seats,
    by: remarker,
    at: hoursAgo(86),
    markup: TEXTS.personalRemark,
    replyTo: { id: remarked.id, authorId: remarkedPerson.id },
  });
  await flag(reviewFor(remark), remarkedPerson, hoursAgo(84), "abusive");
  const remarkNotice = await moderate(
    remark,
    "hide",
    theo,
    hoursAgo(82),
    "It speaks to another member rather than about the question. You're welcome to make your point about warnings again without the personal remark.",
    3,
  );
  await noticeMessage(
    remarkNotice,
    remarker.id,
    remarker,
    hoursAgo(70),
    "Fair enough about the last sentence, and I've apologised directly. But the first point stands: nobody proposed downgrades without warning. Could you restore the post if I take the last sentence out?",
  );

  // The forum's own moderator edit (forums.ts: a phone number taken out) told its author too.
  const earlierEdits = await tx.execute<{
    post_id: string;
    thread_id: string;
    title: string;
    position: number;
    author_id: string;
    editor_id: string;
    reason: string;
    at: string;
  }>(sql`
    select r.post_id, p.thread_id, t.title, p.position, p.author_id, r.editor_id, r.reason,
      r.created_at as at
    from post_revisions r join posts p on p.id = r.post_id join threads t on t.id = p.thread_id
    where r.reason is not null and r.editor_id <> p.author_id and r.post_id <> ${spreadsheet.id}`);
  for (const edit of earlierEdits) {
    if (demoLogins.has(edit.author_id)) continue;
    const at = new Date(edit.at).getTime();
    await notice({
      userId: edit.author_id,
      actorId: edit.editor_id,
      action: "edited",
      reason: edit.reason,
      subject:
        edit.position === 1 ? `your thread “${edit.title}”` : `your reply in “${edit.title}”`,
      postId: edit.post_id,
      threadId: edit.thread_id,
      at,
      readAfterHours: 6,
    });
  }

  // ===============================================================================================
  // The queue as the moderator finds it today, oldest first.

  // A newcomer whose profile advertises their services: flagged as spam.
  const newcomer = await addNewcomer(tx, people, random, hoursAgo(100), hoursAgo(74));
  await flag(
    {
      key: `user:${newcomer.id}`,
      type: "user",
      postId: null,
      threadId: null,
      subjectUserId: newcomer.id,
    },
    flaggers(1, [])[0],
    hoursAgo(55),
    "spam",
  );

  // A job advert in the books thread: off-topic, twice.
  const job = await writePost({
    thread: books,
    by: author("the job advert"),
    at: hoursAgo(53),
    markup: TEXTS.jobAdvert,
  });
  {
    const [first, second] = flaggers(2, [byId.get(job.authorId)!]);
    await flag(reviewFor(job), first, hoursAgo(48), "off_topic");
    await flag(
      reviewFor(job),
      second,
      hoursAgo(38),
      "other",
      "A job advert. It isn't about books, and there's no jobs space for it.",
    );
  }

  // A webinar plug: three members flag it, which holds it for review and tells its author.
  const webinarAuthor = author("the webinar");
  const webinar = await writePost({
    thread: handover,
    by: webinarAuthor,
    at: hoursAgo(50),
    markup: TEXTS.webinar,
  });
  {
    const [a, b, c] = flaggers(3, [webinarAuthor]);
    await flag(reviewFor(webinar), a, hoursAgo(40), "spam");
    await flag(reviewFor(webinar), b, hoursAgo(31), "spam");
    const heldAt = hoursAgo(28);
    await flag(reviewFor(webinar), c, heldAt, "off_topic");
    const [{ threshold }] = await tx.execute<{ threshold: number }>(sql`
      select coalesce((select flags_to_hide from community_settings where id = 1), 3)::int
        as threshold`);
    if (threshold !== 3) throw new Error("Moderation: the webinar needs as many flags as hide one");
    const heldReason = `${threshold} members flagged it`;
    await hold(webinar, heldReason, heldAt);
    await notice({
      userId: webinarAuthor.id,
      actorId: null,
      action: "held",
      reason: `${heldReason}, so it is hidden until a moderator reviews it.`,
      subject: describe(webinar),
      postId: webinar.id,
      threadId: handover.id,
      at: heldAt,
      readAfterHours: 6,
    });
  }

  // Another customer's price, flagged by a member of that customer.
  const priceAuthor = author("another customer's price");
  const priceVictim = victimFor(priceAuthor, [incidentVictim]);
  const price = await writePost({
    thread: seats,
    by: priceAuthor,
    at: hoursAgo(36),
    markup: TEXTS.otherCustomersPrice,
    victim: priceVictim,
  });
  await flag(reviewFor(price), priceVictim, hoursAgo(33), "confidential");
  await flag(
    reviewFor(price),
    flaggers(1, [priceAuthor, priceVictim])[0],
    hoursAgo(20),
    "other",
    "It quotes another customer's contract. They may not want that shared.",
  );

  // A heated reply about the rate limits: one member finds it abusive.
  const heated = await writePost({
    thread: rateLimit,
    by: author("the heated reply"),
    at: hoursAgo(30),
    markup: TEXTS.heated,
  });
  await flag(
    reviewFor(heated),
    flaggers(1, [byId.get(heated.authorId)!])[0],
    hoursAgo(26),
    "abusive",
  );

  // A vendor's plug revives an old thread.
  const plug = await writePost({
    thread: sso,
    by: author("the vendor plug"),
    at: hoursAgo(20),
    markup: TEXTS.vendorPlug,
  });
  {
    const [first, second] = flaggers(2, [byId.get(plug.authorId)!]);
    await flag(reviewFor(plug), first, hoursAgo(14), "spam");
    await flag(reviewFor(plug), second, hoursAgo(6), "spam");
  }

  // A competitor's referral code: held by the watched words as it was posted.
  const referral = await writePost({
    thread: onboarding,
    by: author("the referral code"),
    at: hoursAgo(16),
    markup: TEXTS.referral,
    held: true,
  });

  // A "bookmarking this" reply someone would rather see as a reaction.
  const [bookmark] = await tx.execute<{ id: string; author_id: string }>(sql`
    select p.id, p.author_id from posts p join users u on u.id = p.author_id
    where p.thread_id = ${sso.id} and u.role = 'member' and p.body_text like 'Bookmarking this%'`);
  if (!bookmark) throw new Error("Moderation: the SSO thread's bookmark reply is gone");
  await flag(
    {
      key: `post:${bookmark.id}`,
      type: "post",
      postId: bookmark.id,
      threadId: sso.id,
      subjectUserId: bookmark.author_id,
    },
    flaggers(1, [byId.get(bookmark.author_id)!])[0],
    hoursAgo(11),
    "other",
    "Just a bookmark. Could replies like this be a reaction instead?",
  );

  // Two spare conference passes: a thread that isn't about the work.
  const { post: ticketsOpening } = await writeThread({
    space: "lounge",
    by: author("the tickets"),
    at: hoursAgo(9),
    title: "Two spare passes for SaaStr Europe",
    markup: TEXTS.tickets,
  });
  await flag(
    reviewFor(ticketsOpening),
    flaggers(1, [byId.get(ticketsOpening.authorId)!])[0],
    hoursAgo(7),
    "off_topic",
  );

  // A survey link and a public dashboard in the weekly-metrics thread.
  const metrics = await loadThread("Which metrics do you review weekly?");
  const survey = await writePost({
    thread: metrics,
    by: author("the survey"),
    at: hoursAgo(8),
    markup: TEXTS.survey,
  });
  await flag(
    reviewFor(survey),
    flaggers(1, [byId.get(survey.authorId)!])[0],
    hoursAgo(6.5),
    "off_topic",
  );
  const dashboard = await writePost({
    thread: metrics,
    by: author("the public dashboard"),
    at: hoursAgo(5),
    markup: TEXTS.publicDashboard,
  });
  await flag(
    reviewFor(dashboard),
    flaggers(1, [byId.get(dashboard.authorId)!])[0],
    hoursAgo(3.2),
    "other",
    "The shared dashboard shows their customers' names and open tickets. I don't think they meant it to be public.",
  );

  // A meetup invitation that asks people onto WhatsApp: held by the watched words.
  const { post: meetup } = await writeThread({
    space: "lounge",
    by: author("the meetup"),
    at: hoursAgo(3),
    title: "Operations leaders' dinner in Lisbon, 12 June",
    markup: TEXTS.meetup,
    held: true,
  });

  // Nothing visible says a watched word it was written after; the held posts say theirs.
  for (const post of [incident, pitch, slaOpening, slaAnswer, slaThanks, pitch2, token, repost]) {
    checkUnwatched(post);
  }
  for (const post of [spreadsheet, remark, job, webinar, price, heated, plug, survey, dashboard]) {
    checkUnwatched(post);
  }
  checkUnwatched(ticketsOpening);
  for (const post of [referral, meetup]) {
    const match = watchedAt(post.createdAt, post.bodyText);
    if (match?.action !== "hold") throw new Error("Moderation: a held post no word holds");
    await hold(post, `Contains the watched word “${match.phrase}”`, post.createdAt);
  }

  // Notifications about the new posts are read once their reader has read that far.
  if (postNotificationIds.length) {
    await tx.execute(sql`
      update notifications n set read_at = r.updated_at
      from posts p, thread_reads r
      where n.id in (${sql.join(
        postNotificationIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})
        and p.id = n.post_id and r.thread_id = n.thread_id and r.user_id = n.user_id
        and r.last_read_position >= p.position`);
  }

  // Everyone was last seen no earlier than the last thing they did.
  await tx.execute(sql`
    update users set last_seen_at = greatest(users.last_seen_at, done.at)
    from (select user_id, max(at) as at from (${everythingDone}) done group by user_id) done
    where users.id = done.user_id`);

  await seedVisitDays(tx, random, now);
  await setTrustLevels(tx);

  // The moderators' flags threshold needs flaggers who have earned some trust.
  const [untrusted] = await tx.execute<{ n: number }>(sql`
    select count(*)::int as n from flags f join users u on u.id = f.flagger_id
    join moderation_reviews r on r.id = f.review_id
    where r.held_reason like '% members flagged it' and u.trust_level < 1`);
  if (untrusted.n > 0) throw new Error("Moderation: a post held by flags from new members");
}

/**
 * A member who joined a few days ago, whose profile offers their services to other members: a
 * colleague of an existing account's people, with the demo password.
 */
async function addNewcomer(
  tx: Db,
  people: DemoPerson[],
  random: Random,
  joinedAt: number,
  lastSeenAt: number,
) {
  const loginAccounts = new Set(
    people.filter((p) => p.handle === "ines" || p.handle === "sam").map((p) => p.accountId),
  );
  const colleagues = people.filter(
    (p) =>
      p.role === "member" &&
      p.accountRank !== null &&
      p.accountRank >= 25 &&
      !loginAccounts.has(p.accountId),
  );
  const colleague = random.pick(colleagues);
  const domain = colleague.email.split("@")[1];
  const taken = people.some(
    (p) => p.handle === "gideonp" || p.displayName.split(" ")[0] === "Gideon",
  );
  if (taken) throw new Error("Moderation: the newcomer's name is taken");
  const [{ hash }] = await tx.execute<{ hash: string }>(sql`
    select hash from password_hashes where user_id = ${colleague.id}`);
  const [newcomer] = await tx
    .insert(users)
    .values({
      email: `gideon.pryce@${domain}`,
      displayName: "Gideon Pryce",
      handle: "gideonp",
      role: "member",
      accountId: colleague.accountId,
      bio: `Revenue Operations Consultant at ${colleague.accountName}. I also run independent workflow audits for other teams: fixed fee, two-week turnaround, references on request.`,
      createdAt: new Date(joinedAt),
      lastSeenAt: new Date(lastSeenAt),
    })
    .returning({ id: users.id });
  await tx
    .insert(passwordHashes)
    .values({ userId: newcomer.id, hash, updatedAt: new Date(joinedAt) });
  return newcomer;
}

/**
 * The days each person visited (touchLastSeen records one row per UTC day): every day they did
 * something, the day they joined and the day they were last seen, and on other days between
 * those by their habit: staff nearly every working day, members from now and then to most days.
 */
async function seedVisitDays(tx: Db, random: Random, now: number) {
  const activity = await tx.execute<{ user_id: string; days: string[] }>(sql`
    select user_id, array_agg(distinct (at at time zone 'UTC')::date::text) as days
    from (${everythingDone}) done
    where user_id is not null and at <= ${new Date(now).toISOString()}::timestamptz
    group by user_id`);
  const people = await tx.execute<{
    id: string;
    role: string;
    created_at: string;
    last_seen_at: string | null;
  }>(sql`select id, role::text, created_at, last_seen_at from users order by handle`);
  const activeDays = new Map(activity.map((row) => [row.user_id, new Set(row.days)]));
  const rows: Array<{ userId: string; day: string }> = [];
  for (const person of people) {
    const first = dayStart(new Date(person.created_at).getTime());
    const last = dayStart(new Date(person.last_seen_at ?? person.created_at).getTime());
    const days = new Set(activeDays.get(person.id) ?? []);
    days.add(new Date(last).toISOString().slice(0, 10));
    const draw = random.next();
    const habit =
      person.role !== "member"
        ? random.between(0.7, 0.85)
        : draw < 0.15
          ? random.between(0.02, 0.06)
          : draw < 0.6
            ? random.between(0.07, 0.18)
            : draw < 0.9
              ? random.between(0.2, 0.35)
              : random.between(0.4, 0.65);
    for (let day = first; day <= last; day += DAY_MS) {
      if (random.next() < habit) days.add(new Date(day).toISOString().slice(0, 10));
    }
    for (const day of days) rows.push({ userId: person.id, day });
  }
  for (let i = 0; i < rows.length; i += 2_000)
    await tx.insert(userVisitDays).values(rows.slice(i, i + 2_000));
}

/** Everything anyone did, when: each of these needs a visit that day. */
const everythingDone = sql`
  select id as user_id, created_at as at from users
  union all select author_id, created_at from posts where author_id is not null
  union all select editor_id, created_at from post_revisions where editor_id is not null
  union all select user_id, created_at from post_reactions
  union all select user_id, updated_at from thread_reads
  union all select user_id, created_at from thread_watches
  union all select user_id, created_at from idea_votes where added_by_id is null
  union all select user_id, updated_at from idea_votes where added_by_id is null
  union all select user_id, read_at from notifications where read_at is not null
  union all select flagger_id, created_at from flags
  union all select author_id, created_at from notice_messages where author_id is not null
  union all select actor_id, created_at from audit_events where actor_id is not null
  union all select author_id, created_at from internal_notes where author_id is not null
  union all select author_id, created_at from proposal_revisions where author_id is not null
  union all select author_id, created_at from proposal_comments where author_id is not null
  union all select user_id, updated_at from proposal_endorsements
  union all select user_id, answered_at from member_consents where answered_at is not null`;

function dayStart(ms: number) {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/**
 * Every member's level, as the hourly job (recalculateTrustLevels) computes it from the same
 * rules; moderators, staff and admins keep theirs.
 */
async function setTrustLevels(tx: Db) {
  const window = sql`now() - make_interval(days => ${RECENT_MODERATION_DAYS})`;
  const meets = (level: TrustLevel): SQL =>
    sql.join(
      TRUST_LEVEL_RULES.filter((rule) => rule.level <= level).map(
        ({ requires }) =>
          sql`(f.days_visited >= ${requires.daysVisited}
            and f.posts_read >= ${requires.postsRead}
            and f.replies >= ${requires.replies}
            and f.helpful_reactions_received >= ${requires.helpfulReactionsReceived}
            and f.days_since_joining >= ${requires.daysSinceJoining}
            ${requires.noRecentModeration ? sql`and not f.recently_moderated` : sql``})`,
      ),
      sql` and `,
    );
  const levels = [...TRUST_LEVEL_RULES]
    .filter((rule) => rule.level > 0)
    .sort((a, b) => b.level - a.level);
  await tx.execute(sql`
    with people as (
      select id, created_at, status, silenced_at, silenced_until from users
      where role not in ${rolesWith("moderate:content:any")}
    ),
    visits as (
      select user_id, count(*)::int as n from user_visit_days
      where user_id in (select id from people) group by 1
    ),
    reads as (
      select user_id, sum(last_read_position)::int as n from thread_reads
      where user_id in (select id from people) group by 1
    ),
    replies as (
      select author_id as user_id, count(*)::int as n from posts
      where author_id in (select id from people) and position > 1
        and deleted_at is null and moderation is null
      group by 1
    ),
    helpful as (
      select p.author_id as user_id, count(*)::int as n
      from post_reactions r join posts p on p.id = r.post_id
      where p.author_id in (select id from people) and r.user_id <> p.author_id
        and r.kind in ${[...HELPFUL_REACTION_KINDS]}
        and p.deleted_at is null and p.moderation is null
      group by 1
    ),
    moderated as (
      select author_id as user_id from posts
      where author_id in (select id from people)
        and moderation in ('hidden', 'removed') and moderated_at > ${window}
      union
      select user_id from moderation_notices
      where user_id in (select id from people) and action <> 'moved' and created_at > ${window}
    ),
    figures as (
      select p.id,
        coalesce(visits.n, 0) as days_visited,
        coalesce(reads.n, 0) as posts_read,
        coalesce(replies.n, 0) as replies,
        coalesce(helpful.n, 0) as helpful_reactions_received,
        floor(extract(epoch from now() - p.created_at) / 86400)::int as days_since_joining,
        (
          exists (select 1 from moderated m where m.user_id = p.id)
          or p.status <> 'active'
          or (p.silenced_at is not null and (p.silenced_until is null
            or p.silenced_until > ${window}))
        ) as recently_moderated
      from people p
      left join visits on visits.user_id = p.id
      left join reads on reads.user_id = p.id
      left join replies on replies.user_id = p.id
      left join helpful on helpful.user_id = p.id
    )
    update users set trust_level = (case ${sql.join(
      levels.map((rule) => sql`when ${meets(rule.level)} then ${sql.raw(String(rule.level))}`),
      sql` `,
    )} else 0 end)::smallint
    from figures f
    where users.id = f.id`);
}
