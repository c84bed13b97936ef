import { randomBytes } from "node:crypto";
import { eq, like, sql } from "drizzle-orm";
import {
  accounts,
  accountSnapshots,
  backlogAnnouncements,
  backlogItems,
  membershipInvitations,
  moderationNotices,
  moderationReviews,
  outboxEmails,
  passwordHashes,
  posts,
  rateLimits,
  threads,
  users,
  type ThreadKind,
  type UserRole,
} from "#db/schema";
import { hashPassword } from "~/auth/password.server";
import { db } from "~/db.server";

export const TEST_PASSWORD = "correct-horse-battery-staple";

let cachedHash: Promise<string> | undefined;
const testPasswordHash = () => (cachedHash ??= hashPassword(TEST_PASSWORD));

const unique = () => randomBytes(4).toString("hex");

export async function createAccount(overrides: Partial<typeof accounts.$inferInsert> = {}) {
  const [account] = await db
    .insert(accounts)
    .values({ name: `Account ${unique()}`, revenueCents: 100_000_00, ...overrides })
    .returning();
  // As every real write of account values does: the kept insight figures no longer count.
  await staleTestInsightFigures();
  return account;
}

/** An account's values as of a date, as an import would record them. */
export async function createTestSnapshot(
  accountId: string,
  asOf: string,
  values: { revenueCents: number; grossProfitCents?: number; lifetimeValueCents?: number },
) {
  await db.insert(accountSnapshots).values({
    accountId,
    asOf,
    segment: "",
    region: "",
    revenueCents: values.revenueCents,
    grossProfitCents: values.grossProfitCents ?? Math.round(values.revenueCents * 0.3),
    lifetimeValueCents: values.lifetimeValueCents ?? values.revenueCents * 4,
    products: [],
  });
  // The standings of this date and later, as every real write of snapshots keeps them.
  await db.execute(sql`select refresh_account_standings(${asOf}::date)`);
  await staleTestInsightFigures();
}

async function staleTestInsightFigures() {
  const { staleInsightFigures } = await import("~/models/insight-figures.server");
  await staleInsightFigures(db);
}

/** A person with a password (TEST_PASSWORD); members get an account of their own unless given one. */
export async function createUser(
  options: {
    role?: UserRole;
    accountId?: string;
    status?: "active" | "suspended";
    email?: string;
    displayName?: string;
    /** 1 unless a test is about new members' stricter limits (0) or trusted members (2, 3). */
    trustLevel?: number;
  } = {},
) {
  const role = options.role ?? "member";
  const accountId = options.accountId ?? (role === "member" ? (await createAccount()).id : null);
  const handle = `user_${unique()}`;
  const [user] = await db
    .insert(users)
    .values({
      email: options.email ?? `${handle}@example.test`,
      displayName: options.displayName ?? `Test ${handle}`,
      handle,
      role,
      accountId,
      status: options.status ?? "active",
      trustLevel: options.trustLevel ?? 1,
    })
    .returning();
  await db.insert(passwordHashes).values({ userId: user.id, hash: await testPasswordHash() });
  return user;
}

export async function emailsTo(address: string) {
  return db.select().from(outboxEmails).where(eq(outboxEmails.to, address));
}

/** The first link to this site in a message's text. */
export function linkIn(text: string, pathPrefix: string): string {
  const match = text.match(new RegExp(`https?://[^\\s]+${pathPrefix}[^\\s]+`));
  if (!match) throw new Error(`No ${pathPrefix} link in: ${text}`);
  return match[0];
}

