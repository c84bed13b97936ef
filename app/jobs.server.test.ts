import { randomBytes } from "node:crypto";
import PgBoss from "pg-boss";
import { describe, expect, it } from "vitest";
import { getDatabaseUrl } from "./env.server";
import { TEST_PAUSED_SCHEDULES } from "../db/testing/paused-schedules";
import {
  applySchedules,
  createQueues,
  pausedSchedules,
  queues,
  retryDeadlocks,
} from "./jobs.server";

describe("job queue start", () => {
  it("tries again when PostgreSQL picks the work as a deadlock's victim, and only then", async () => {
    let calls = 0;
    const deadlocked = Object.assign(new Error("deadlock detected"), { code: "40P01" });
    await expect(
      retryDeadlocks(async () => {
        calls += 1;
        if (calls < 3) throw deadlocked;
        return "made";
      }),
    ).resolves.toBe("made");
    expect(calls).toBe(3);

    let other = 0;
    const broken = Object.assign(new Error("syntax error"), { code: "42601" });
    await expect(
      retryDeadlocks(async () => {
        other += 1;
        throw broken;
      }),
    ).rejects.toBe(broken);
    expect(other).toBe(1);
  });

  it(
    "creates every queue when two processes start together on a new database",
    { timeout: 60_000 },
    async () => {
      // Each round: a schema of its own, as a first start finds it, and two queue clients at once.
      for (let round = 0; round < 2; round++) {
        const schema = `pgboss_start_${randomBytes(4).toString("hex")}`;
        const bosses = [0, 1].map(
          () =>
            new PgBoss({ connectionString: getDatabaseUrl(), schema, max: 2, supervise: false }),
        );
        for (const boss of bosses) boss.on("error", () => {});
        try {
          await bosses[0].start();
          await bosses[1].start();
          await Promise.all(bosses.map((boss) => createQueues(boss)));
          const made = (await bosses[0].getQueues())
            .map((queue) => queue.name)
            .filter((name) => !name.startsWith("__pgboss"))
            .sort();
          expect(made).toEqual(Object.keys(queues).sort());
        } finally {
          await Promise.all(bosses.map((boss) => boss.stop({ graceful: false, wait: true })));
        }
      }
    },
  );

  it("schedules every cron queue but the paused ones, and unschedules one paused later", async () => {
    const boss = new PgBoss({
      connectionString: getDatabaseUrl(),
      schema: `pgboss_pause_${randomBytes(4).toString("hex")}`,
      max: 2,
      supervise: false,
    });
    boss.on("error", () => {});
    try {
      await boss.start();
      await createQueues(boss);
      const scheduled = async () => (await boss.getSchedules()).map((s) => s.name).sort();
      const cron = Object.entries(queues)
        .filter(([, options]) => "cron" in options)
        .map(([name]) => name)
        .sort();

      await applySchedules(boss, pausedSchedules([]));
      expect(await scheduled()).toEqual(cron);

      const paused = pausedSchedules(TEST_PAUSED_SCHEDULES.split(","));
      await applySchedules(boss, paused);
      expect(await scheduled()).toEqual(cron.filter((name) => !paused.has(name)));
      expect(await scheduled()).toContain("bookmark-reminders");
      expect(await scheduled()).not.toContain("recalculate-trust-levels");
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
  });

  it("refuses a paused name that is no scheduled job, naming the ones that are", () => {
    expect(() => pausedSchedules(["recalculate-trust-level"])).toThrow(
      /names no scheduled job: recalculate-trust-level\. Scheduled jobs: .*recalculate-trust-levels/,
    );
    // A queue without a schedule cannot be paused either.
    expect(() => pausedSchedules(["notification-email"])).toThrow(/notification-email/);
  });
});
