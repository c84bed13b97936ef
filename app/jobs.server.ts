import PgBoss from "pg-boss";
import { isDatabaseUnavailable } from "~/utils/database-errors";
import { getDatabaseUrl, getEnv } from "./env.server";
import { logger } from "./utils/logger.server";

/**
 * Background jobs in PostgreSQL (pg-boss): they survive restarts, retry with backoff, and each job
 * runs once even when several app processes work the same queues.
 */
export const queues = {
  "notification-email": { retryLimit: 6, retryDelay: 30, retryBackoff: true },
  // Every day at 07:00 UTC, each person with digest notifications gets one email.
  "notification-digest": { retryLimit: 3, retryDelay: 300, retryBackoff: true, cron: "0 7 * * *" },
  "password-reset-email": { retryLimit: 3, retryDelay: 30, retryBackoff: true },
  // A confirmed status change, released when its undo window closes (each job releases all due).
  "backlog-announcement": { retryLimit: 6, retryDelay: 10, retryBackoff: true },
  // Every minute: bookmark reminders that are due (each run sends all of them, once).
  "bookmark-reminders": { retryLimit: 2, retryDelay: 30, retryBackoff: true, cron: "* * * * *" },
  // Every hour: expired sessions, spent tokens and old rate-limit counters.
  "purge-expired-records": {
    retryLimit: 2,
    retryDelay: 300,
    retryBackoff: true,
    cron: "17 * * * *",
  },
  // Every hour: members' trust levels from their tenure and activity.
  "recalculate-trust-levels": {
    retryLimit: 2,
    retryDelay: 300,
    retryBackoff: true,
    cron: "41 * * * *",
  },
  // Every hour: each account's activity this month and last, and in the last 30 and 90 days.
  "refresh-account-activity": {
    retryLimit: 2,
    retryDelay: 300,
    retryBackoff: true,
    cron: "29 * * * *",
  },
  // Every day at 05:23 UTC, and after each account import: who lapsed (lapsed-detection.server.ts).
  "detect-lapsed": { retryLimit: 2, retryDelay: 300, retryBackoff: true, cron: "23 5 * * *" },
  // Every minute, and soon after each event: webhook deliveries that are due (each run sends all).
  // "stately": at most one waiting and one running, however many events ask for a run.
  "deliver-webhooks": {
    retryLimit: 1,
    retryDelay: 30,
    retryBackoff: false,
    cron: "* * * * *",
    policy: "stately",
  },
  // A staff member's export of a list, a step at a time (staff-export.server.ts).
  "build-staff-export": { retryLimit: 2, retryDelay: 60, retryBackoff: true },
  // A member's copy of their data (data-export.server.ts).
  "build-data-export": { retryLimit: 2, retryDelay: 60, retryBackoff: true },
  // Every day at 04:11 UTC: the interaction graph and everyone's influence (influence.server.ts).
  "compute-influence": { retryLimit: 2, retryDelay: 600, retryBackoff: true, cron: "11 4 * * *" },
} as const;
export type QueueName = keyof typeof queues;

const registry = globalThis as typeof globalThis & { __vanguardBoss?: Promise<PgBoss> };

function boss(): Promise<PgBoss> {
  registry.__vanguardBoss ??= (async () => {
    const instance = new PgBoss({
      connectionString: getDatabaseUrl(),
      max: 3,
      application_name: "vanguard-jobs",
    });
    instance.on("error", (error) => {
      // Ctrl-C reaches the embedded database too, which drops the queue's connections while the
      // app shuts down: one line says so; anything else is a real problem, logged whole.
      if (isDatabaseUnavailable(error) || error.message.includes("Connection terminated")) {
        logger.warn(`job queue: lost its database connection (${error.message})`);
      } else {
        logger.error({ err: error }, "job queue error");
      }
    });
    await instance.start();
    await createQueues(instance);
    return instance;
  })();
  return registry.__vanguardBoss;
}

/**
 * Creates the queues that don't exist yet. Processes starting together on a new database create
 * the same queues at once, and PostgreSQL can find two of them deadlocked (pg-boss inserts the
 * queue's row and its table in one statement, without a lock of its own): it then rolls one back,
 * which tries again and finds the queue made. One process crashed at start without this.
 */
export async function createQueues(instance: PgBoss) {
  for (const [name, options] of Object.entries(queues)) {
    const { retryLimit, retryDelay, retryBackoff } = options;
    const policy = "policy" in options ? options.policy : undefined;
    await retryDeadlocks(() =>
      instance.createQueue(name, { name, retryLimit, retryDelay, retryBackoff, policy }),
    );
  }
}

/** Runs `work`, again after a short random pause each time PostgreSQL chose it as a deadlock's victim. */
export async function retryDeadlocks<T>(work: () => Promise<T>, attempts = 8): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const deadlocked = (error as { code?: unknown } | null)?.code === "40P01";
      if (!deadlocked || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 80 * attempt));
    }
  }
}

/**
 * Queues several jobs in one round trip; each still runs (and retries) on its own, not before
 * `startAfter` when given.
 */
export async function enqueueJobs(
  name: QueueName,
  items: Array<Record<string, unknown>>,
  options: { startAfter?: Date } = {},
) {
  if (items.length === 0) return;
  const { retryLimit, retryDelay, retryBackoff } = queues[name];
  await (
    await boss()
  ).insert(
    items.map((data) => ({
      name,
      data,
      retryLimit,
      retryDelay,
      retryBackoff,
      ...(options.startAfter ? { startAfter: options.startAfter } : {}),
    })),
  );
}

/** Registers the workers and the schedules; called once per app process at start. */
export async function startJobWorkers(
  handlers: Record<QueueName, (data: Record<string, unknown>) => Promise<void>>,
) {
  const instance = await boss();
  for (const [name, handler] of Object.entries(handlers)) {
    await instance.work<Record<string, unknown>>(name, { batchSize: 5 }, async (jobs) => {
      for (const job of jobs) await handler(job.data);
    });
  }
  await applySchedules(instance, pausedSchedules(getEnv().PAUSED_SCHEDULES));
}

/** Schedules every cron queue but the paused ones. */
export async function applySchedules(instance: PgBoss, paused: Set<string>) {
  for (const [name, options] of Object.entries(queues)) {
    if (!("cron" in options)) continue;
    // Schedules are kept in the database, so a paused one is removed, not merely left unset.
    if (paused.has(name)) await instance.unschedule(name);
    else await instance.schedule(name, options.cron, {}, { tz: "UTC" });
  }
}

/** PAUSED_SCHEDULES, refused whole if it names a queue that has no schedule (a typo pauses nothing). */
export function pausedSchedules(names: string[]): Set<string> {
  const scheduled = Object.entries(queues)
    .filter(([, options]) => "cron" in options)
    .map(([name]) => name);
  const unknown = names.filter((name) => !scheduled.includes(name));
  if (unknown.length > 0) {
    throw new Error(
      `PAUSED_SCHEDULES names no scheduled job: ${unknown.join(", ")}. Scheduled jobs: ${scheduled.join(", ")}`,
    );
  }
  return new Set(names);
}

export async function stopJobs() {
  const current = registry.__vanguardBoss;
  registry.__vanguardBoss = undefined;
  if (current) await (await current).stop({ graceful: true, wait: true, timeout: 5_000 });
}
