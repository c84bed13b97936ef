import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import {
  mentionedUserIds,
  plainTextOf,
  renderRichTextHtml,
  validateRichTextDoc,
  type RichTextDoc,
} from "~/editor/content.server";
import { diffRevisionTexts } from "~/models/revision-diff.server";
import type * as schema from "../schema";
import type { IdeaImportance, IdeaStatus, ThreadKind } from "../schema";
import {
  auditEvents,
  IDEA_IMPORTANCES,
  ideaMerges,
  ideaMergeVotes,
  ideas,
  ideaStatusChanges,
  learningConfirmations,
  learningCorrections,
  learningSources,
  ideaVotes,
  notifications,
  postReactions,
  postRevisions,
  posts,
  spaceMembers,
  spaceObservers,
  spaces,
  spaceWatches,
  tags,
  threadReads,
  threads,
  threadTags,
  threadWatches,
  VOTABLE_IDEA_STATUSES,
  type NotificationKind,
  type ReactionKind,
  type UserRole,
} from "../schema";
import { demoThreads, WELCOME_THREAD } from "./conversations";
import { demoIdeas, demoProxyVotes } from "./ideas";
import { demoLearnings } from "./learnings";
import type { seededRandom } from "./random";
import {
  firstName,
  parseMarkup,
  type CastEntry,
  type IdeaScript,
  type LearningScript,
  type NamedHandle,
  type Pool,
  type PostEdit,
  type ScriptPerson,
  type ScriptPost,
  type SpaceSlug,
  type ThreadScript,
} from "./script";
import { DEMO_TAGS, DEMO_THREAD_TAGS } from "./tags";
import { DAY_MS, HOUR_MS } from "./timeline";
import { TRENDING_DAYS } from "../schema/values";

// The seed runs inside the demo's transaction, which offers the same insert/execute as a database.
type Db = Pick<PostgresJsDatabase<typeof schema>, "insert" | "execute">;
type Random = ReturnType<typeof seededRandom>;

/** A person of the demo, as demo.ts created them. */
export type DemoPerson = {
  id: string;
  email: string;
  handle: string;
  displayName: string;
  role: UserRole;
  accountId: string | null;
  accountName: string | null;
  accountRank: number | null;
  tier: "top1" | "top10" | "rest" | null;
  /** What a member does at their account; their bio says it. */
  title: string | null;
  joinedAt: Date;
};

const MINUTE_MS = 60_000;

type Rendered = { body: RichTextDoc; bodyHtml: string; bodyText: string; quotes: string[] };

type PlannedPost = {
  id: string;
  position: number;
  author: DemoPerson;
  createdAt: number;
  replyTo: PlannedPost | null;
  /** The text as first posted, and as it reads now (the same object unless edited). */
  original: Rendered;
  current: Rendered;
  edit: { at: number; editor: DemoPerson; reason: string | null } | null;
  /** Reactions the script asks for; otherwise drawn. */
  reactions?: number;
};

type PlannedThread = {
  id: string;
  space: SpaceSlug;
  kind: ThreadKind;
  title: string;
  posts: PlannedPost[];
  pinned: boolean;
  /** People who read up to a position and not further. */
  readUpTo: Map<string, number>;
  idea: PlannedIdea | null;
  learning: PlannedLearning | null;
};

/** What a learning's conversation says: its script, and the replies that correct it. */
type PlannedLearning = {
  script: LearningScript;
  corrections: Array<{ post: PlannedPost; accepted: boolean }>;
};

/** What an idea thread's conversation says about its votes and its status. */
type PlannedIdea = {
  script: IdeaScript;
  /** Staff posts that carry a status change, and the status each one sets. */
  statusPosts: Array<{ post: PlannedPost; to: IdeaStatus }>;
  /** Members who voted as they first posted, with the importance if the script gives it. */
  posterVotes: Array<{ person: DemoPerson; postAt: number; importance: IdeaImportance | null }>;
};

type SpaceSpec = {
  slug: SpaceSlug;
  name: string;
  description: string;
  visibility: "members" | "tier" | "private";
  minTier?: "top1" | "top10";
  /** Whether members may post ideas there. */
  ideasEnabled: boolean;
  createdAt: number;
};

/**
 * The demo's forums: open, tier-gated and private spaces with disclosed observers; threads of both
 * kinds written as real conversations (conversations.ts), among them a welcome thread where members
 * introduce themselves and a long thread that spans five pages; edits with their history, a
 * moderator's edit with its reason; ideas (ideas.ts) with their votes and status history, two
 * duplicates merged into earlier ideas and votes staff recorded for customers; staff learnings
 * (learnings.ts) with their sources, confirmations and corrections, one taken in by a revision
 * and the cited authors told; the staff's tags
 * (tags.ts); reactions, watches, read state and notifications that follow from the posts and votes, all
 * dated between each person joining and now.
 */