/** A space through the same model the admin pages use. */
export async function createTestSpace(
  options: {
    visibility?: "members" | "tier" | "private";
    minTier?: "top1" | "top10" | null;
    name?: string;
    ideasEnabled?: boolean;
  } = {},
) {
  const { createSpace } = await import("~/models/space.server");
  const admin = await createUser({ role: "admin" });
  const slug = `space-${unique()}`;
  const name = options.name ?? `Space ${slug}`;
  const id = await createSpace(admin, {
    name,
    slug,
    description: "",
    visibility: options.visibility ?? "members",
    minTier: options.minTier ?? null,
    ideasEnabled: options.ideasEnabled ?? false,
  });
  // The admin who made it, to act on it as the admin pages do (people lists, settings).
  return { id, slug, name, admin };
}

type TestViewer = { id: string; role: UserRole; accountId: string | null };

/**
 * A thread with `replies` plain-text replies, written through the real model functions. Fixtures
 * skip the posting check (its rate and double-post rules would stop a pile of test posts); tests
 * of the check call the models themselves (app/models/posting-paths.server.test.ts).
 */
export async function createTestThread(
  author: TestViewer,
  spaceId: string,
  options: { title?: string; body?: string; replies?: number; kind?: ThreadKind } = {},
) {
  const { readPostContent } = await import("~/models/post-content.server");
  const { createThread } = await import("~/models/thread.server");
  const { createReply } = await import("~/models/post.server");
  const content = (text: string) => {
    const result = readPostContent(undefined, text);
    if (!result.ok) throw new Error(result.message);
    return result.content;
  };
  const created = await createThread(author, spaceId, {
    kind: options.kind ?? "discussion",
    title: options.title ?? `Thread ${unique()}`,
    content: content(options.body ?? "Opening post"),
    bypassPostingCheck: "fixture",
  });
  for (let i = 0; i < (options.replies ?? 0); i++) {
    await createReply(author, created.threadId, {
      content: content(`Reply number ${i + 1}`),
      replyToPostId: null,
      bypassPostingCheck: "fixture",
    });
  }
  return created;
}

/** One plain-text reply by `author`, written through the real model (without the posting check). */
export async function createTestReply(author: TestViewer, threadId: string, text: string) {
  const { readPostContent } = await import("~/models/post-content.server");
  const { createReply } = await import("~/models/post.server");
  const content = readPostContent(undefined, text);
  if (!content.ok) throw new Error(content.message);
  return createReply(author, threadId, {
    content: content.content,
    replyToPostId: null,
    bypassPostingCheck: "fixture",
  });
}

/**
 * A plain-text reply announced as the reply form announces it: the people it mentions, the
 * thread's watchers and the author it answers are told (notifications, immediate emails).
 */
export async function createTestAnnouncedReply(
  author: TestViewer,
  threadId: string,
  text: string,
  mentionIds: string[] = [],
) {
  const { notifyAboutNewPost } = await import("~/models/notification.server");
  const { postId } = await createTestReply(author, threadId, text);
  await notifyAboutNewPost({ actor: author, threadId, postId, mentionIds, isNewThread: false });
  return postId;
}

/** A public tag, made as the tags page makes it (by staff or an admin). */
export async function createTestTag(actor: TestViewer, name: string) {
  const { createTag } = await import("~/models/tag.server");
  const id = await createTag(actor, {
    name,
    color: "blue",
    groupName: null,
    visibility: "public",
  });
  return { id, name };
}

/** A member's vote on an idea, cast as the idea page casts it. */
export async function castTestVote(
  voter: TestViewer,
  ideaId: string,
  importance: "nice_to_have" | "important" | "critical",
) {
  const { castVote } = await import("~/models/idea.server");
  await castVote(voter, ideaId, importance);
}

/** Text per section, for tests: each becomes the section's document. */
export type TestSections = Partial<
  Record<"problem" | "proposal" | "who_benefits" | "success_measures" | "open_questions", string>
>;

