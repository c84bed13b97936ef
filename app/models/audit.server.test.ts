import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, posts, tags, threads, users } from "#db/schema";
import {
  createTestSpace,
  createTestThread,
  createTestTag,
  createUser,
} from "#db/testing/factories";
import { countQueries } from "#db/testing/query-count";
import type { Viewer } from "~/auth/policy.server";
import { db } from "~/db.server";
import { recordNotice } from "./moderation-notice.server";
import {
  AUDIT_LOG_PAGE_SIZE,
  listAuditActors,
  listAuditLog,
  recordAuditEvent,
  recordAuditEvents,
} from "./audit.server";

/** The database's own reason for refusing a statement. */
async function refusal(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause;
    return `${(error as Error).message} ${cause?.message ?? ""}`;
  }
  return "accepted";
}

async function eventsBy(actorId: string) {
  return db.select().from(auditEvents).where(eq(auditEvents.actorId, actorId));
}

describe("the audit log is append-only", () => {
  it("refuses to update, delete or truncate what it records", async () => {
    const moderator = await createUser({ role: "moderator" });
    await recordAuditEvent({
      actorId: moderator.id,
      action: "post.hidden",
      targetType: "post",
      targetId: "11111111-1111-4111-8111-111111111111",
      details: { reason: "Spam" },
    });
    const [event] = await eventsBy(moderator.id);

    expect(
      await refusal(() =>
        db
          .update(auditEvents)
          .set({ details: { reason: "Nothing to see" } })
          .where(eq(auditEvents.id, event.id)),
      ),
    ).toMatch(/append-only/);
    const someoneElse = await createUser({ role: "moderator" });
    expect(
      await refusal(() =>
        db.update(auditEvents).set({ actorId: someoneElse.id }).where(eq(auditEvents.id, event.id)),
      ),
    ).toMatch(/append-only/);
    expect(
      await refusal(() =>
        db
          .update(auditEvents)
          .set({ createdAt: new Date("2000-01-01T00:00:00Z") })
          .where(eq(auditEvents.id, event.id)),
      ),
    ).toMatch(/append-only/);
    expect(await refusal(() => db.delete(auditEvents).where(eq(auditEvents.id, event.id)))).toMatch(
      /append-only/,
    );
    expect(await refusal(() => db.execute(sql`truncate ${auditEvents}`))).toMatch(/append-only/);

    expect(await eventsBy(moderator.id)).toEqual([event]);
  });

  // Only the foreign key's ON DELETE SET NULL may clear who acted: the trigger checks the person is gone.
  it("refuses to erase who acted while that person still exists", async () => {
    const moderator = await createUser({ role: "moderator" });
    await recordAuditEvent({
      actorId: moderator.id,
      action: "thread.locked",
      targetType: "thread",
      targetId: "33333333-3333-4333-8333-333333333333",
    });
    const [event] = await eventsBy(moderator.id);
    expect(
      await refusal(() =>
        db.update(auditEvents).set({ actorId: null }).where(eq(auditEvents.id, event.id)),
      ),
    ).toMatch(/append-only/);
  });

  it("keeps a deleted person's actions, forgetting only who they were", async () => {
    const moderator = await createUser({ role: "moderator" });
    const member = await createUser();
    await recordAuditEvent({
      actorId: moderator.id,
      action: "user.suspended",
      targetType: "user",
      targetId: member.id,
      details: { reason: "Harassment" },
    });
    const [before] = await eventsBy(moderator.id);

    await db.delete(users).where(eq(users.id, moderator.id));

    const [after] = await db.select().from(auditEvents).where(eq(auditEvents.id, before.id));
    expect(after).toEqual({ ...before, actorId: null });
    const log = await listAuditLog(moderator, { targetType: "user", targetId: member.id, page: 1 });
    expect(log.entries).toHaveLength(1);
    expect(log.entries[0]).toMatchObject({
      actor: null,
      action: "user.suspended",
      person: { name: member.displayName, handle: member.handle },
      details: { reason: "Harassment" },
    });
  });
});

