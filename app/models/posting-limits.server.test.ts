import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rateLimits } from "#db/schema";
import { createUser } from "#db/testing/factories";
import { db } from "~/db.server";
import { claimPostingAllowance, postingLimitsFor } from "./posting-limits.server";

describe("claimPostingAllowance", () => {
  it("allows six replies a minute, then says when to try again", async () => {
    const member = await createUser();
    for (let reply = 0; reply < 6; reply++) {
      expect(await claimPostingAllowance(member, "reply", 1)).toEqual({ ok: true });
    }
    expect(await claimPostingAllowance(member, "reply", 1)).toEqual({
      ok: false,
      message:
        "You can make at most 6 replies in a minute. Try again in 1 minute; what you wrote is still here.",
    });
    // The refused attempt was taken back from the hourly count too.
    const [hourly] = await db
      .select()
      .from(rateLimits)
      .where(eq(rateLimits.key, `posting:reply:${member.id}:3600000`));
    expect(hourly.count).toBe(6);
    // Other actions and other people have their own counts.
    expect(await claimPostingAllowance(member, "edit", 1)).toEqual({ ok: true });
    expect(await claimPostingAllowance(await createUser(), "reply", 1)).toEqual({ ok: true });
  });

  it("limits new threads per hour with the wait in minutes", async () => {
    const member = await createUser();
    await db.insert(rateLimits).values({
      key: `posting:thread:${member.id}:3600000`,
      count: 15,
      windowStartedAt: new Date(Date.now() - 30 * 60_000),
    });
    const refused = await claimPostingAllowance(member, "thread", 1);
    expect(refused).toEqual({
      ok: false,
      message:
        "You can make at most 15 new threads in an hour. Try again in 30 minutes; what you wrote is still here.",
    });
  });

  it("gives staff room for bursts of official answers", async () => {
    const staff = await createUser({ role: "staff" });
    for (let reply = 0; reply < 20; reply++) {
      expect((await claimPostingAllowance(staff, "reply", 1)).ok).toBe(true);
    }
    expect((await claimPostingAllowance(staff, "reply", 1)).ok).toBe(false);
  });
});

describe("postingLimitsFor", () => {
  it("gives new members fewer posts and trusted members more", async () => {
    const member = await createUser();
    const perHour = (level: number) =>
      postingLimitsFor(member, level).reply.find((rule) => rule.windowMs === 3_600_000)!.limit;
    expect(perHour(0)).toBeLessThan(perHour(1));
    expect(perHour(1)).toBeLessThan(perHour(2));
    expect(perHour(3)).toBe(perHour(2));
  });
});