/** A proposal made as the new-proposal page makes it (a draft, its author the first co-author). */
export async function createTestProposal(
  author: TestViewer,
  spaceId: string,
  options: {
    title?: string;
    sections?: TestSections;
    sourceIdeaId?: string;
    /** People who have accepted to co-author it. */
    coauthors?: TestViewer[];
    /** Opened for feedback by its author. */
    open?: boolean;
  } = {},
) {
  const { readProposalDocument, documentAsPost } =
    await import("~/models/proposal-document.server");
  const { createThread } = await import("~/models/thread.server");
  const sections = testSections(
    options.sections ?? { problem: "Exports are manual.", proposal: "Schedule them." },
  );
  const created = await createThread(author, spaceId, {
    kind: "proposal",
    title: options.title ?? `Proposal ${unique()}`,
    content: documentAsPost(sections),
    proposal: { sections, sourceIdeaId: options.sourceIdeaId ?? null },
    bypassPostingCheck: "fixture",
  });
  const { answerInvitation, inviteCoauthor } = await import("~/models/proposal-coauthor.server");
  const { setProposalStage } = await import("~/models/proposal-stage.server");
  for (const coauthor of options.coauthors ?? []) {
    const [row] = await db
      .select({ handle: users.handle })
      .from(users)
      .where(eq(users.id, coauthor.id));
    await inviteCoauthor(author, created.threadId, row.handle);
    await answerInvitation(coauthor, created.threadId, true);
  }
  if (options.open) {
    await setProposalStage(author, created.threadId, { to: "open", rationale: "" });
  }
  return created;

  function testSections(text: TestSections) {
    const read = readProposalDocument(
      Object.fromEntries(Object.entries(text).map(([key, value]) => [key, { text: value }])),
    );
    if (!read.ok) throw new Error(JSON.stringify(read.fieldErrors));
    return read.sections;
  }
}

/** A co-author's saved revision, as the proposal editor saves one (on top of the latest). */
export async function reviseTestProposal(
  author: TestViewer,
  threadId: string,
  title: string,
  text: TestSections,
) {
  const { readProposalDocument } = await import("~/models/proposal-document.server");
  const { saveProposal } = await import("~/models/proposal.server");
  const { listRevisions } = await import("~/models/proposal-revision.server");
  const read = readProposalDocument(
    Object.fromEntries(Object.entries(text).map(([key, value]) => [key, { text: value }])),
  );
  if (!read.ok) throw new Error(JSON.stringify(read.fieldErrors));
  const [latest] = await listRevisions(threadId);
  const saved = await saveProposal(author, threadId, {
    baseRevision: latest.revision,
    title,
    sections: read.sections,
  });
  if (saved.status !== "saved") throw new Error(`Proposal not saved: ${saved.status}`);
}

/** A backlog item made as the new-item page makes it, optionally from a thread (its evidence). */
export async function createTestBacklogItem(
  actor: TestViewer,
  options: {
    title?: string;
    fromThreadId?: string;
    isPublic?: boolean;
    target?: string;
    /** Moved there after it is made, announced as the status page announces it. */
    status?: "planned" | "in_progress" | "shipped";
  } = {},
) {
  const { createBacklogItem } = await import("~/models/backlog.server");
  const { setBacklogStatus } = await import("~/models/backlog-status.server");
  const title = options.title ?? `Item ${unique()}`;
  const id = await createBacklogItem(
    actor,
    {
      title,
      description: null,
      ownerId: null,
      target: options.target ?? "",
      externalUrl: null,
      isPublic: options.isPublic ?? false,
      tagIds: [],
    },
    options.fromThreadId ? { threadId: options.fromThreadId } : null,
  );
  if (options.status) await setBacklogStatus(actor, id, options.status);
  return { id, title };
}

/** A member's flag on a post, raised as the flag form raises it. */
export async function flagTestPost(flagger: TestViewer, postId: string, note = "Off topic here") {
  const { flagContent } = await import("~/models/flag.server");
  return flagContent(flagger, { postId, reason: "other", note });
}

/**
 * Piles history onto a proposal fast, straight into its tables: copies of its first revision
 * numbered on from 2, and section comments (every third on a passage). For tests that measure
 * reading a long history, not writing it.
 */