export async function seedDemoForums(
  tx: Db,
  people: DemoPerson[],
  random: Random,
  clock: { now: number; openedAt: number },
): Promise<{ welcomeThreadId: string }> {
  const { now, openedAt } = clock;
  // Nothing is dated later than this: a minute before the seed runs.
  const latest = now - MINUTE_MS;
  const byHandle = new Map(people.map((person) => [person.handle, person]));
  const named = (handle: NamedHandle) => {
    const person = byHandle.get(handle);
    if (!person) throw new Error(`The demo has nobody with the handle ${handle}`);
    return person;
  };
  const admin = named("admin");
  const ines = named("ines");
  const sam = named("sam");
  const members = people.filter((person) => person.role === "member");
  /** Members the scripts cast into parts: Inès and Sam only ever appear as themselves. */
  const castable = members.filter((person) => person !== ines && person !== sam);
  const isStaff = (person: DemoPerson) => person.role === "staff" || person.role === "admin";

  // --- Spaces ------------------------------------------------------------------------------------
  const spaceSpecs: SpaceSpec[] = [
    {
      slug: "lounge",
      name: "Members' lounge",
      description: "Introductions, questions and anything worth sharing with peers.",
      visibility: "members",
      ideasEnabled: true,
      createdAt: openedAt - 2 * DAY_MS,
    },
    {
      slug: "operations",
      name: "Operations practices",
      description: "How members run their operations: rituals, metrics, tooling, results.",
      visibility: "members",
      ideasEnabled: true,
      createdAt: openedAt - 2 * DAY_MS + HOUR_MS,
    },
    {
      slug: "council",
      name: "Top 1% council",
      description: "A small room for our largest customers to compare notes and shape what's next.",
      visibility: "tier",
      minTier: "top1",
      ideasEnabled: false,
      createdAt: openedAt - DAY_MS,
    },
    {
      slug: "roundtable",
      name: "Top 10% roundtable",
      description: "Peers from the top tier of accounts trade notes on scale and governance.",
      visibility: "tier",
      minTier: "top10",
      ideasEnabled: false,
      createdAt: openedAt - DAY_MS + HOUR_MS,
    },
    {
      slug: "beta",
      name: "Beta program",
      description: "Early access builds and candid feedback. Invitation only.",
      visibility: "private",
      ideasEnabled: true,
      createdAt: now - 40 * DAY_MS,
    },
  ];
  const spaceBySlug = new Map(spaceSpecs.map((spec) => [spec.slug, { ...spec, id: randomUUID() }]));
  const spaceOf = (slug: SpaceSlug) => spaceBySlug.get(slug)!;
  const observers: Array<{ space: SpaceSlug; person: DemoPerson }> = [
    { space: "lounge", person: named("maya") },
    { space: "operations", person: named("priya") },
    { space: "operations", person: named("jonas") },
    { space: "council", person: named("maya") },
  ];
  const betaMembers = new Set<DemoPerson>([ines]);

  /** The app's rule (space-access.server.ts): staff and admins see all, members by tier or list. */
  const canSee = (person: DemoPerson, slug: SpaceSlug) => {
    const space = spaceOf(slug);
    if (isStaff(person) || space.visibility === "members") return true;
    if (space.visibility === "tier")
      return person.tier === "top1" || (space.minTier === "top10" && person.tier === "top10");
    return betaMembers.has(person);
  };

  // --- Casting -----------------------------------------------------------------------------------
  /** Threads each person has been cast in so far: the demo spreads its voices around. */
  const appearances = new Map<string, number>();
  const titleOf = new Map(people.map((person) => [person.id, person.title]));
  /** Who holds each title at each account, so no account has two Heads of Information Security. */
  const titleHolder = new Map<string, string>();
  const titleKey = (person: DemoPerson, title: string) => `${person.accountId}|${title}`;
  for (const person of members)
    if (person.title) titleHolder.set(titleKey(person, person.title), person.id);
  /** Titles given by a conversation or an introduction: they can't change later. */
  const fixedTitles = new Set<string>([ines.id, sam.id]);
  const giveTitle = (person: DemoPerson, title: string) => {
    const holder = titleHolder.get(titleKey(person, title));
    if (holder && holder !== person.id)
      throw new Error(`${person.accountName} already has a ${title}`);
    const previous = titleOf.get(person.id);
    if (previous) titleHolder.delete(titleKey(person, previous));
    titleHolder.set(titleKey(person, title), person.id);
    titleOf.set(person.id, title);
    fixedTitles.add(person.id);
  };
  const canTakeTitle = (person: DemoPerson, title: string | undefined) => {
    if (!title) return true;
    if (fixedTitles.has(person.id)) return titleOf.get(person.id) === title;
    const holder = titleHolder.get(titleKey(person, title));
    return !holder || holder === person.id;
  };

  const poolMembers = (pool: Pool): DemoPerson[] => {
    if (typeof pool === "object") return castable.filter((p) => p.accountName === pool.account);
    switch (pool) {
      case "members":
        return castable;
      case "larger":
        return castable.filter((p) => p.accountRank !== null && p.accountRank <= 20);
      case "smaller":
        return castable.filter((p) => p.accountRank !== null && p.accountRank > 20);
      case "top1":
        return castable.filter((p) => p.tier === "top1");
      case "top10":
        return castable.filter((p) => p.tier === "top1" || p.tier === "top10");
      case "beta":
        return castable.filter((p) => betaMembers.has(p));
    }
  };

  /**
   * Picks a person for a part: from the pool, joined well before they first post, not already in
   * the thread, with a first name the thread doesn't have yet; someone with the part's role if an
   * account already gave it to them; otherwise whoever has appeared in the fewest threads.
   */
  function castPart(
    label: string,
    entry: { pool: Pool; role?: string },
    firstPostAt: number,
    thread: { people: Set<string>; accounts: Map<string, number>; excludedAccounts: Set<string> },
    takenFirstNames: Set<string>,
  ): DemoPerson {
    const candidates = poolMembers(entry.pool).filter(
      (person) =>
        person.joinedAt.getTime() <= firstPostAt - 6 * HOUR_MS &&
        !thread.people.has(person.id) &&
        !thread.excludedAccounts.has(person.accountId!) &&
        !takenFirstNames.has(firstName(person.displayName)) &&
        canTakeTitle(person, entry.role),
    );
    if (candidates.length === 0) throw new Error(`Nobody fits the part "${label}"`);
    const withRole = entry.role
      ? candidates.filter((p) => titleOf.get(p.id) === entry.role && fixedTitles.has(p.id))
      : [];
    // Someone from an account the thread hasn't heard from yet (colleagues rarely answer each
    // other in public), then whoever has appeared in the fewest threads.
    const fewestBy = (people: DemoPerson[], count: (person: DemoPerson) => number) => {
      const fewest = Math.min(...people.map(count));
      return people.filter((person) => count(person) === fewest);
    };
    let choices = withRole.length ? withRole : candidates;
    choices = fewestBy(choices, (p) => thread.accounts.get(p.accountId!) ?? 0);
    choices = fewestBy(choices, (p) => appearances.get(p.id) ?? 0);
    const person = random.pick(choices);
    if (entry.role) giveTitle(person, entry.role);
    return person;
  }

  const asScriptPerson = (person: DemoPerson): ScriptPerson => ({
    id: person.id,
    handle: person.handle,
    displayName: person.displayName,
    accountName: person.accountName,
  });

  function render(where: string, text: string, resolve: (part: string) => DemoPerson): Rendered {
    const { doc, quotes } = parseMarkup(text, (part) => asScriptPerson(resolve(part)));
    const valid = validateRichTextDoc(doc);
    if (!valid.ok) throw new Error(`${where}: ${valid.message}`);
    return {
      body: valid.doc,
      bodyHtml: renderRichTextHtml(valid.doc),
      bodyText: plainTextOf(valid.doc),
      quotes,
    };
  }

  function editedText(where: string, text: string, edit: PostEdit): string {
    let result = text;
    if (edit.replace) {
      if (result.split(edit.replace.from).length !== 2)
        throw new Error(`${where}: the edit's words must occur exactly once`);
      result = result.replace(edit.replace.from, edit.replace.to);
    }
    if (edit.append) result = `${result.trim()}\n\n${edit.append.trim()}`;
    return result;
  }

  /** The version of a post someone saw when they replied to it at `at`. */
  const versionAt = (post: PlannedPost, at: number) =>
    post.edit && post.edit.at <= at ? post.current : post.original;

  function checkQuotes(where: string, post: PlannedPost) {
    for (const quote of post.current.quotes) {
      if (!post.replyTo) throw new Error(`${where}: a quote needs the post it replies to`);
      if (!versionAt(post.replyTo, post.createdAt).bodyText.includes(quote))
        throw new Error(`${where}: "${quote}" is not in the post it replies to`);
    }
  }

  /**
   * When each reply comes in: fixed gaps where the script gives them, the rest spread out. Replies
   * placed at a moment (`hoursAgo`) split the thread into stretches, each spread out on its own.
   */
  function replyTimes(script: ThreadScript, start: number, end: number): number[] {
    const count = script.replies.length;
    if (count === 0) return [];
    const anchors = script.replies.flatMap((reply, index) => {
      if (reply.hoursAgo === undefined) return [];
      if (reply.after !== undefined || index === count - 1)
        throw new Error(
          `${script.title}: a reply placed by hoursAgo can't be the last or have a gap`,
        );
      return [{ index, at: now - reply.hoursAgo * HOUR_MS - random.between(0, 45) * MINUTE_MS }];
    });
    anchors.push({ index: count - 1, at: end });
    const times: number[] = [];
    let from = { index: -1, at: start };
    for (const to of anchors) {
      if (to.at <= from.at)
        throw new Error(`${script.title}: reply ${to.index + 1} is placed before an earlier post`);
      const first = from.index + 1;
      const indices = Array.from({ length: to.index - from.index }, (_, n) => first + n);
      const fixed = indices.map((index) =>
        script.replies[index].after === undefined ? null : script.replies[index].after! * HOUR_MS,
      );
      const free = indices.filter((_, n) => fixed[n] === null);
      const remaining = to.at - from.at - fixed.reduce<number>((sum, gap) => sum + (gap ?? 0), 0);
      if (free.length && remaining <= 0)
        throw new Error(`${script.title}: the fixed gaps don't fit between its posts`);
      // Conversations are busiest at the start: later gaps are longer.
      const weights = free.map((index) => random.between(0.4, 1.6) * (1 + (1.5 * index) / count));
      const total = weights.reduce((sum, weight) => sum + weight, 0);
      const gaps = [...fixed];
      free.forEach((index, n) => (gaps[indices.indexOf(index)] = (remaining * weights[n]) / total));
      let at = from.at;
      for (const gap of gaps) times.push((at += gap!));
      from = to;
    }
    return times;
  }

  const editTime = (
    where: string,
    post: { createdAt: number },
    edit: PostEdit,
    labelled: (label: string) => PlannedPost | undefined,
  ) => {
    let at: number;
    if (edit.afterReply) {
      const reply = labelled(edit.afterReply);
      if (!reply) throw new Error(`${where}: no reply labelled ${edit.afterReply}`);
      at = reply.createdAt + random.between(0.2, 1.2) * HOUR_MS;
    } else {
      at = post.createdAt + (edit.hoursLater ?? 1) * HOUR_MS;
    }
    if (at <= post.createdAt) throw new Error(`${where}: an edit must come after the post`);
    return Math.min(at, latest);
  };

  const asEntry = (entry: CastEntry) =>
    typeof entry === "object" && "pool" in entry ? entry : { pool: entry };

  // --- The welcome thread ------------------------------------------------------------------------
  function planWelcome(): PlannedThread {
    const script = WELCOME_THREAD;
    const opener = named(script.opening.by);
    const inThread = new Set<string>([opener.id]);
    const firstNames = new Set<string>([firstName(opener.displayName)]);
    type Draft = {
      author: DemoPerson;
      at: number;
      text: string;
      me: DemoPerson;
      replyTo: Draft | null;
      rendered?: Rendered;
    };
    const drafts: Draft[] = [];
    for (const intro of script.introductions) {
      let person: DemoPerson;
      if (typeof intro.by === "string") {
        person = named(intro.by);
      } else {
        const account = intro.by.account;
        const seat = intro.by.seat ?? "first";
        // Someone who has been around for at least a day and a half, so the staff answer
        // fits before now; a first name the thread doesn't have yet, if the account allows.
        const colleagues = castable
          .filter(
            (p) =>
              p.accountName === account &&
              !inThread.has(p.id) &&
              p.joinedAt.getTime() <= now - 36 * HOUR_MS &&
              canTakeTitle(p, intro.role),
          )
          .sort((a, b) => a.joinedAt.getTime() - b.joinedAt.getTime());
        const distinct = colleagues.filter((p) => !firstNames.has(firstName(p.displayName)));
        const choices = distinct.length ? distinct : colleagues;
        if (choices.length === 0) throw new Error(`Nobody at ${account} can introduce themselves`);
        person = seat === "first" ? choices[0] : choices[choices.length - 1];
        if (intro.betaTester) betaMembers.add(person);
      }
      if (intro.role) giveTitle(person, intro.role);
      inThread.add(person.id);
      firstNames.add(firstName(person.displayName));
      appearances.set(person.id, (appearances.get(person.id) ?? 0) + 1);
      const joined = Math.max(person.joinedAt.getTime(), openedAt);
      const introduction: Draft = {
        author: person,
        at: joined + random.between(1, 20) * HOUR_MS,
        text: intro.text,
        me: person,
        replyTo: null,
      };
      drafts.push(introduction);
      let previous = introduction;
      for (const answer of intro.answers ?? []) {
        const draft: Draft = {
          author: answer.by === "me" ? person : named(answer.by),
          at: previous.at + (answer.after ?? random.between(1, 5)) * HOUR_MS,
          text: answer.text,
          me: person,
          replyTo: previous,
        };
        drafts.push(draft);
        previous = draft;
      }
      if (previous.at > latest) throw new Error(`${person.handle}'s introduction ends after now`);
    }
    drafts.sort((a, b) => a.at - b.at);
    const opening: PlannedPost = {
      id: randomUUID(),
      position: 1,
      author: opener,
      createdAt: openedAt,
      replyTo: null,
      original: render(script.title, script.opening.text, (handle) => named(handle as NamedHandle)),
      current: undefined as unknown as Rendered,
      edit: null,
    };
    opening.current = opening.original;
    const planned = new Map<Draft, PlannedPost>();
    const postsInOrder = [opening];
    drafts.forEach((draft, index) => {
      const rendered = render(script.title, draft.text, (part) =>
        part === "me" ? draft.me : named(part as NamedHandle),
      );
      const post: PlannedPost = {
        id: randomUUID(),
        position: index + 2,
        author: draft.author,
        createdAt: draft.at,
        replyTo: draft.replyTo ? planned.get(draft.replyTo)! : null,
        original: rendered,
        current: rendered,
        edit: null,
      };
      planned.set(draft, post);
      postsInOrder.push(post);
    });
    return {
      id: randomUUID(),
      space: script.space,
      kind: "discussion",
      title: script.title,
      posts: postsInOrder,
      pinned: true,
      readUpTo: new Map(),
      idea: null,
      learning: null,
    };
  }

  // --- Written threads ---------------------------------------------------------------------------
  function planThread(script: ThreadScript): PlannedThread {
    const where = script.title;
    // Threads don't start on the hour.
    const start = now - script.startedHoursAgo * HOUR_MS - random.between(0, 45) * MINUTE_MS;
    const end = now - script.lastReplyHoursAgo * HOUR_MS - random.between(0, 45) * MINUTE_MS;
    const times = [start, ...replyTimes(script, start, end)];
    if (times.at(-1)! > latest) throw new Error(`${where}: its last reply is after now`);
    const all: ScriptPost<string>[] = [script.opening, ...script.replies];
    const parts = Object.keys(script.cast);
    const isPart = (by: string) => parts.includes(by);

    // Named people who take part, then the parts in order of their first post.
    const inThread = {
      people: new Set<string>(),
      accounts: new Map<string, number>(),
      excludedAccounts: new Set<string>(),
    };
    const join = (person: DemoPerson) => {
      inThread.people.add(person.id);
      if (person.accountId)
        inThread.accounts.set(person.accountId, (inThread.accounts.get(person.accountId) ?? 0) + 1);
    };
    const firstNames = new Set<string>();
    for (const post of all) {
      if (isPart(post.by)) continue;
      const person = named(post.by as NamedHandle);
      join(person);
      firstNames.add(firstName(person.displayName));
    }
    const firstPostAt = new Map<string, number>();
    all.forEach((post, index) => {
      if (isPart(post.by) && !firstPostAt.has(post.by)) firstPostAt.set(post.by, times[index]);
    });
    const order = [...parts].sort(
      (a, b) => (firstPostAt.get(a) ?? start) - (firstPostAt.get(b) ?? start),
    );
    const cast = new Map<string, DemoPerson>();
    const castIn = (crowd: boolean, takenFirstNames: Set<string>) => {
      for (const part of order) {
        const entry = asEntry(script.cast[part]);
        if (Boolean(entry.crowd) !== crowd) continue;
        const person = castPart(
          `${where}: ${part}`,
          entry,
          firstPostAt.get(part) ?? start,
          inThread,
          takenFirstNames,
        );
        cast.set(part, person);
        join(person);
        if (!crowd) takenFirstNames.add(firstName(person.displayName));
      }
    };
    castIn(false, firstNames);
    // The crowd may share first names among themselves, never with anyone named in the texts,
    // and nobody from the asker's own company describes "our" practice to them.
    const asker = cast.get(script.opening.by) ?? named(script.opening.by as NamedHandle);
    if (asker.accountId) inThread.excludedAccounts.add(asker.accountId);
    castIn(true, new Set(firstNames));
    for (const person of cast.values())
      appearances.set(person.id, (appearances.get(person.id) ?? 0) + 1);
    const resolve = (part: string) => cast.get(part) ?? named(part as NamedHandle);

    const labelled = new Map<string, PlannedPost>();
    const planned: PlannedPost[] = [];
    all.forEach((scripted, index) => {
      const author = resolve(scripted.by);
      if (!canSee(author, script.space))
        throw new Error(`${where}: ${author.handle} can't see the ${script.space} space`);
      const label = index === 0 ? "opening" : scripted.id;
      const replyToLabel = scripted.replyTo;
      const replyTo = replyToLabel ? labelled.get(replyToLabel) : undefined;
      if (replyToLabel && !replyTo)
        throw new Error(`${where}: "${replyToLabel}" is not an earlier post`);
      const original = render(where, scripted.text, resolve);
      const post: PlannedPost = {
        id: randomUUID(),
        position: index + 1,
        author,
        createdAt: times[index],
        replyTo: replyTo ?? null,
        original,
        current: original,
        edit: null,
        reactions: scripted.reactions,
      };
      planned.push(post);
      if (label) labelled.set(label, post);
    });
    // Edits, once every post has its time: an edit may follow a later reply.
    all.forEach((scripted, index) => {
      if (!scripted.edit) return;
      const post = planned[index];
      const editor = scripted.edit.by ? named(scripted.edit.by) : post.author;
      if (!canSee(editor, script.space))
        throw new Error(`${where}: ${editor.handle} can't see the ${script.space} space`);
      post.edit = {
        at: editTime(where, post, scripted.edit, (label) => labelled.get(label)),
        editor,
        reason: editor === post.author ? null : (scripted.edit.reason ?? null),
      };
      if (editor !== post.author && !post.edit.reason)
        throw new Error(`${where}: a moderator's edit needs a reason`);
      post.current = render(where, editedText(where, scripted.text, scripted.edit), resolve);
    });
    for (const post of planned) checkQuotes(`${where} #${post.position}`, post);
    return {
      id: randomUUID(),
      space: script.space,
      kind: script.kind,
      title: script.title,
      posts: planned,
      pinned: false,
      readUpTo: new Map(
        (script.readUpTo ?? []).map(({ by, position }) => [named(by).id, position]),
      ),
      idea: planIdea(script, all, planned),
      learning: planLearning(script, planned, labelled),
    };
  }

  /** Reads a learning's corrections off its conversation: replies, the accepted one taken in. */
  function planLearning(
    script: ThreadScript,
    planned: PlannedPost[],
    labelled: Map<string, PlannedPost>,
  ): PlannedLearning | null {
    const where = script.title;
    if ((script.kind === "learning") !== Boolean(script.learning))
      throw new Error(`${where}: a learning thread, and only a learning thread, has sources`);
    if (!script.learning) return null;
    const opening = planned[0];
    if (!isStaff(opening.author)) throw new Error(`${where}: staff publish learnings`);
    const corrections = script.learning.corrections.map(({ reply, accepted }) => {
      const post = labelled.get(reply);
      if (!post || post.position === 1) throw new Error(`${where}: no reply labelled ${reply}`);
      if (isStaff(post.author)) throw new Error(`${where}: members correct a learning`);
      if (accepted && !(opening.edit && isStaff(opening.edit.editor)))
        throw new Error(`${where}: a correction is accepted by a staff revision of the learning`);
      if (accepted && opening.edit!.at <= post.createdAt)
        throw new Error(`${where}: the revision comes after the correction it takes in`);
      return { post, accepted: Boolean(accepted) };
    });
    if (corrections.filter((correction) => correction.accepted).length > 1)
      throw new Error(`${where}: the demo's learnings have one revision, for one correction`);
    return { script: script.learning, corrections };
  }

  /** Reads an idea's status messages and its posters' votes off its conversation. */
  function planIdea(
    script: ThreadScript,
    scripted: ScriptPost<string>[],
    planned: PlannedPost[],
  ): PlannedIdea | null {
    const where = script.title;
    if ((script.kind === "idea") !== Boolean(script.idea))
      throw new Error(`${where}: an idea thread, and only an idea thread, describes its idea`);
    if (!script.idea) {
      if (scripted.some((post) => post.status || post.vote !== undefined))
        throw new Error(`${where}: statuses and votes belong to ideas`);
      return null;
    }
    const author = planned[0].author;
    if (!isStaff(author) && !spaceOf(script.space).ideasEnabled)
      throw new Error(`${where}: members can't post ideas in the ${script.space} space`);
    const statusPosts: PlannedIdea["statusPosts"] = [];
    const posterVotes: PlannedIdea["posterVotes"] = [];
    const posted = new Set<string>([author.id]);
    scripted.forEach((post, index) => {
      const plannedPost = planned[index];
      const person = plannedPost.author;
      if (post.status) {
        if (!isStaff(person)) throw new Error(`${where}: only staff change an idea's status`);
        if (plannedPost.replyTo) throw new Error(`${where}: a status message answers no post`);
        statusPosts.push({ post: plannedPost, to: post.status });
      }
      const first = !posted.has(person.id);
      posted.add(person.id);
      if (post.vote !== undefined && (person.role !== "member" || !first))
        throw new Error(`${where}: a vote goes on a member's first post`);
      if (person.role === "member" && first && post.vote !== false)
        posterVotes.push({ person, postAt: plannedPost.createdAt, importance: post.vote ?? null });
    });
    return { script: script.idea, statusPosts, posterVotes };
  }

  const welcome = planWelcome();
  // The beta space: Inès, whoever staff promised an invitation, and a few members of larger
  // accounts who were around when it opened, each with a first name of their own.
  const beta = spaceOf("beta");
  const betaFirstNames = new Set([...betaMembers].map((p) => firstName(p.displayName)));
  const betaCandidates = castable.filter(
    (p) =>
      p.accountRank !== null &&
      p.accountRank <= 20 &&
      p.accountName !== "Northwind" &&
      p.joinedAt.getTime() <= beta.createdAt - DAY_MS,
  );
  for (let tries = 0; betaMembers.size < 8; tries++) {
    if (tries > 1000) throw new Error("Not enough members for the beta space");
    const person = random.pick(betaCandidates);
    if (betaMembers.has(person) || betaFirstNames.has(firstName(person.displayName))) continue;
    betaMembers.add(person);
    betaFirstNames.add(firstName(person.displayName));
  }
  const planned = [
    welcome,
    ...demoThreads(random, now).map(planThread),
    ...demoIdeas().map(planThread),
    ...demoLearnings().map(planThread),
  ];

  // --- Merged duplicates -------------------------------------------------------------------------
  /**
   * A duplicate idea staff merged into an earlier one, and the note the merge posted there (as the
   * idea page does, after the other idea's last post): it says how many votes moved.
   */
  type PlannedMerge = {
    id: string;
    from: PlannedThread;
    into: PlannedThread;
    by: DemoPerson;
    at: number;
    note: PlannedPost;
  };
  const merges: PlannedMerge[] = [];
  for (const from of planned) {
    const mergedInto = from.idea?.script.mergedInto;
    if (!mergedInto) continue;
    const where = from.title;
    const into = planned.find((thread) => thread.title === mergedInto.into && thread.idea);
    if (!into) throw new Error(`${where}: there is no idea titled "${mergedInto.into}"`);
    if (into.idea!.script.mergedInto) throw new Error(`${where}: ${into.title} is merged itself`);
    if (planned.indexOf(into) > planned.indexOf(from))
      throw new Error(`${where}: list it after the idea it is merged into`);
    if (from.posts[0].createdAt <= into.posts[0].createdAt)
      throw new Error(`${where}: a duplicate comes after the idea it duplicates`);
    // mergeIdea's rule: voters move with the merge, so they must all see where they go.
    if (from.space !== into.space && spaceOf(into.space).visibility !== "members")
      throw new Error(`${where}: merge into an idea in the same space, or in an open one`);
    const by = named(mergedInto.by);
    if (!isStaff(by)) throw new Error(`${where}: only staff merge ideas`);
    const at = now - mergedInto.hoursAgo * HOUR_MS - random.between(0, 45) * MINUTE_MS;
    if (at <= from.posts.at(-1)!.createdAt || at <= into.posts.at(-1)!.createdAt || at > latest)
      throw new Error(`${where}: the merge comes after both ideas' last posts`);
    const moved = from.idea!.script.votes;
    const text = `Merged “${from.title}” into this idea: its ${moved} ${moved === 1 ? "vote counts" : "votes count"} here now, and its followers follow this one.`;
    const rendered = render(where, text, (part) => named(part as NamedHandle));
    const note: PlannedPost = {
      id: randomUUID(),
      position: into.posts.length + 1,
      author: by,
      createdAt: Math.min(at + random.between(1, 3) * 1000, latest),
      replyTo: null,
      original: rendered,
      current: rendered,
      edit: null,
      reactions: 0,
    };
    into.posts.push(note);
    merges.push({ id: randomUUID(), from, into, by, at, note });
  }
  const proxyScripts = demoProxyVotes();

  // --- Who did what, when ------------------------------------------------------------------------
  type Reaction = { postId: string; userId: string; kind: ReactionKind; createdAt: number };
  const reactions: Reaction[] = [];
  /** Per thread, the last moment each person was active in it (posted, edited or reacted). */
  const activity = new Map<string, Map<string, number>>();
  const touch = (threadId: string, userId: string, at: number) => {
    const byUser = activity.get(threadId) ?? new Map<string, number>();
    byUser.set(userId, Math.max(byUser.get(userId) ?? 0, at));
    activity.set(threadId, byUser);
  };
  const reactionKinds = (thread: PlannedThread, post: PlannedPost, reactor: DemoPerson) => {
    if (isStaff(reactor)) return ["thanks", "helpful"] as const;
    const kinds: ReactionKind[] = ["helpful", "helpful", "helpful", "agree", "agree", "thanks"];
    if (thread.kind === "insight" && post.position === 1) kinds.push("insightful", "insightful");
    else kinds.push("insightful");
    if (isStaff(post.author)) kinds.push("thanks");
    return kinds;
  };

  for (const thread of planned) {
    const viewers = people.filter(
      (p) =>
        (p.role === "member" || p.role === "staff") &&
        canSee(p, thread.space) &&
        !thread.readUpTo.has(p.id),
    );
    const participants = new Set(thread.posts.map((post) => post.author.id));
    const long = thread.posts.length > 60;
    for (const post of thread.posts) {
      touch(thread.id, post.author.id, post.createdAt);
      if (post.edit) touch(thread.id, post.edit.editor.id, post.edit.at);
      let count: number;
      if (post.reactions !== undefined) count = post.reactions;
      else if (post.position === 1)
        count = thread.kind === "insight" ? random.int(4, 10) : random.int(1, 6);
      else if (isStaff(post.author)) count = random.int(1, 4);
      else if (long) count = random.next() < 0.55 ? 0 : random.int(1, 2);
      else count = random.next() < 0.35 ? 0 : random.int(1, 4);
      const candidates = viewers.filter(
        (p) => p.id !== post.author.id && p.joinedAt.getTime() < post.createdAt,
      );
      // People taking part in the thread are the likeliest to react.
      const weighted = [...candidates, ...candidates.filter((p) => participants.has(p.id))];
      const reactors = new Set<DemoPerson>();
      for (
        let tries = 0;
        reactors.size < Math.min(count, candidates.length) && tries < 200;
        tries++
      )
        reactors.add(random.pick(weighted));
      for (const reactor of reactors) {
        const delay = random.between(0.1, 1) * HOUR_MS + random.next() ** 3 * 4 * DAY_MS;
        const at = Math.min(post.createdAt + delay, latest);
        reactions.push({
          postId: post.id,
          userId: reactor.id,
          kind: random.pick(reactionKinds(thread, post, reactor)),
          createdAt: at,
        });
        touch(thread.id, reactor.id, at);
      }
    }
  }

  // --- Learnings: sources, confirmations, corrections ---------------------------------------
  // As the learning page records them: the sources with the learning (startLearning), the cited
  // authors told (notifyAboutNewPost's direct audience), members confirming (setConfirmation), replies
  // marked as corrections (recordCorrection), and the revision that took one in
  // (acceptCorrection).
  const sourceRows: Array<{
    learningId: string;
    threadId: string;
    postId: string | null;
    position: number;
  }> = [];
  /** Per learning, the authors of what it cites: they are told when it is published. */
  const citedAuthors = new Map<string, Set<string>>();
  const confirmationRows: Array<{ learningId: string; userId: string; createdAt: number }> = [];
  const correctionRows: Array<{
    postId: string;
    learningId: string;
    acceptedAt: number | null;
    acceptedById: string | null;
    acceptedRevision: number | null;
    createdAt: number;
  }> = [];
  for (const thread of planned) {
    if (!thread.learning) continue;
    const where = thread.title;
    const { script, corrections } = thread.learning;
    const opening = thread.posts[0];
    const readers = people.filter((person) => canSee(person, thread.space));
    const cited = new Set<string>();
    script.sources.forEach((source, index) => {
      const matching = planned.filter(
        (other) => !other.learning && other.title.startsWith(source.thread),
      );
      if (matching.length !== 1)
        throw new Error(`${where}: no one thread's title starts "${source.thread}"`);
      const [cites] = matching;
      if (readers.some((person) => !canSee(person, cites.space)))
        throw new Error(`${where}: its readers can't all see "${cites.title}"`);
      let post: PlannedPost | null = null;
      if (source.post) {
        const saying = cites.posts.filter((p) => p.current.bodyText.includes(source.post!));
        if (saying.length !== 1)
          throw new Error(`${where}: no one post of "${cites.title}" says "${source.post}"`);
        post = saying[0];
      }
      const cause = post ?? cites.posts[0];
      if (cause.createdAt >= opening.createdAt)
        throw new Error(`${where}: it cites "${cites.title}" before it was written`);
      if (cause.author !== opening.author) cited.add(cause.author.id);
      sourceRows.push({
        learningId: thread.id,
        threadId: cites.id,
        postId: post?.id ?? null,
        position: index + 1,
      });
    });
    citedAuthors.set(thread.id, cited);
    // Told they were cited, most of them looked within a day (if it's been a few days).
    for (const userId of cited) {
      const person = people.find((p) => p.id === userId)!;
      if (!canSee(person, thread.space) || opening.createdAt > now - 3 * DAY_MS) continue;
      if (random.next() < 0.75)
        touch(thread.id, userId, opening.createdAt + random.between(0.3, 20) * HOUR_MS);
    }

    for (const { post, accepted } of corrections) {
      correctionRows.push({
        postId: post.id,
        learningId: thread.id,
        acceptedAt: accepted ? opening.edit!.at : null,
        acceptedById: accepted ? opening.edit!.editor.id : null,
        acceptedRevision: accepted ? 2 : null,
        createdAt: post.createdAt,
      });
    }

    // Confirmations: the named members, then others who can see it, spread out after it was
    // published (most of them soon). Nobody whose correction is still open confirms it; a member
    // whose correction was taken in confirms the revised version.
    const confirm = (person: DemoPerson, after: number) => {
      const at = Math.min(after + random.next() ** 2 * (latest - after), latest);
      if (
        person.role !== "member" ||
        !canSee(person, thread.space) ||
        person.joinedAt.getTime() > at
      )
        throw new Error(`${where}: ${person.handle} can't confirm it`);
      confirmationRows.push({ learningId: thread.id, userId: person.id, createdAt: at });
      touch(thread.id, person.id, at);
    };
    const openCorrectors = new Set(
      corrections.filter((c) => !c.accepted).map((c) => c.post.author.id),
    );
    const confirmed = new Set<string>();
    for (const handle of script.confirmedBy ?? []) {
      confirm(named(handle), opening.createdAt + 10 * MINUTE_MS);
      confirmed.add(named(handle).id);
    }
    for (const { post, accepted } of corrections) {
      if (!accepted || confirmed.has(post.author.id)) continue;
      confirm(post.author, opening.edit!.at + 10 * MINUTE_MS);
      confirmed.add(post.author.id);
    }
    for (let n = 0; n < script.confirmations; n++) {
      const candidates = readers.filter(
        (person) =>
          person.role === "member" &&
          !confirmed.has(person.id) &&
          !openCorrectors.has(person.id) &&
          person.joinedAt.getTime() < opening.createdAt - HOUR_MS,
      );
      if (candidates.length === 0) throw new Error(`${where}: not enough members to confirm it`);
      const person = random.pick(candidates);
      confirm(person, opening.createdAt + 10 * MINUTE_MS);
      confirmed.add(person.id);
    }
  }

  // --- Ideas: their status history and their votes -------------------------------------------
  type StatusChange = {
    ideaId: string;
    fromStatus: IdeaStatus;
    toStatus: IdeaStatus;
    changedById: string;
    postId: string | null;
    createdAt: number;
  };
  type Vote = {
    ideaId: string;
    userId: string;
    importance: IdeaImportance;
    /** For a proxy vote: the staff member who recorded it, and their note. */
    addedById: string | null;
    proxyNote: string | null;
    createdAt: number;
    updatedAt: number;
  };
  const ideaRows: Array<{
    threadId: string;
    status: IdeaStatus;
    statusChangedAt: number | null;
    voteCount: number;
    mergedIntoId: string | null;
    createdAt: number;
  }> = [];
  const statusChanges: StatusChange[] = [];
  const votes: Vote[] = [];
  /** Voters watch what they vote for (castVote does it), from the moment they vote. */
  const voterWatches: Array<{ userId: string; threadId: string; createdAt: number }> = [];
  const isVotable = (status: IdeaStatus) =>
    (VOTABLE_IDEA_STATUSES as readonly IdeaStatus[]).includes(status);
  const trendingFrom = now - TRENDING_DAYS * DAY_MS;
  for (const thread of planned) {
    if (!thread.idea) continue;
    const { script, statusPosts, posterVotes } = thread.idea;
    const where = thread.title;
    const opening = thread.posts[0];
    const createdAt = opening.createdAt;

    // Each status message is posted, then the status set, as the idea page does it.
    const steps = [
      ...statusPosts.map(({ post, to }) => ({
        to,
        by: post.author,
        postId: post.id as string | null,
        at: Math.min(post.createdAt + 2_000, latest),
      })),
      ...(script.silentChanges ?? []).map((change) => ({
        to: change.to,
        by: named(change.by),
        postId: null,
        at: now - change.hoursAgo * HOUR_MS - random.between(0, 45) * MINUTE_MS,
      })),
    ].sort((a, b) => a.at - b.at);
    let status: IdeaStatus = "open";
    let statusChangedAt: number | null = null;
    let closedAt: number | null = null;
    for (const step of steps) {
      if (!isStaff(step.by)) throw new Error(`${where}: only staff change an idea's status`);
      if (step.at <= createdAt || step.at > latest)
        throw new Error(`${where}: a status change falls outside the idea's life`);
      if (step.to === status) throw new Error(`${where}: the idea is already ${status}`);
      if (closedAt !== null) throw new Error(`${where}: the demo doesn't reopen closed ideas`);
      statusChanges.push({
        ideaId: thread.id,
        fromStatus: status,
        toStatus: step.to,
        changedById: step.by.id,
        postId: step.postId,
        createdAt: step.at,
      });
      status = step.to;
      statusChangedAt = step.at;
      if (!isVotable(status)) closedAt = step.at;
    }
    // Votes come in while the idea takes them: until it shipped or was declined, or was merged
    // into another, or until now.
    const merge = merges.find((m) => m.from === thread);
    const votingEnds = Math.min(closedAt ?? latest, merge?.at ?? latest);
    if (closedAt !== null && script.recentVotes)
      throw new Error(`${where}: a closed idea gets no recent votes`);

    const voted = new Set<string>();
    const totalWeight = script.importance.reduce((sum, weight) => sum + weight, 0);
    const drawImportance = (): IdeaImportance => {
      let draw = random.next() * totalWeight;
      const index = script.importance.findIndex((weight) => (draw -= weight) < 0);
      return IDEA_IMPORTANCES[index === -1 ? IDEA_IMPORTANCES.length - 1 : index];
    };
    const vote = (person: DemoPerson, importance: IdeaImportance, at: number, mayChange = true) => {
      if (person.role !== "member") throw new Error(`${where}: ${person.handle} can't vote`);
      if (!canSee(person, thread.space) || at < person.joinedAt.getTime() || at > votingEnds)
        throw new Error(`${where}: ${person.handle} can't vote at that moment`);
      voted.add(person.id);
      // A few voters came back later to change how much it matters to them.
      const updatedAt =
        mayChange && random.next() < 0.08 ? at + random.next() * (votingEnds - at) : at;
      votes.push({
        ideaId: thread.id,
        userId: person.id,
        importance,
        addedById: null,
        proxyNote: null,
        createdAt: at,
        updatedAt,
      });
      touch(thread.id, person.id, at);
      voterWatches.push({ userId: person.id, threadId: thread.id, createdAt: at });
    };
    // A member's own idea carries their vote from the start.
    if (opening.author.role === "member") vote(opening.author, "important", createdAt, false);
    // Members who posted in support voted as they did, if it was still open.
    for (const poster of posterVotes) {
      const at = Math.max(
        createdAt + MINUTE_MS,
        poster.person.joinedAt.getTime() + MINUTE_MS,
        poster.postAt - random.between(2, 40) * MINUTE_MS,
      );
      if (at < votingEnds) vote(poster.person, poster.importance ?? drawImportance(), at);
    }
    // Everyone else who voted: members who can see the space, some from the pool the idea
    // speaks to most, most of them soon after it was posted or after they joined.
    const drawn = script.votes - voted.size;
    if (drawn < 0) throw new Error(`${where}: more members posted than voted`);
    const leaning = new Set(script.leaning ? poolMembers(script.leaning) : []);
    // A member staff record a vote for (below) hadn't voted for it, nor for a duplicate of it.
    const proxied = new Set(
      proxyScripts.flatMap((proxy) =>
        proxy.idea === (merge?.into.title ?? thread.title) && typeof proxy.for === "string"
          ? [named(proxy.for).id]
          : [],
      ),
    );
    // A duplicate's first votes may come from members who had voted for the other idea already.
    const earlierVoters = new Set(
      merge
        ? votes
            .filter((v) => v.ideaId === merge.into.id && v.createdAt < merge.at - HOUR_MS)
            .map((v) => v.userId)
        : [],
    );
    for (let n = 0; n < drawn; n++) {
      const recent = n < (script.recentVotes ?? 0);
      const shared = n < (script.mergedInto?.sharedVoters ?? 0);
      const from = (person: DemoPerson) =>
        Math.max(createdAt, person.joinedAt.getTime(), recent ? trendingFrom : 0) + 10 * MINUTE_MS;
      const candidates = members.filter(
        (person) =>
          !voted.has(person.id) &&
          !proxied.has(person.id) &&
          (!shared || earlierVoters.has(person.id)) &&
          canSee(person, thread.space) &&
          from(person) < votingEnds - HOUR_MS,
      );
      if (candidates.length === 0) throw new Error(`${where}: not enough members to vote`);
      const weighted = [
        ...candidates,
        ...candidates.filter((p) => leaning.has(p)).flatMap((p) => [p, p]),
      ];
      const person = random.pick(weighted);
      const start = from(person);
      const at = start + (votingEnds - start) * (recent ? random.next() : random.next() ** 2);
      vote(person, drawImportance(), at);
    }
    if (merge && voted.size !== script.votes)
      throw new Error(
        `${where}: its merge note counts ${script.votes} votes, it has ${voted.size}`,
      );
    if (merges.some((m) => m.into === thread) && closedAt !== null)
      throw new Error(`${where}: the demo merges duplicates into ideas still taking votes`);
    ideaRows.push({
      threadId: thread.id,
      status,
      statusChangedAt,
      voteCount: 0,
      mergedIntoId: merge?.into.id ?? null,
      createdAt,
    });
  }

  // Each merge as mergeIdea makes it: the duplicate's votes are kept with the merge (with the
  // voter's earlier vote on the other idea, if any), and move there; someone who had voted for
  // both keeps one vote, the more important of the two.
  const importanceRank = (importance: IdeaImportance) => IDEA_IMPORTANCES.indexOf(importance);
  const mergeVotes: Array<
    Vote & { mergeId: string; targetImportanceBefore: IdeaImportance | null }
  > = [];
  for (const merge of [...merges].sort((a, b) => a.at - b.at)) {
    const moving = votes.filter((vote) => vote.ideaId === merge.from.id);
    for (const vote of moving) {
      const existing = votes.find((v) => v.ideaId === merge.into.id && v.userId === vote.userId);
      const before = existing && existing.createdAt < merge.at ? existing : null;
      mergeVotes.push({
        ...vote,
        mergeId: merge.id,
        targetImportanceBefore: before?.importance ?? null,
      });
      if (before) {
        if (importanceRank(vote.importance) > importanceRank(before.importance)) {
          before.importance = vote.importance;
          before.updatedAt = Math.max(before.updatedAt, merge.at);
        }
      } else {
        // Had they come to vote there after the merge, they'd have found their vote already in.
        if (existing) votes.splice(votes.indexOf(existing), 1);
        votes.push({ ...vote, ideaId: merge.into.id });
      }
    }
    for (const vote of moving) votes.splice(votes.indexOf(vote), 1);
  }

  // Votes staff recorded for customers who asked on a call, as recordProxyVote does: for a member
  // with an account who can see the idea and hadn't voted for it, with the staff's note.
  const proxyVotes: Array<{ vote: Vote; by: DemoPerson }> = [];
  for (const script of proxyScripts) {
    const where = `A proxy vote for "${script.idea}"`;
    const thread = planned.find((t) => t.title === script.idea && t.idea);
    const row = ideaRows.find((r) => r.threadId === thread?.id);
    if (!thread || !row) throw new Error(`${where}: there is no such idea`);
    if (row.mergedIntoId || !isVotable(row.status))
      throw new Error(`${where}: the idea no longer takes votes`);
    const by = named(script.by);
    if (!isStaff(by)) throw new Error(`${where}: only staff record votes for others`);
    const at = now - script.hoursAgo * HOUR_MS - random.between(0, 45) * MINUTE_MS;
    const callAt = at - random.between(3, 40) * HOUR_MS;
    if (callAt <= thread.posts[0].createdAt || at > latest)
      throw new Error(`${where}: the call falls outside the idea's life`);
    const fits = (person: DemoPerson) =>
      person.role === "member" &&
      person.accountId !== null &&
      canSee(person, thread.space) &&
      person.joinedAt.getTime() < callAt - DAY_MS &&
      !votes.some((v) => v.ideaId === thread.id && v.userId === person.id);
    let person: DemoPerson;
    if (typeof script.for === "string") {
      person = named(script.for);
      if (!fits(person)) throw new Error(`${where}: ${person.handle} can't have a vote recorded`);
    } else {
      const choices = poolMembers(script.for.pool).filter(
        (p) => fits(p) && !proxyVotes.some((proxy) => proxy.vote.userId === p.id),
      );
      if (choices.length === 0) throw new Error(`${where}: nobody fits`);
      person = random.pick(choices);
    }
    const vote: Vote = {
      ideaId: thread.id,
      userId: person.id,
      importance: script.importance,
      addedById: by.id,
      proxyNote: script.note.replace("{date}", dayOfMonth(callAt)),
      createdAt: at,
      updatedAt: at,
    };
    votes.push(vote);
    proxyVotes.push({ vote, by });
  }
  for (const row of ideaRows)
    row.voteCount = votes.filter((vote) => vote.ideaId === row.threadId).length;

  // Staff observers read everything in the spaces they observe.
  for (const thread of planned) {
    const lastAt = thread.posts.at(-1)!.createdAt;
    for (const observer of observers)
      if (observer.space === thread.space && random.next() < 0.85)
        touch(thread.id, observer.person.id, lastAt);
  }

  /** How far each person has read each thread, and when they last looked. */
  type ReadState = { position: number; at: number };
  const reads = new Map<string, Map<string, ReadState>>();
  for (const thread of planned) {
    const states = new Map<string, ReadState>();
    const positionAt = (at: number) =>
      thread.posts.filter((post) => post.createdAt <= at).at(-1)!.position;
    for (const [userId, at] of activity.get(thread.id) ?? []) {
      // After their last action they stay a while or come back later, but not past now.
      const readAt = Math.min(at + random.next() ** 2 * 3 * DAY_MS, latest);
      states.set(userId, { position: positionAt(readAt), at: readAt });
    }
    for (const [userId, position] of thread.readUpTo) {
      const [upTo, next] = [thread.posts[position - 1], thread.posts[position]];
      const at = next
        ? upTo.createdAt + random.between(0.2, 0.8) * (next.createdAt - upTo.createdAt)
        : Math.min(upTo.createdAt + HOUR_MS, latest);
      states.set(userId, { position, at });
    }
    reads.set(thread.id, states);
  }

  // Thread authors watch their threads (as the app does); some who reply watch from then on.
  type Watch = { userId: string; threadId: string; createdAt: number };
  const watches: Watch[] = [];
  for (const thread of planned) {
    const seen = new Set<string>();
    for (const post of thread.posts) {
      if (seen.has(post.author.id)) continue;
      seen.add(post.author.id);
      if (post.position === 1 || random.next() < (thread.posts.length > 60 ? 0.05 : 0.2))
        watches.push({ userId: post.author.id, threadId: thread.id, createdAt: post.createdAt });
    }
  }
  // Voters watch the ideas they voted for; anyone already watching keeps their earlier watch.
  const earliestWatch = new Map<string, Watch>();
  for (const watch of [...watches, ...voterWatches]) {
    const key = `${watch.userId}|${watch.threadId}`;
    const known = earliestWatch.get(key);
    if (!known || watch.createdAt < known.createdAt) earliestWatch.set(key, watch);
  }
  // A merge makes the duplicate's followers follow the other idea from then on.
  for (const merge of merges) {
    for (const watch of [...earliestWatch.values()].filter((w) => w.threadId === merge.from.id)) {
      if (watch.createdAt > merge.at)
        throw new Error(`${merge.from.title}: a watch after its merge`);
      const key = `${watch.userId}|${merge.into.id}`;
      const known = earliestWatch.get(key);
      if (!known || known.createdAt > merge.at)
        earliestWatch.set(key, {
          userId: watch.userId,
          threadId: merge.into.id,
          createdAt: merge.at,
        });
    }
  }
  watches.splice(0, watches.length, ...earliestWatch.values());
  const spaceWatchRows = [
    { person: ines, space: "operations" as SpaceSlug, createdAt: ines.joinedAt.getTime() + DAY_MS },
    {
      person: named("maya"),
      space: "council" as SpaceSlug,
      createdAt: spaceOf("council").createdAt + 2 * HOUR_MS,
    },
  ];

  // Notifications as notifyAboutNewPost makes them: one per person by the strongest reason.
  type Notice = {
    userId: string;
    kind: NotificationKind;
    threadId: string;
    postId: string;
    actorId: string;
    createdAt: number;
    readAt: number | null;
    emailedAt: number | null;
  };
  const notices: Notice[] = [];
  const nextDigest = (at: number) => {
    const day = new Date(at);
    day.setUTCHours(7, 0, 0, 0);
    return day.getTime() > at ? day.getTime() : day.getTime() + DAY_MS;
  };
  for (const thread of planned) {
    const threadWatchers = watches.filter((watch) => watch.threadId === thread.id);
    for (const post of thread.posts) {
      const reasons = new Map<string, NotificationKind>();
      const consider = (userId: string, kind: NotificationKind) => {
        if (userId !== post.author.id && !reasons.has(userId)) reasons.set(userId, kind);
      };
      for (const userId of mentionedUserIds(post.current.body)) consider(userId, "mention");
      if (post.position === 1)
        for (const userId of citedAuthors.get(thread.id) ?? []) consider(userId, "cited");
      if (post.replyTo) consider(post.replyTo.author.id, "reply");
      for (const watch of threadWatchers)
        if (watch.createdAt <= post.createdAt) consider(watch.userId, "watched_thread");
      if (post.position === 1)
        for (const watch of spaceWatchRows)
          if (watch.space === thread.space && watch.createdAt <= post.createdAt)
            consider(watch.person.id, "watched_space");
      for (const [userId, kind] of reasons) {
        const person = people.find((p) => p.id === userId)!;
        if (!canSee(person, thread.space) || person.joinedAt.getTime() > post.createdAt) continue;
        const read = reads.get(thread.id)?.get(userId);
        const immediate = kind === "mention" || kind === "reply" || kind === "cited";
        const emailedAt = immediate
          ? post.createdAt + random.between(1, 3) * MINUTE_MS
          : nextDigest(post.createdAt);
        notices.push({
          userId,
          kind,
          threadId: thread.id,
          postId: post.id,
          actorId: post.author.id,
          createdAt: post.createdAt,
          readAt: read && read.position >= post.position ? read.at : null,
          emailedAt: emailedAt <= latest ? emailedAt : null,
        });
      }
    }
  }

  // --- Tags --------------------------------------------------------------------------------------
  // The staff set up their taxonomy with the spaces, and tag each thread within a day of it.
  const tagRows = DEMO_TAGS.map((tag, index) => ({
    id: randomUUID(),
    name: tag.name,
    color: tag.color,
    groupName: tag.groupName,
    visibility: tag.visibility,
    createdById: named(tag.by).id,
    createdAt: openedAt - 2 * DAY_MS + (index + 1) * 3 * MINUTE_MS,
  }));
  const tagByName = new Map(tagRows.map((tag) => [tag.name, tag]));
  const threadTagRows = DEMO_THREAD_TAGS.flatMap((entry) => {
    const matching = planned.filter((thread) => thread.title.startsWith(entry.title));
    if (matching.length !== 1)
      throw new Error(`Tags: no one thread's title starts "${entry.title}"`);
    const [thread] = matching;
    const by = named(entry.by);
    if (!isStaff(by)) throw new Error(`Tags: only staff tag threads`);
    const at = Math.min(thread.posts[0].createdAt + random.between(0.5, 20) * HOUR_MS, latest);
    return entry.tags.map((name, n) => {
      const tag = tagByName.get(name);
      if (!tag) throw new Error(`Tags: there is no tag named ${name}`);
      return { threadId: thread.id, tagId: tag.id, addedById: by.id, addedAt: at + n * 4_000 };
    });
  });

  // --- Writing it all down -----------------------------------------------------------------------
  const date = (ms: number) => new Date(ms);
  await tx.insert(spaces).values(
    spaceSpecs.map((spec, index) => ({
      id: spaceOf(spec.slug).id,
      slug: spec.slug,
      name: spec.name,
      description: spec.description,
      visibility: spec.visibility,
      minTier: spec.minTier ?? null,
      ideasEnabled: spec.ideasEnabled,
      position: index + 1,
      createdById: admin.id,
      createdAt: date(spec.createdAt),
    })),
  );
  const observerRows = observers.map(({ space, person }) => ({
    spaceId: spaceOf(space).id,
    userId: person.id,
    since: date(spaceOf(space).createdAt + 30 * MINUTE_MS),
  }));
  await tx.insert(spaceObservers).values(observerRows);
  const memberRows = [...betaMembers].map((person, index) => ({
    spaceId: beta.id,
    userId: person.id,
    addedById: admin.id,
    addedAt: date(beta.createdAt + (index + 1) * 10 * MINUTE_MS),
  }));
  await tx.insert(spaceMembers).values(memberRows);
  await tx.insert(spaceWatches).values(
    spaceWatchRows.map((watch) => ({
      userId: watch.person.id,
      spaceId: spaceOf(watch.space).id,
      createdAt: date(watch.createdAt),
    })),
  );

  await tx.insert(threads).values(
    planned.map((thread) => {
      const first = thread.posts[0];
      const last = thread.posts.at(-1)!;
      return {
        id: thread.id,
        spaceId: spaceOf(thread.space).id,
        authorId: first.author.id,
        kind: thread.kind,
        title: thread.title,
        replyCount: thread.posts.length - 1,
        lastPosition: last.position,
        pinnedAt: thread.pinned ? date(first.createdAt + 5 * MINUTE_MS) : null,
        createdAt: date(first.createdAt),
        lastActivityAt: date(last.createdAt),
      };
    }),
  );
  await tx.insert(tags).values(
    tagRows.map((tag) => ({
      ...tag,
      createdAt: date(tag.createdAt),
      updatedAt: date(tag.createdAt),
    })),
  );
  await tx
    .insert(threadTags)
    .values(threadTagRows.map((row) => ({ ...row, addedAt: date(row.addedAt) })));
  const allPosts = planned.flatMap((thread) => thread.posts.map((post) => ({ thread, post })));
  // Replies point at earlier posts of the same thread, so each chunk's targets exist by then.
  for (const chunk of chunks(allPosts, 500)) {
    await tx.insert(posts).values(
      chunk.map(({ thread, post }) => ({
        id: post.id,
        threadId: thread.id,
        authorId: post.author.id,
        position: post.position,
        replyToPostId: post.replyTo?.id ?? null,
        body: post.current.body,
        bodyHtml: post.current.bodyHtml,
        bodyText: post.current.bodyText,
        searchTitle: post.position === 1 ? thread.title : null,
        createdAt: date(post.createdAt),
        editedAt: post.edit ? date(post.edit.at) : null,
      })),
    );
  }
  const revisions = allPosts.flatMap(({ thread, post }) => {
    const title = post.position === 1 ? thread.title : null;
    const first = {
      postId: post.id,
      revision: 1,
      title,
      body: post.original.body,
      bodyText: post.original.bodyText,
      changes: null,
      editorId: post.author.id,
      reason: null,
      createdAt: date(post.createdAt),
    };
    if (!post.edit) return [first];
    return [
      first,
      {
        postId: post.id,
        revision: 2,
        title,
        body: post.current.body,
        bodyText: post.current.bodyText,
        changes: diffRevisionTexts(post.original.bodyText, post.current.bodyText),
        editorId: post.edit.editor.id,
        reason: post.edit.reason,
        createdAt: date(post.edit.at),
      },
    ];
  });
  for (const chunk of chunks(revisions, 500)) await tx.insert(postRevisions).values(chunk);
  if (sourceRows.length) await tx.insert(learningSources).values(sourceRows);
  if (confirmationRows.length)
    await tx
      .insert(learningConfirmations)
      .values(confirmationRows.map((row) => ({ ...row, createdAt: date(row.createdAt) })));
  if (correctionRows.length)
    await tx.insert(learningCorrections).values(
      correctionRows.map((row) => ({
        ...row,
        acceptedAt: row.acceptedAt === null ? null : date(row.acceptedAt),
        createdAt: date(row.createdAt),
      })),
    );
  if (ideaRows.length)
    await tx.insert(ideas).values(
      ideaRows.map((row) => ({
        ...row,
        statusChangedAt: row.statusChangedAt === null ? null : date(row.statusChangedAt),
        createdAt: date(row.createdAt),
      })),
    );
  for (const chunk of chunks(votes, 1000))
    await tx.insert(ideaVotes).values(
      chunk.map((row) => ({
        ...row,
        createdAt: date(row.createdAt),
        updatedAt: date(row.updatedAt),
      })),
    );
  if (merges.length) {
    await tx.insert(ideaMerges).values(
      merges.map((merge) => ({
        id: merge.id,
        fromIdeaId: merge.from.id,
        intoIdeaId: merge.into.id,
        mergedById: merge.by.id,
        createdAt: date(merge.at),
      })),
    );
    await tx.insert(ideaMergeVotes).values(
      mergeVotes.map(({ ideaId: _idea, ...row }) => ({
        ...row,
        createdAt: date(row.createdAt),
        updatedAt: date(row.updatedAt),
      })),
    );
  }
  // Every vote is final by now (moved by merges, recorded by staff): each idea's count, and the
  // value it represents (staff see it) from its voters' accounts, each counted once.
  await tx.execute(sql`update ideas set
    vote_count = (select count(*)::int from idea_votes v where v.idea_id = ideas.thread_id),
    value_cents = (
      select coalesce(sum(a.revenue_cents), 0) from accounts a where a.id in (
        select u.account_id from idea_votes v join users u on u.id = v.user_id
        where v.idea_id = ideas.thread_id))`);
  if (statusChanges.length)
    await tx
      .insert(ideaStatusChanges)
      .values(statusChanges.map((change) => ({ ...change, createdAt: date(change.createdAt) })));
  for (const chunk of chunks(reactions, 1000))
    await tx
      .insert(postReactions)
      .values(chunk.map((reaction) => ({ ...reaction, createdAt: date(reaction.createdAt) })))
      .onConflictDoNothing();
  for (const chunk of chunks(watches, 1000))
    await tx
      .insert(threadWatches)
      .values(chunk.map((watch) => ({ ...watch, createdAt: date(watch.createdAt) })))
      .onConflictDoNothing();
  const readRows = planned.flatMap((thread) =>
    [...(reads.get(thread.id) ?? [])].map(([userId, state]) => ({
      userId,
      threadId: thread.id,
      lastReadPosition: state.position,
      updatedAt: date(state.at),
    })),
  );
  for (const chunk of chunks(readRows, 1000)) await tx.insert(threadReads).values(chunk);
  for (const chunk of chunks(notices, 1000))
    await tx.insert(notifications).values(
      chunk.map((notice) => ({
        ...notice,
        createdAt: date(notice.createdAt),
        readAt: notice.readAt === null ? null : date(notice.readAt),
        emailedAt: notice.emailedAt === null ? null : date(notice.emailedAt),
      })),
    );

  // The audit log holds what admins, staff and moderators did, as the app records it.
  await tx.insert(auditEvents).values([
    ...spaceSpecs.map((spec) => ({
      actorId: admin.id,
      action: "space.created",
      targetType: "space",
      targetId: spaceOf(spec.slug).id,
      details: { name: spec.name },
      createdAt: date(spec.createdAt),
    })),
    ...observerRows.map((row) => ({
      actorId: admin.id,
      action: "space.observer_added",
      targetType: "space",
      targetId: row.spaceId,
      details: { userId: row.userId },
      createdAt: row.since,
    })),
    ...memberRows.map((row) => ({
      actorId: admin.id,
      action: "space.member_added",
      targetType: "space",
      targetId: row.spaceId,
      details: { userId: row.userId },
      createdAt: row.addedAt,
    })),
    {
      actorId: admin.id,
      action: "thread.pinned",
      targetType: "thread",
      targetId: welcome.id,
      details: {},
      createdAt: date(welcome.posts[0].createdAt + 5 * MINUTE_MS),
    },
    // As setIdeaStatus records each change.
    ...statusChanges.map((change) => ({
      actorId: change.changedById,
      action: "idea.status_changed",
      targetType: "thread",
      targetId: change.ideaId,
      details: { from: change.fromStatus, to: change.toStatus },
      createdAt: date(change.createdAt),
    })),
    ...tagRows.map((tag) => ({
      actorId: tag.createdById,
      action: "tag.created",
      targetType: "tag",
      targetId: tag.id,
      details: {
        name: tag.name,
        color: tag.color,
        groupName: tag.groupName,
        visibility: tag.visibility,
      },
      createdAt: date(tag.createdAt),
    })),
    ...threadTagRows.map((row) => ({
      actorId: row.addedById,
      action: "thread.tagged",
      targetType: "thread",
      targetId: row.threadId,
      details: { tag: tagRows.find((tag) => tag.id === row.tagId)!.name },
      createdAt: date(row.addedAt),
    })),
    // As mergeIdea and recordProxyVote record them.
    ...merges.map((merge) => ({
      actorId: merge.by.id,
      action: "idea.merged",
      targetType: "thread",
      targetId: merge.from.id,
      details: {
        into: merge.into.id,
        votesMoved: mergeVotes.filter((vote) => vote.mergeId === merge.id).length,
      },
      createdAt: date(merge.at),
    })),
    ...proxyVotes.map(({ vote, by }) => ({
      actorId: by.id,
      action: "idea.proxy_vote_recorded",
      targetType: "thread",
      targetId: vote.ideaId,
      details: { for: vote.userId, importance: vote.importance, note: vote.proxyNote },
      createdAt: date(vote.createdAt),
    })),
    // As acceptCorrection records it, with the revision that took the correction in.
    ...correctionRows.flatMap((row) =>
      row.acceptedAt === null
        ? []
        : [
            {
              actorId: row.acceptedById,
              action: "learning.correction_accepted",
              targetType: "thread",
              targetId: row.learningId,
              details: { correction: row.postId, revision: row.acceptedRevision },
              createdAt: date(row.acceptedAt),
            },
          ],
    ),
    ...allPosts.flatMap(({ post }) =>
      post.edit?.reason
        ? [
            {
              actorId: post.edit.editor.id,
              action: "post.edited_by_moderator",
              targetType: "post",
              targetId: post.id,
              details: { reason: post.edit.reason, authorId: post.author.id, revision: 2 },
              createdAt: date(post.edit.at),
            },
          ]
        : [],
    ),
  ]);

  // Bios say what each member does where, as their introduction or their posts describe it.
  const bios = members
    .filter((person) => person !== ines && person !== sam)
    .map((person) => ({
      id: person.id,
      bio: `${titleOf.get(person.id)} at ${person.accountName}.`,
    }));
  await tx.execute(sql`
    update users set bio = v.bio
    from (values ${sql.join(
      bios.map((row) => sql`(${row.id}::uuid, ${row.bio})`),
      sql`, `,
    )}) as v(id, bio)
    where users.id = v.id`);
  // Everyone was last seen no earlier than the last thing they did.
  await tx.execute(sql`
    update users set last_seen_at = greatest(users.last_seen_at, done.at)
    from (
      select user_id, max(at) as at from (
        select author_id as user_id, created_at as at from posts
        union all select editor_id, created_at from post_revisions
        union all select user_id, created_at from post_reactions
        union all select user_id, updated_at from idea_votes where added_by_id is null
        union all select user_id, updated_at from thread_reads
        union all select user_id, read_at from notifications where read_at is not null
      ) everything group by user_id
    ) done
    where users.id = done.user_id`);

  return { welcomeThreadId: welcome.id };
}

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** "12 March": how staff date a call in a note. */
function dayOfMonth(ms: number): string {
  const day = new Date(ms);
  return `${day.getUTCDate()} ${MONTHS[day.getUTCMonth()]}`;
}

function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let index = 0; index < items.length; index += size)
    result.push(items.slice(index, index + size));
  return result;
}
