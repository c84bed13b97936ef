import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  failureBackoffs,
  invitations,
  passwordResetTokens,
  rateLimits,
  sessions,
} from "#db/schema";
import { createUser } from "#db/testing/factories";
import { db } from "~/db.server";
import { purgeExpiredRecords } from "./retention.server";

const DAY = 24 * 60 * 60_000;
const ago = (ms: number) => new Date(Date.now() - ms);
const ahead = (ms: number) => new Date(Date.now() + ms);

describe("purgeExpiredRecords", () => {
  it("deletes what has expired and keeps what still means something", async () => {
    const user = await createUser();
    await db.insert(sessions).values([
      { id: `old-${user.id}`, userId: user.id, expiresAt: ago(1_000) },
      { id: `live-${user.id}`, userId: user.id, expiresAt: ahead(DAY) },
    ]);
    await db.insert(passwordResetTokens).values([
      {
        tokenHash: `used-long-ago-${user.id}`,
        userId: user.id,
        expiresAt: ago(9 * DAY),
        usedAt: ago(9 * DAY),
      },
      { tokenHash: `expired-long-ago-${user.id}`, userId: user.id, expiresAt: ago(8 * DAY) },
      {
        tokenHash: `used-yesterday-${user.id}`,
        userId: user.id,
        expiresAt: ago(DAY),
        usedAt: ago(DAY),
      },
      { tokenHash: `valid-${user.id}`, userId: user.id, expiresAt: ahead(3_600_000) },
    ]);
    const invite = (hash: string, values: Partial<typeof invitations.$inferInsert>) => ({
      tokenHash: `${hash}-${user.id}`,
      email: `${hash}@example.test`,
      role: "member" as const,
      expiresAt: ahead(DAY),
      ...values,
    });
    await db
      .insert(invitations)
      .values([
        invite("lapsed", { expiresAt: ago(31 * DAY) }),
        invite("revoked", { revokedAt: ago(40 * DAY) }),
        invite("recently-lapsed", { expiresAt: ago(2 * DAY) }),
        invite("accepted", { expiresAt: ago(90 * DAY), acceptedAt: ago(91 * DAY) }),
        invite("pending", {}),
      ]);
    await db.insert(rateLimits).values([
      { key: `old-${user.id}`, count: 3, windowStartedAt: ago(2 * DAY) },
      { key: `current-${user.id}`, count: 3, windowStartedAt: ago(60_000) },
    ]);
    await db.insert(failureBackoffs).values([
      {
        key: `forgotten-${user.id}`,
        failures: 9,
        blockedUntil: ago(DAY),
        lastFailureAt: ago(2 * DAY),
      },
      {
        key: `recent-${user.id}`,
        failures: 9,
        blockedUntil: ahead(60_000),
        lastFailureAt: ago(60_000),
      },
    ]);

    const purged = await purgeExpiredRecords();
    expect(purged).toMatchObject({ sessions: 1, resetLinks: 2, invitations: 2 });
    expect(purged.rateLimits).toBeGreaterThanOrEqual(1);
    expect(purged.backoffs).toBeGreaterThanOrEqual(1);

    const left = async <T extends { [k: string]: unknown }>(
      rows: Promise<T[]>,
      pick: (row: T) => unknown,
    ) => (await rows).map(pick).sort();
    expect(
      await left(db.select().from(sessions).where(eq(sessions.userId, user.id)), (r) => r.id),
    ).toEqual([`live-${user.id}`]);
    expect(
      await left(
        db.select().from(passwordResetTokens).where(eq(passwordResetTokens.userId, user.id)),
        (r) => r.tokenHash,
      ),
    ).toEqual([`used-yesterday-${user.id}`, `valid-${user.id}`]);
    const invitationEmails = (await db.select().from(invitations)).map((r) => r.email);
    expect(invitationEmails).toEqual(
      expect.arrayContaining([
        "recently-lapsed@example.test",
        "accepted@example.test",
        "pending@example.test",
      ]),
    );
    expect(invitationEmails).not.toContain("lapsed@example.test");
    expect(invitationEmails).not.toContain("revoked@example.test");
    const keys = [
      ...(await db.select().from(rateLimits)).map((r) => r.key),
      ...(await db.select().from(failureBackoffs)).map((r) => r.key),
    ];
    expect(keys).toEqual(expect.arrayContaining([`current-${user.id}`, `recent-${user.id}`]));
    expect(keys).not.toContain(`old-${user.id}`);
    expect(keys).not.toContain(`forgotten-${user.id}`);
  });
});