export async function addTestProposalHistory(
  threadId: string,
  authorId: string,
  options: { revisions: number; comments: number },
) {
  const { proposalComments, proposalRevisions } = await import("#db/schema");
  const [first] = await db
    .select()
    .from(proposalRevisions)
    .where(eq(proposalRevisions.threadId, threadId))
    .limit(1);
  await db
    .insert(proposalRevisions)
    .values(Array.from({ length: options.revisions }, (_, i) => ({ ...first, revision: i + 2 })));
  await db.insert(proposalComments).values(
    Array.from({ length: options.comments }, (_, i) => ({
      threadId,
      section: i % 2 ? ("problem" as const) : ("proposal" as const),
      authorId,
      body: `Comment ${i}`,
      quote: i % 3 ? null : "Exports",
      revision: 1,
    })),
  );
}

/** Locks a thread as an admin would (the same model function, audited): any author but an admin. */
export async function lockTestThread(threadId: string) {
  const { setThreadFlag } = await import("~/models/thread-moderation.server");
  const admin = await createUser({ role: "admin" });
  await setThreadFlag(admin, threadId, "locked", true);
}

/** A person's row as stored, for tests that check what an action changed. */
export async function readTestUser(userId: string) {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  return user;
}

/** Silences (or un-silences) someone directly, for tests about what a silenced person meets. */
export async function setTestSilenced(userId: string, silenced: boolean) {
  await db
    .update(users)
    .set({ silencedAt: silenced ? new Date() : null })
    .where(eq(users.id, userId));
}

/** Forgets a person's posting-rate counters of one kind ("edit", "reply"…). */
export async function clearTestRateLimits(userId: string, kind: string) {
  await db.delete(rateLimits).where(like(rateLimits.key, `posting:${kind}:${userId}:%`));
}

/** The status changes waiting out their undo window for an item. */
export async function readTestAnnouncements(itemId: string) {
  return db.select().from(backlogAnnouncements).where(eq(backlogAnnouncements.itemId, itemId));
}

export async function dropTestAnnouncements(itemId: string) {
  await db.delete(backlogAnnouncements).where(eq(backlogAnnouncements.itemId, itemId));
}

export async function readTestBacklogStatus(itemId: string) {
  const [item] = await db
    .select({ status: backlogItems.status })
    .from(backlogItems)
    .where(eq(backlogItems.id, itemId));
  return item.status;
}

/** The id of the review a flagged post opened. */
export async function readTestReviewId(postId: string) {
  const [review] = await db
    .select({ id: moderationReviews.id })
    .from(moderationReviews)
    .where(eq(moderationReviews.postId, postId));
  return review.id;
}

/** A post's and its thread's stored moderation and lock state. */
export async function readTestPostState(postId: string) {
  const [row] = await db
    .select({ moderation: posts.moderation, lockedAt: threads.lockedAt })
    .from(posts)
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .where(eq(posts.id, postId));
  return row;
}

/** A thread's stored lock time. */
export async function readTestThreadLockedAt(threadId: string) {
  const [row] = await db
    .select({ lockedAt: threads.lockedAt })
    .from(threads)
    .where(eq(threads.id, threadId));
  return row.lockedAt;
}

/** A notice recorded as the moderation models record one. */
export async function recordTestNotice(
  input: Parameters<typeof import("~/models/moderation-notice.server").recordNotice>[1],
) {
  const { recordNotice } = await import("~/models/moderation-notice.server");
  return recordNotice(db, input);
}

/** A notice's stored appeal state, by its id or by the post it is about. */
export async function readTestNotice(by: { id: string } | { postId: string }) {
  const [notice] = await db
    .select({ id: moderationNotices.id, appealStatus: moderationNotices.appealStatus })
    .from(moderationNotices)
    .where("id" in by ? eq(moderationNotices.id, by.id) : eq(moderationNotices.postId, by.postId));
  return notice;
}