describe("listing the moderation log", () => {
  it("filters by who acted, the kind of action, the days and the reason", async () => {
    const ada = await createUser({ role: "moderator" });
    const bob = await createUser({ role: "staff" });
    const target = "22222222-2222-4222-8222-222222222222";
    const at = (day: string) => new Date(`${day}T12:00:00Z`);
    await db.insert(auditEvents).values([
      {
        actorId: ada.id,
        action: "post.hidden",
        targetType: "post",
        targetId: target,
        details: { reason: "Spam, 100% (link_farm)" },
        createdAt: at("2021-03-01"),
      },
      {
        actorId: ada.id,
        action: "thread.locked",
        targetType: "thread",
        targetId: target,
        details: { reason: "Heated" },
        createdAt: at("2021-03-05"),
      },
      {
        actorId: ada.id,
        action: "user.role_changed",
        targetType: "user",
        targetId: bob.id,
        details: { from: "member", to: "staff" },
        createdAt: at("2021-03-10"),
      },
      {
        actorId: bob.id,
        action: "post.edited_by_moderator",
        targetType: "post",
        targetId: target,
        details: { reason: "Removed a phone number", before: "Call 555", after: "Call me" },
        createdAt: at("2021-03-05"),
      },
      {
        actorId: bob.id,
        // Looks like a post action to a careless prefix match; it is not one.
        action: "postal.sent",
        targetType: "settings",
        targetId: "mail",
        createdAt: at("2021-03-05"),
      },
    ]);
    const actions = async (filter: Parameters<typeof listAuditLog>[1]) =>
      (await listAuditLog(bob, filter)).entries.map((entry) => entry.action);

    expect(await actions({ actor: ada.handle.toUpperCase(), page: 1 })).toEqual([
      "user.role_changed",
      "thread.locked",
      "post.hidden",
    ]);
    expect(await actions({ actor: `@${ada.handle}`, action: "post", page: 1 })).toEqual([
      "post.hidden",
    ]);
    expect(await actions({ actor: bob.handle, action: "post", page: 1 })).toEqual([
      "post.edited_by_moderator",
    ]);
    expect(await actions({ actor: ada.handle, action: "user.role_changed", page: 1 })).toEqual([
      "user.role_changed",
    ]);
    expect(
      await actions({ actor: ada.handle, from: "2021-03-02", to: "2021-03-05", page: 1 }),
    ).toEqual(["thread.locked"]);
    expect(await actions({ actor: ada.handle, to: "2021-03-01", page: 1 })).toEqual([
      "post.hidden",
    ]);
    expect(await actions({ reason: "100% (LINK_farm", page: 1 })).toEqual(["post.hidden"]);
    // "%" and "_" are the reason's own characters, not wildcards.
    expect(await actions({ reason: "Spam_ 100", page: 1 })).toEqual([]);
    expect(await actions({ actor: "nobody-at-all", page: 1 })).toEqual([]);
    expect(await actions({ targetType: "thread", targetId: target, page: 1 })).toEqual([
      "thread.locked",
    ]);

    const log = await listAuditLog(bob, { actor: bob.handle, action: "post", page: 1 });
    expect(log.total).toBe(1);
    expect(log.entries[0]).toMatchObject({
      actor: { name: bob.displayName, handle: bob.handle },
      details: { before: "Call 555", after: "Call me" },
      withheld: false,
    });
    expect(log.entries[0].createdAt).toEqual(at("2021-03-05"));
  });

  it("pages newest first, 50 at a time, without gaps or repeats among entries made together", async () => {
    const moderator = await createUser({ role: "moderator" });
    const when = new Date("2022-06-01T09:00:00Z");
    await db.insert(auditEvents).values(
      Array.from({ length: 120 }, (_, i) => ({
        actorId: moderator.id,
        action: "thread.pinned",
        targetType: "thread",
        targetId: `not-a-uuid-${i}`,
        // Forty entries share each moment, so only the id keeps their order stable.
        createdAt: new Date(when.getTime() + Math.floor(i / 40) * 60_000),
      })),
    );
    const pages = await Promise.all(
      [1, 2, 3, 4].map((page) => listAuditLog(moderator, { actor: moderator.handle, page })),
    );
    expect(pages.map((p) => p.entries.length)).toEqual([AUDIT_LOG_PAGE_SIZE, 50, 20, 0]);
    expect(pages.every((p) => p.total === 120 && !p.capped)).toBe(true);
    const ids = pages.flatMap((p) => p.entries.map((entry) => entry.id));
    expect(new Set(ids).size).toBe(120);
    const times = pages.flatMap((p) => p.entries.map((entry) => entry.createdAt.getTime()));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    // The same page asked twice is the same page.
    const again = await listAuditLog(moderator, { actor: moderator.handle, page: 2 });
    expect(again.entries.map((entry) => entry.id)).toEqual(pages[1].entries.map((e) => e.id));
    // Ids that aren't uuids label nothing and break nothing.
    expect(pages[0].entries[0]).toMatchObject({ thread: null, postPosition: null });
  });

  it("names threads, posts and people, and withholds what the viewer may not see", async () => {
    const admin = await createUser({ role: "admin" });
    const moderator = await createUser({ role: "moderator" });
    const member = await createUser({ displayName: "Mia Member" });
    const open = await createTestSpace();
    const secret = await createTestSpace({ visibility: "private" });
    const thread = await createTestThread(member, open.id, { title: "Open chat", replies: 2 });
    const hidden = await createTestThread(admin, secret.id, { title: "Secret plans" });
    const [reply] = await db
      .select({ id: posts.id })
      .from(posts)
      .where(and(eq(posts.threadId, thread.threadId), eq(posts.position, 3)));
    await recordAuditEvents([
      {
        actorId: admin.id,
        action: "thread.locked",
        targetType: "thread",
        targetId: thread.threadId,
      },
      { actorId: admin.id, action: "post.hidden", targetType: "post", targetId: reply.id },
      {
        actorId: admin.id,
        action: "user.role_changed",
        targetType: "user",
        targetId: member.id,
        details: { from: "member", to: "moderator" },
      },
      {
        actorId: admin.id,
        action: "post.edited_by_moderator",
        targetType: "post",
        targetId: hidden.postId,
        details: { reason: "Typo", before: "Secret text", after: "Secret text!" },
      },
    ]);

    const label = (entry: Awaited<ReturnType<typeof listAuditLog>>["entries"][number]) => ({
      action: entry.action,
      thread: entry.thread?.title ?? null,
      position: entry.postPosition,
      person: entry.person?.name ?? null,
      withheld: entry.withheld,
      before: entry.details.before ?? null,
    });
    // Recorded in one statement, so at one moment: compare them in the order of their actions.
    const labels = async (viewer: typeof admin) =>
      (await listAuditLog(viewer, { actor: admin.handle, page: 1 })).entries
        .map(label)
        .sort((a, b) => a.action.localeCompare(b.action));
    expect(await labels(admin)).toEqual([
      {
        action: "post.edited_by_moderator",
        thread: "Secret plans",
        position: 1,
        person: null,
        withheld: false,
        before: "Secret text",
      },
      {
        action: "post.hidden",
        thread: "Open chat",
        position: 3,
        person: null,
        withheld: false,
        before: null,
      },
      {
        action: "thread.locked",
        thread: "Open chat",
        position: null,
        person: null,
        withheld: false,
        before: null,
      },
      {
        action: "user.role_changed",
        thread: null,
        position: null,
        person: "Mia Member",
        withheld: false,
        before: null,
      },
    ]);
    // A moderator outside the private space sees that something happened there, not what.
    const forModerator = await labels(moderator);
    expect(forModerator[0]).toEqual({
      action: "post.edited_by_moderator",
      thread: null,
      position: null,
      person: null,
      withheld: true,
      before: null,
    });
    expect(forModerator.slice(1)).toEqual((await labels(admin)).slice(1));
    const [edit] = (
      await listAuditLog(moderator, {
        actor: admin.handle,
        action: "post.edited_by_moderator",
        page: 1,
      })
    ).entries;
    // Nor why: a reason from a space the moderator can't see is withheld with the rest.
    expect(edit.details).toEqual({});
  });

  it("shows each entry only as far as its reader may see what it is about", async () => {
    const admin = await createUser({ role: "admin" });
    const author = await createUser();
    const open = await createTestSpace();
    const secret = await createTestSpace({
      visibility: "private",
      name: `Board room ${randomUUID()}`,
    });
    const chat = await createTestThread(author, open.id, { title: "Open chat" });
    const plans = await createTestThread(admin, secret.id, { title: "Board plans" });
    const fromSecret = await createTestThread(admin, secret.id, { title: "Secret merged" });
    const fromOpen = await createTestThread(author, open.id, { title: "Open merged" });
    const moved = await createTestThread(admin, open.id, { title: "Came from the board room" });
    // As mergeThreads leaves them: their posts went into “Open chat”.
    await db
      .update(threads)
      .set({ mergedIntoId: chat.threadId })
      .where(inArray(threads.id, [fromSecret.threadId, fromOpen.threadId]));
    const internalTag = `Churn risk ${randomUUID()}`;
    await db.insert(tags).values({ name: internalTag, visibility: "internal" });
    const publicTag = `Onboarding ${randomUUID()}`;
    await createTestTag(await createUser({ role: "staff" }), publicTag);
    const notice = await recordNotice(db, {
      userId: author.id,
      actorId: admin.id,
      action: "hidden",
      reason: "Leaked board numbers",
      subject: "your reply in “Board plans”",
      threadId: plans.threadId,
    });
    const thread = (targetId: string) => ({ targetType: "thread", targetId });
    const entries: {
      key: string;
      event: Omit<Parameters<typeof recordAuditEvent>[0], "actorId">;
    }[] = [
      {
        key: "internal tag",
        event: { action: "thread.tagged", ...thread(chat.threadId), details: { tag: internalTag } },
      },
      {
        key: "public tag",
        event: { action: "thread.tagged", ...thread(chat.threadId), details: { tag: publicTag } },
      },
      {
        key: "proxy vote",
        event: {
          action: "idea.proxy_vote_recorded",
          ...thread(chat.threadId),
          details: { for: author.id, importance: "critical", note: "Their CFO insists" },
        },
      },
      {
        key: "invitation",
        event: {
          action: "invitation.sent",
          targetType: "invitation",
          targetId: randomUUID(),
          details: { email: "new.hire@example.test", role: "member", account: "Acme" },
        },
      },
      {
        key: "backlog",
        event: { action: "backlog.created", targetType: "backlog_item", targetId: randomUUID() },
      },
      {
        key: "account",
        event: {
          action: "account.updated",
          targetType: "account",
          targetId: randomUUID(),
          details: { name: "Acme" },
        },
      },
      {
        key: "tiers",
        event: {
          action: "settings.tiers_changed",
          targetType: "settings",
          targetId: "tiers",
          details: { top1: 5 },
        },
      },
      {
        // Whether top-tier accounts are invited by their value: a tier matter, like the tiers.
        key: "value membership",
        event: {
          action: "settings.value_membership_changed",
          targetType: "settings",
          targetId: "value_membership",
          details: { from: "off", to: "send" },
        },
      },
      {
        key: "appeal",
        event: {
          action: "notice.appealed",
          targetType: "notice",
          targetId: notice.id,
          details: { message: "Please restore my board numbers" },
        },
      },
      {
        key: "hidden post",
        event: {
          action: "post.hidden",
          targetType: "post",
          targetId: plans.postId,
          details: { reason: "Leaked board numbers", from: "visible", to: "hidden" },
        },
      },
      {
        key: "merged from secret",
        event: {
          action: "thread.merged",
          ...thread(fromSecret.threadId),
          details: {
            reason: "Same topic",
            from: "Secret merged",
            to: "Open chat",
            intoId: chat.threadId,
          },
        },
      },
      {
        key: "merged from open",
        event: {
          action: "thread.merged",
          ...thread(fromOpen.threadId),
          details: {
            reason: "Same topic",
            from: "Open merged",
            to: "Open chat",
            intoId: chat.threadId,
          },
        },
      },
      {
        key: "moved from secret",
        event: {
          action: "thread.moved",
          ...thread(moved.threadId),
          details: { reason: "Belongs here", from: secret.name, to: open.name },
        },
      },
      {
        key: "secret space",
        event: {
          action: "space.updated",
          targetType: "space",
          targetId: secret.id,
          details: { name: secret.name, visibility: "private", minTier: null },
        },
      },
      {
        key: "silence",
        event: {
          action: "user.silenced",
          targetType: "user",
          targetId: author.id,
          details: { reason: "Heated" },
        },
      },
      {
        key: "unknown kind",
        event: { action: "payroll.exported", targetType: "payroll", targetId: "2024" },
      },
    ];
    await recordAuditEvents(entries.map(({ event }) => ({ ...event, actorId: admin.id })));
    const keyOf = (action: string, targetId: string, details: Record<string, unknown>) =>
      entries.find(
        ({ event }) =>
          event.action === action &&
          event.targetId === targetId &&
          (action !== "thread.tagged" || event.details?.tag === details.tag),
      )?.key;
    // A withheld entry names no target: it is told apart by its id, as the admin's log shows it.
    const adminLog = await listAuditLog(admin, { actor: admin.handle, page: 1 });
    const keyById = new Map(
      adminLog.entries.map((entry) => [
        entry.id,
        keyOf(entry.action, entry.targetId ?? "", entry.details),
      ]),
    );
    const logOf = async (viewer: Viewer) => {
      const log = await listAuditLog(viewer, { actor: admin.handle, page: 1 });
      expect(log.entries.filter((entry) => entry.withheld && entry.targetId !== null)).toEqual([]);
      const shown = log.entries.map((entry) => ({
        key: keyById.get(entry.id) ?? "withheld: no tag",
        withheld: entry.withheld,
      }));
      return {
        log,
        shown: Object.fromEntries(shown.map((e) => [e.key, e.withheld ? "withheld" : "shown"])),
      };
    };

    // A moderator outside the board room, and not staff.
    const moderator = await createUser({ role: "moderator" });
    const forModerator = await logOf(moderator);
    expect(forModerator.shown).toEqual({
      "public tag": "shown",
      appeal: "withheld",
      "hidden post": "withheld",
      "merged from secret": "withheld",
      "merged from open": "shown",
      "moved from secret": "withheld",
      "secret space": "withheld",
      silence: "shown",
    });
    // Counted as listed: the total tells of no entry left out.
    expect(forModerator.log.total).toBe(8);
    const seen = JSON.stringify(forModerator.log);
    for (const secretText of [
      internalTag,
      "Their CFO insists",
      "new.hire@example.test",
      "Acme",
      "Please restore my board numbers",
      "Leaked board numbers",
      "Board plans",
      "Secret merged",
      secret.name,
    ]) {
      expect(seen).not.toContain(secretText);
    }
    expect(forModerator.log.entries.find((e) => e.thread?.title === "Open merged")).toBeTruthy();
    // Searching reasons finds only what the page would show.
    const search = (viewer: Viewer) =>
      listAuditLog(viewer, { actor: admin.handle, reason: "board numbers", page: 1 });
    expect((await search(moderator)).total).toBe(0);

    // Staff see the staff workspace's entries and every space; invitations are an admin's.
    const staff = await createUser({ role: "staff" });
    const forStaff = await logOf(staff);
    expect(Object.keys(forStaff.shown).sort()).toEqual(
      entries
        .map((e) => e.key)
        .filter((key) => key !== "invitation" && key !== "unknown kind")
        .sort(),
    );
    expect(Object.values(forStaff.shown).every((v) => v === "shown")).toBe(true);
    expect((await search(staff)).total).toBe(1);
    expect(JSON.stringify(forStaff.log)).toContain("Their CFO insists");
    expect(JSON.stringify(forStaff.log)).not.toContain("new.hire@example.test");

    const forAdmin = await logOf(admin);
    expect(Object.keys(forAdmin.shown).sort()).toEqual(entries.map((e) => e.key).sort());
    expect(Object.values(forAdmin.shown).every((v) => v === "shown")).toBe(true);
    // A merged thread's entries name it for those who may see both threads.
    expect(forAdmin.log.entries.find((e) => e.thread?.title === "Secret merged")).toBeTruthy();
  });

  it("sends the same number of queries for a few entries as for many", async () => {
    const few = await createUser({ role: "moderator" });
    const many = await createUser({ role: "moderator" });
    const space = await createTestSpace();
    const thread = await createTestThread(few, space.id, { replies: 3 });
    const event = (actorId: string, i: number) => ({
      actorId,
      action: i % 2 ? "post.hidden" : "thread.locked",
      targetType: i % 2 ? "post" : "thread",
      targetId: i % 2 ? thread.postId : thread.threadId,
      details: { reason: `Reason ${i}`, before: "a", after: "b" },
    });
    await recordAuditEvents([0, 1].map((i) => event(few.id, i)));
    await recordAuditEvents(Array.from({ length: 80 }, (_, i) => event(many.id, i)));

    const run = (handle: string) => () => listAuditLog(few, { actor: handle, page: 1 });
    const forFew = await countQueries(run(few.handle));
    const forMany = await countQueries(run(many.handle));
    expect(forFew).toBe(forMany);
    expect(forMany).toBeLessThanOrEqual(2);
  });

  it("suggests the people who act in the log", async () => {
    const moderator = await createUser({ role: "moderator" });
    const member = await createUser();
    const actors = await listAuditActors();
    expect(actors.map((a) => a.id)).toContain(moderator.id);
    expect(actors.map((a) => a.id)).not.toContain(member.id);
  });
});

