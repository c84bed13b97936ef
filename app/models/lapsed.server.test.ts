import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  auditEvents,
  internalNotes,
  lapsedEntries,
  lapsedEntryEvents,
  type UserRole,
} from "#db/schema";
import { createTestQuietMember, createUser, emailsTo } from "#db/testing/factories";
import { db } from "~/db.server";
import { listAuditLog } from "./audit.server";
import { readPostContent } from "./post-content.server";
import { detectLapsedEntries } from "./lapsed-detection.server";
import { getLapsedEmailTemplate, sendLapsedEmail } from "./lapsed-email.server";
import {
  getLapsedEntry,
  listLapsedEntries,
  listLapsedEntryEvents,
  listLapsedRecipients,
} from "./lapsed-list.server";
import {
  assignLapsedEntry,
  markLapsedEntryHandled,
  noteLapsedEntry,
  reopenLapsedEntry,
} from "./lapsed.server";
import { Refusal } from "./refusal.server";

const RANDOM_ID = "7b0c3c1e-8d8e-4f0a-9a7b-2d3e4f5a6b7c";

function note(text: string) {
  const content = readPostContent(undefined, text);
  if (!content.ok) throw new Error(content.message);
  return content.content;
}

/** A quiet member and their account, on the list: the account's entry and the member's. */
async function lapsedAccount() {
  const member = await createTestQuietMember();
  await detectLapsedEntries();
  const entries = await db
    .select({ id: lapsedEntries.id, userId: lapsedEntries.userId })
    .from(lapsedEntries)
    .where(eq(lapsedEntries.accountId, member.accountId!));
  const accountEntry = entries.find((entry) => !entry.userId)!;
  const memberEntry = entries.find((entry) => entry.userId)!;
  return { member, accountEntry, memberEntry };
}

async function refusal(work: Promise<unknown> | (() => Promise<unknown>)) {
  const error = await (typeof work === "function" ? work() : work).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(Refusal);
  return error as Refusal;
}

describe("lapsed entries: who may read and act", () => {
  it("refuses members and moderators every read and action with 403, and changes nothing", async () => {
    const { member, accountEntry } = await lapsedAccount();
    for (const role of ["member", "moderator"] as const) {
      const viewer = await createUser({ role });
      const attempts = [
        () => listLapsedEntries(viewer, { state: "all", page: 1 }),
        () => getLapsedEntry(viewer, accountEntry.id),
        () => listLapsedEntryEvents(viewer, accountEntry.id),
        () => listLapsedRecipients(viewer, { accountId: member.accountId!, memberId: null }),
        () => getLapsedEmailTemplate(viewer),
        () => assignLapsedEntry(viewer, accountEntry.id, viewer.id),
        () => noteLapsedEntry(viewer, accountEntry.id, note("Not mine to write")),
        () =>
          sendLapsedEmail(viewer, accountEntry.id, {
            recipientId: member.id,
            subject: "Hello",
            body: "Hi",
          }),
        () => markLapsedEntryHandled(viewer, accountEntry.id),
        () => reopenLapsedEntry(viewer, accountEntry.id),
      ];
      for (const attempt of attempts) expect((await refusal(attempt)).status, role).toBe(403);
    }
    const [entry] = await db
      .select()
      .from(lapsedEntries)
      .where(eq(lapsedEntries.id, accountEntry.id));
    expect(entry).toMatchObject({ ownerId: null, handledAt: null });
    expect(await emailsTo(member.email)).toEqual([]);
    expect(
      await db.select().from(internalNotes).where(eq(internalNotes.accountId, member.accountId!)),
    ).toEqual([]);
  });

  for (const role of ["staff", "admin"] as const) {
    it(`lets ${role} assign, note, email, handle and reopen, each in the history and the audit log`, async () => {
      const { member, accountEntry } = await lapsedAccount();
      const actor = await createUser({ role, displayName: `Acting ${role}` });
      const colleague = await createUser({ role: "staff", displayName: "Colleague" });

      expect(await assignLapsedEntry(actor, accountEntry.id, actor.id)).toMatchObject({
        changed: true,
      });
      expect(await assignLapsedEntry(actor, accountEntry.id, actor.id)).toMatchObject({
        changed: false,
      });
      await assignLapsedEntry(actor, accountEntry.id, colleague.id);
      const { noteId } = await noteLapsedEntry(actor, accountEntry.id, note("Renewal call booked"));
      const template = await getLapsedEmailTemplate(actor);
      expect(template.subject).not.toBe("");
      expect(template.body).toContain("{{name}}");
      await sendLapsedEmail(actor, accountEntry.id, {
        recipientId: member.id,
        subject: "A word for {{account}}",
        body: template.body,
      });
      await markLapsedEntryHandled(actor, accountEntry.id);
      expect((await refusal(markLapsedEntryHandled(actor, accountEntry.id))).status).toBe(409);
      await reopenLapsedEntry(actor, accountEntry.id);
      expect((await refusal(reopenLapsedEntry(actor, accountEntry.id))).status).toBe(409);

      const [entry] = await db
        .select()
        .from(lapsedEntries)
        .where(eq(lapsedEntries.id, accountEntry.id));
      expect(entry).toMatchObject({ ownerId: colleague.id, handledAt: null });
      const [saved] = await db.select().from(internalNotes).where(eq(internalNotes.id, noteId));
      expect(saved).toMatchObject({ accountId: member.accountId, authorId: actor.id });
      expect(saved.bodyText).toContain("Renewal call booked");

      const [email] = await emailsTo(member.email);
      expect(email.subject).toMatch(/^A word for Account /);
      expect(email.text).toContain(`Hi ${member.displayName},`);
      expect(email.text).toContain(`Acting ${role}`);
      expect(email.text).not.toContain("{{");

      const history = await listLapsedEntryEvents(actor, accountEntry.id);
      expect(history.map((event) => event.action).reverse()).toEqual([
        "assigned",
        "assigned",
        "noted",
        "emailed",
        "handled",
        "reopened",
      ]);
      const emailed = history.find((event) => event.action === "emailed")!;
      expect(emailed.details).toMatchObject({ recipientId: member.id, subject: email.subject });
      const audit = await db
        .select({ action: auditEvents.action })
        .from(auditEvents)
        .where(eq(auditEvents.targetId, accountEntry.id));
      expect(audit.map((row) => row.action).sort()).toEqual(
        [
          "account.lapsed_assigned",
          "account.lapsed_assigned",
          "account.lapsed_emailed",
          "account.lapsed_handled",
          "account.lapsed_noted",
          "account.lapsed_reopened",
        ].sort(),
      );
      // The moderation log shows these to staff and admins, never to moderators.
      const moderator = await createUser({ role: "moderator" });
      const logFor = async (viewer: { id: string; role: UserRole }) =>
        (
          await listAuditLog(
            { ...viewer, accountId: null },
            { targetType: "lapsed_entry", targetId: accountEntry.id, page: 1 },
          )
        ).entries.length;
      expect(await logFor(moderator)).toBe(0);
      expect(await logFor(actor)).toBe(6);
      const listed = await listLapsedEntries(actor, { state: "open", owner: "mine", page: 1 });
      expect(listed.entries.map((row) => row.id)).not.toContain(accountEntry.id);
      const theirs = await listLapsedEntries(colleague, { state: "open", owner: "mine", page: 1 });
      expect(theirs.entries.map((row) => row.id)).toEqual([accountEntry.id]);
      expect(theirs.entries[0].latestAction).toMatchObject({ action: "reopened" });
    });
  }
});