/** Closes every waiting status change's undo window now, as time passing would. */
export async function closeTestUndoWindows() {
  const { backlogAnnouncements } = await import("#db/schema");
  await db.update(backlogAnnouncements).set({ sendAt: sql`now() - interval '1 second'` });
}

/** Makes every reminder of this person's bookmarks due now and runs the reminders job's work. */
export async function sendTestBookmarkRemindersNow(userId: string) {
  await db.execute(
    sql`update bookmarks set remind_at = now() - interval '1 minute' where user_id = ${userId} and remind_at is not null and reminded_at is null`,
  );
  const { sendDueBookmarkReminders } = await import("~/models/bookmark.server");
  return sendDueBookmarkReminders();
}

/** Invitations prepared for an account's contact emails, as an account entering the top tiers leaves them. */
export async function prepareTestMembershipInvitations(accountId: string, emails: string[]) {
  const rows = await db
    .insert(membershipInvitations)
    .values(emails.map((email) => ({ accountId, email })))
    .returning({ id: membershipInvitations.id, email: membershipInvitations.email });
  return rows;
}

export async function readTestMembershipInvitation(id: string) {
  const [row] = await db
    .select()
    .from(membershipInvitations)
    .where(eq(membershipInvitations.id, id));
  return row;
}

/** Settles every account's tier as the app's last value write would have (and acts on it). */
export async function settleTestTierChanges() {
  const { settleTierChanges } = await import("~/models/value-membership.server");
  await db.transaction((tx) => settleTierChanges(tx, null));
}

/** What the hourly job keeps: every month of every account's activity, and the last 90 days. */
export async function refreshTestAccountActivity() {
  const { refreshAccountActivity } = await import("~/models/account-activity.server");
  await refreshAccountActivity({ full: true });
}

/** Moves every post `authorId` wrote so far back in time, as if written `daysAgo` days ago. */
export async function backdateTestPosts(authorId: string, daysAgo: number) {
  await db.execute(sql`update ${posts} set created_at = now() - make_interval(days => ${daysAgo})
    where ${posts.authorId} = ${authorId}`);
}

/**
 * A member who was active three months ago and has been silent since: a thread with `posts - 1`
 * replies, all dated 75 days back.
 */
export async function createTestQuietMember(
  options: { accountId?: string; displayName?: string; spaceId?: string; posts?: number } = {},
) {
  const member = await createUser({
    accountId: options.accountId,
    displayName: options.displayName,
  });
  const spaceId = options.spaceId ?? (await createTestSpace()).id;
  await createTestThread(member, spaceId, { replies: (options.posts ?? 3) - 1 });
  await backdateTestPosts(member.id, 75);
  return member;
}

/** Runs lapsed detection now, as the daily job does. */
export async function detectTestLapsed() {
  const { detectLapsedEntries } = await import("~/models/lapsed-detection.server");
  return detectLapsedEntries();
}

/**
 * Influence as the daily job computes it, over everything in the database now; waits its turn
 * when another test's run holds the lock.
 */
