import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { auditEvents, watchedWords } from "#db/schema";
import { createUser } from "#db/testing/factories";
import { db } from "~/db.server";
import { MAX_WATCHED_WORDS } from "~/utils/watched-words";
import {
  addWatchedWord,
  checkWatchedWords,
  listWatchedWords,
  removeWatchedWord,
} from "./watched-word.server";
import { Refusal } from "./refusal.server";

async function auditOf(targetId: string) {
  return db
    .select({
      action: auditEvents.action,
      actorId: auditEvents.actorId,
      details: auditEvents.details,
    })
    .from(auditEvents)
    .where(and(eq(auditEvents.targetType, "watched_word"), eq(auditEvents.targetId, targetId)))
    .orderBy(auditEvents.createdAt);
}

afterEach(async () => {
  vi.useRealTimers();
  await db.delete(watchedWords);
  // A change through the model makes this process's matcher forget what it cached.
  const moderator = await createUser({ role: "moderator" });
  await removeWatchedWord(
    moderator,
    await addWatchedWord(moderator, { phrase: "cleanup", action: "hold" }),
  );
});

describe("the watched-words list", () => {
  it("adds and removes phrases, normalized and audited, with who added them", async () => {
    const moderator = await createUser({ role: "moderator", displayName: "Mo Derator" });
    const id = await addWatchedWord(moderator, {
      phrase: "  Buy   CHEAP pills ",
      action: "block",
    });

    expect(await listWatchedWords()).toMatchObject([
      { id, phrase: "buy cheap pills", action: "block", createdByName: "Mo Derator" },
    ]);
    expect(await removeWatchedWord(moderator, id)).toEqual({
      phrase: "buy cheap pills",
      action: "block",
    });
    expect(await listWatchedWords()).toEqual([]);
    expect(await auditOf(id)).toEqual([
      {
        action: "watched_word.added",
        actorId: moderator.id,
        details: { phrase: "buy cheap pills", action: "block" },
      },
      {
        action: "watched_word.removed",
        actorId: moderator.id,
        details: { phrase: "buy cheap pills", action: "block" },
      },
    ]);
  });

  it("is kept by moderators (and those above) only, whoever calls the model", async () => {
    const moderator = await createUser({ role: "moderator" });
    const id = await addWatchedWord(moderator, { phrase: "kept", action: "hold" });
    const member = await createUser();
    await expect(addWatchedWord(member, { phrase: "mine", action: "block" })).rejects.toMatchObject(
      { status: 403 },
    );
    await expect(removeWatchedWord(member, id)).rejects.toMatchObject({ status: 403 });
    expect((await listWatchedWords()).map((word) => word.phrase)).toEqual(["kept"]);
    await removeWatchedWord(moderator, id);
  });

  it("refuses a duplicate, however it is typed, and says so", async () => {
    const moderator = await createUser({ role: "moderator" });
    await addWatchedWord(moderator, { phrase: "spam", action: "hold" });
    const duplicate = addWatchedWord(moderator, { phrase: " SPAM ", action: "block" });
    await expect(duplicate).rejects.toBeInstanceOf(Refusal);
    await expect(duplicate).rejects.toMatchObject({
      status: 409,
      field: "phrase",
      message: "“spam” is already on the list.",
    });
    expect(await listWatchedWords()).toHaveLength(1);
  });

  it("refuses a phrase without words, or with too many", async () => {
    const moderator = await createUser({ role: "moderator" });
    await expect(
      addWatchedWord(moderator, { phrase: "!!!", action: "hold" }),
    ).rejects.toMatchObject({ status: 400, field: "phrase" });
    await expect(
      addWatchedWord(moderator, { phrase: "one two three four five six", action: "hold" }),
    ).rejects.toMatchObject({ status: 400, field: "phrase" });
  });

  it("answers a clear 404 for a phrase already removed", async () => {
    const moderator = await createUser({ role: "moderator" });
    const id = await addWatchedWord(moderator, { phrase: "gone", action: "hold" });
    await removeWatchedWord(moderator, id);
    await expect(removeWatchedWord(moderator, id)).rejects.toMatchObject({ status: 404 });
  });

  it(`holds at most ${MAX_WATCHED_WORDS} phrases`, async () => {
    const moderator = await createUser({ role: "moderator" });
    await db.insert(watchedWords).values(
      Array.from({ length: MAX_WATCHED_WORDS }, (_, index) => ({
        phrase: `filler ${index}`,
        action: "hold" as const,
      })),
    );
    await expect(
      addWatchedWord(moderator, { phrase: "one more", action: "block" }),
    ).rejects.toMatchObject({ status: 409, field: "phrase" });
    expect(await db.$count(watchedWords)).toBe(MAX_WATCHED_WORDS);
  });
});

describe("checkWatchedWords", () => {
  it("finds block and hold words after they are added, and stops after they are removed", async () => {
    const moderator = await createUser({ role: "moderator" });
    expect(await checkWatchedWords("a free scam offer")).toBeNull();

    const hold = await addWatchedWord(moderator, { phrase: "free offer", action: "hold" });
    const block = await addWatchedWord(moderator, { phrase: "Scam", action: "block" });
    expect(await checkWatchedWords("A FREE OFFER!")).toEqual({
      action: "hold",
      phrase: "free offer",
    });
    expect(await checkWatchedWords("free offer, total scam")).toEqual({
      action: "block",
      phrase: "scam",
    });
    expect(await checkWatchedWords("scampi")).toBeNull();

    await removeWatchedWord(moderator, block);
    expect(await checkWatchedWords("free offer, total scam")).toEqual({
      action: "hold",
      phrase: "free offer",
    });
    await removeWatchedWord(moderator, hold);
    expect(await checkWatchedWords("free offer, total scam")).toBeNull();
  });

  it("sees another process's change within ten seconds", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    expect(await checkWatchedWords("elsewhere")).toBeNull();
    // Written past this process's model, as another app process would.
    await db.insert(watchedWords).values({ phrase: "elsewhere", action: "block" });
    expect(await checkWatchedWords("elsewhere")).toBeNull();
    vi.setSystemTime(Date.now() + 10_001);
    expect(await checkWatchedWords("elsewhere")).toEqual({ action: "block", phrase: "elsewhere" });
  });
});