describe("lapsed entries: replayed and foreign ids", () => {
  it("refuses an entry that doesn't exist, members as owners, and recipients outside the account", async () => {
    const staff = await createUser({ role: "staff" });
    const { member, accountEntry, memberEntry } = await lapsedAccount();
    const colleague = await createUser({ accountId: member.accountId! });
    const outsider = await createUser();

    for (const attempt of [
      () => assignLapsedEntry(staff, RANDOM_ID, staff.id),
      () => noteLapsedEntry(staff, RANDOM_ID, note("Lost")),
      () => markLapsedEntryHandled(staff, RANDOM_ID),
      () => reopenLapsedEntry(staff, RANDOM_ID),
      () =>
        sendLapsedEmail(staff, RANDOM_ID, { recipientId: member.id, subject: "Hi", body: "Hi" }),
    ]) {
      const refused = await refusal(attempt);
      expect(refused.status).toBe(404);
      expect(refused.message).toBe("There is no such entry on the lapsed list.");
    }
    expect(await getLapsedEntry(staff, RANDOM_ID)).toBeNull();

    for (const role of ["member", "moderator"] as const) {
      const notStaff = await createUser({ role });
      const refused = await refusal(assignLapsedEntry(staff, accountEntry.id, notStaff.id));
      expect(refused).toMatchObject({ status: 422, field: "ownerId" });
    }
    const suspendedStaff = await createUser({ role: "staff", status: "suspended" });
    expect(
      (await refusal(assignLapsedEntry(staff, accountEntry.id, suspendedStaff.id))).status,
    ).toBe(422);
    expect((await refusal(assignLapsedEntry(staff, accountEntry.id, RANDOM_ID))).status).toBe(422);

    const outside = await refusal(
      sendLapsedEmail(staff, accountEntry.id, {
        recipientId: outsider.id,
        subject: "Hi",
        body: "Hi",
      }),
    );
    expect(outside).toMatchObject({ status: 422, field: "recipientId" });
    // A member's entry goes to that member alone, not their colleague.
    const colleagueRefused = await refusal(
      sendLapsedEmail(staff, memberEntry.id, {
        recipientId: colleague.id,
        subject: "Hi",
        body: "Hi",
      }),
    );
    expect(colleagueRefused.message).toBe(
      "This entry is about one member: the email goes to them.",
    );
    // Unknown placeholders are refused on their field rather than sent as they are.
    const placeholder = await refusal(
      sendLapsedEmail(staff, accountEntry.id, {
        recipientId: colleague.id,
        subject: "Hi {{first_name}}",
        body: "Hi",
      }),
    );
    expect(placeholder).toMatchObject({ status: 422, field: "subject" });
    expect(await emailsTo(outsider.email)).toEqual([]);
    expect(await emailsTo(colleague.email)).toEqual([]);
    expect(
      await db
        .select()
        .from(lapsedEntryEvents)
        .where(eq(lapsedEntryEvents.entryId, accountEntry.id)),
    ).toEqual([]);
  });

  it("limits how many emails one staff member sends in an hour", async () => {
    const staff = await createUser({ role: "staff" });
    const { member, accountEntry } = await lapsedAccount();
    for (let i = 0; i < 20; i++) {
      await sendLapsedEmail(staff, accountEntry.id, {
        recipientId: member.id,
        subject: `Note ${i}`,
        body: "Hi {{name}}",
      });
    }
    const limited = await refusal(
      sendLapsedEmail(staff, accountEntry.id, {
        recipientId: member.id,
        subject: "One more",
        body: "Hi",
      }),
    );
    expect(limited.status).toBe(429);
    expect(await emailsTo(member.email)).toHaveLength(20);
  });
});