export async function computeTestInfluence() {
  const { computeInfluence } = await import("~/models/influence.server");
  for (let attempt = 0; attempt < 300; attempt++) {
    const run = await computeInfluence();
    if (run) return run;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error("another influence run held the lock for a minute");
}

/** Changes a person's role or status in place, as an admin's edit or a suspension would leave it. */
export async function setTestPerson(
  userId: string,
  change: { role?: UserRole; status?: "active" | "suspended" },
) {
  await db.update(users).set(change).where(eq(users.id, userId));
}

/** A thread a moderator hid, without the moderation workflow around it. */
export async function hideTestThread(threadId: string) {
  await db.execute(sql`update threads set moderation = 'hidden' where id = ${threadId}`);
}

/** An API token whose expiry passed `secondsAgo` (by default, just now). */
export async function expireTestApiToken(tokenId: string, secondsAgo = 1) {
  await db.execute(sql`update api_tokens
    set expires_at = now() - make_interval(secs => ${secondsAgo}) where id = ${tokenId}`);
}

/** A rate-limit counter already at `count` in its current window. */
export async function fillTestRateLimit(key: string, count: number) {
  await db.execute(sql`update rate_limits set count = ${count} where key = ${key}`);
}

/** An internal (staff-only) tag, as the taxonomy page makes one. */
export async function createTestInternalTag(actor: TestViewer, name: string) {
  const { createTag } = await import("~/models/tag.server");
  return createTag(actor, { name, color: "red", groupName: null, visibility: "internal" });
}

/** How many votes an idea has, counted from the rows. */
export async function countTestVotes(ideaId: string): Promise<number> {
  const [{ votes }] = await db.execute<{ votes: number }>(
    sql`select count(*)::int as votes from idea_votes where idea_id = ${ideaId}`,
  );
  return votes;
}

/** Makes an endpoint's waiting webhook deliveries due now, as if their backoff had passed. */
export async function makeTestWebhookDeliveriesDue(endpointId: string) {
  await db.execute(sql`update webhook_deliveries set next_attempt_at = now()
    where endpoint_id = ${endpointId} and state = 'pending'`);
}

/** Sets how many tries an endpoint's waiting deliveries have had. */
export async function setTestWebhookAttempts(endpointId: string, attempts: number) {
  await db.execute(sql`update webhook_deliveries set attempts = ${attempts}
    where endpoint_id = ${endpointId} and state = 'pending'`);
}

/** Many accounts at once (one statement), for lists that page. */
export async function createTestAccounts(count: number, prefix: string) {
  await db.execute(sql`insert into accounts (name, revenue_cents)
    select ${prefix} || ' ' || n, n * 1000 from generate_series(1, ${count}) as n`);
}

/** Makes an API idempotency claim look `seconds` old, as one left by a process that died. */
export async function ageTestIdempotencyClaim(tokenId: string, key: string, seconds: number) {
  await db.execute(sql`update api_idempotency_keys
    set created_at = now() - make_interval(secs => ${seconds})
    where token_id = ${tokenId} and key = ${key}`);
}

/** Leaves a person's export as a build whose process died long ago would. */
export async function abandonTestStaffExport(exportId: string) {
  await db.execute(sql`update staff_exports
    set state = 'building', heartbeat_at = now() - interval '1 hour' where id = ${exportId}`);
}

/** Dates an integration's received tracker deliveries `days` back. */
export async function ageTestTrackerDeliveries(integrationId: string, days: number) {
  await db.execute(sql`update tracker_deliveries
    set received_at = now() - make_interval(days => ${days}) where integration_id = ${integrationId}`);
}

/** Dates the session behind a `Set-Cookie` value `hours` back, as if it began then. */
export async function ageTestSession(setCookie: string, hours: number) {
  const id = setCookie.split(";")[0].split("=")[1];
  await db.execute(sql`update sessions
    set created_at = now() - make_interval(hours => ${hours}) where id = ${id}`);
}

/** Gives a person's link at the identity provider another subject, as a reassigned address would. */
export async function relinkTestSsoSubject(userId: string, subject: string) {
  await db.execute(sql`update sso_identities set subject = ${subject} where user_id = ${userId}`);
}

/** Changes a person's email address here. */
export async function setTestEmail(userId: string, email: string) {
  await db.execute(sql`update users set email = ${email} where id = ${userId}`);
}

/** Leaves a tracker delivery as a process that died mid-apply would: claimed, with no outcome. */
export async function abandonTestTrackerDelivery(integrationId: string, deliveryId: string) {
  await db.execute(sql`update tracker_deliveries
    set outcome = 'received', received_at = now() - interval '3 minutes'
    where integration_id = ${integrationId} and delivery_id = ${deliveryId}`);
}