describe("the log speaks in names and words (issue 20, case 4)", () => {
  it("names every target and detail, and shows statuses, roles and states in words", async () => {
    const { createBacklogItem } = await import("./backlog.server");
    const { setBacklogStatus } = await import("./backlog-status.server");
    const { setIdeaStatus } = await import("./idea.server");
    const { recordProxyVote } = await import("./idea-proxy-vote.server");
    const { changeUserRole } = await import("./user.server");
    const { auditDetailsInWords } = await import("~/utils/audit-labels");
    const staff = await createUser({ role: "staff" });
    const admin = await createUser({ role: "admin" });
    const customer = await createUser({ displayName: "Carla Customer" });
    const space = await createTestSpace({ ideasEnabled: true });
    const idea = await createTestThread(await createUser(), space.id, {
      kind: "idea",
      title: "Bulk edit",
    });
    const itemId = await createBacklogItem(
      staff,
      {
        title: "Bulk editing",
        description: null,
        ownerId: null,
        target: "",
        externalUrl: null,
        isPublic: false,
        tagIds: [],
      },
      null,
    );
    await setBacklogStatus(staff, itemId, "planned");
    await setIdeaStatus(staff, idea.threadId, "under_review", null);
    await recordProxyVote(staff, idea.threadId, {
      person: customer.handle,
      importance: "critical",
      note: "Said so on a call",
    });
    const promoted = await createUser();
    await changeUserRole(admin, promoted.id, "moderator");

    const log = await listAuditLog(admin, { page: 1 });
    const mine = log.entries.filter(
      (entry) => entry.actor?.handle === staff.handle || entry.actor?.handle === admin.handle,
    );
    const words = mine.map((entry) => {
      const described = auditDetailsInWords(entry.action, entry.details, log.names);
      return {
        action: entry.action,
        target:
          (entry.targetId ? log.names[entry.targetId] : undefined) ??
          entry.thread?.title ??
          entry.person?.name ??
          null,
        change: described.change,
        facts: described.facts,
      };
    });
    expect(words).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: "backlog.status_changed",
          target: "Bulk editing",
          change: { from: "Triage", to: "Planned" },
        }),
        expect.objectContaining({
          action: "idea.status_changed",
          target: "Bulk edit",
          change: { from: "Open", to: "Under review" },
        }),
        expect.objectContaining({
          action: "idea.proxy_vote_recorded",
          facts: expect.arrayContaining([
            { label: "For", value: "Carla Customer" },
            { label: "Importance", value: "Critical" },
          ]),
        }),
        expect.objectContaining({
          action: "user.role_changed",
          change: { from: "Member", to: "Moderator" },
        }),
      ]),
    );
    // No id and no stored value anywhere a reader looks.
    const shown = JSON.stringify(words.map(({ action: _action, ...rest }) => rest));
    expect(shown).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(shown).not.toMatch(/under_review|critical"|"planned"/);
  });

  it("names the threads and posts an entry points at, as far as each reader may see them", async () => {
    const admin = await createUser({ role: "admin" });
    const open = await createTestSpace();
    const secret = await createTestSpace({ visibility: "private" });
    const chat = await createTestThread(admin, open.id, { title: "Open chat" });
    const plans = await createTestThread(admin, secret.id, { title: "Board plans" });
    await recordAuditEvents([
      {
        actorId: admin.id,
        action: "idea.merged",
        targetType: "thread",
        targetId: plans.threadId,
        details: { into: chat.threadId },
      },
      {
        actorId: admin.id,
        action: "triage.reviewed",
        targetType: "triage",
        targetId: `post:${chat.postId}`,
        details: { correction: plans.postId },
      },
    ]);
    const namesFor = async (role: "moderator" | "admin") =>
      (await listAuditLog(await createUser({ role }), { actor: admin.handle, page: 1 })).names;
    const asAdmin = await namesFor("admin");
    expect(asAdmin[chat.threadId]).toBe("Open chat");
    expect(asAdmin[chat.postId]).toBe("post #1 in “Open chat”");
    expect(asAdmin[plans.postId]).toBe("post #1 in “Board plans”");
    // A moderator outside the private space reads the log without a name from it.
    expect(JSON.stringify(await namesFor("moderator"))).not.toContain("Board plans");
  });

  it("never names a backlog item to a moderator who does not see the backlog", async () => {
    const { createBacklogItem } = await import("./backlog.server");
    const staff = await createUser({ role: "staff" });
    const moderator = await createUser({ role: "moderator" });
    await createBacklogItem(
      staff,
      {
        title: "Secret roadmap bet",
        description: null,
        ownerId: null,
        target: "",
        externalUrl: null,
        isPublic: false,
        tagIds: [],
      },
      null,
    );
    const log = await listAuditLog(moderator, { actor: staff.handle, page: 1 });
    expect(log.entries).toHaveLength(0);
    expect(JSON.stringify(log.names)).not.toContain("Secret roadmap bet");
  });
});
