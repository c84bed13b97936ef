import { sendPasswordResetEmail } from "./auth/password-reset.server";
import type { QueueName } from "./jobs.server";
import { refreshAccountActivity } from "./models/account-activity.server";
import { releaseDueStatusChanges } from "./models/backlog-announcement.server";
import { sendDueBookmarkReminders } from "./models/bookmark.server";
import { refreshCommunityBenchmarks } from "./models/benchmark.server";
import { buildDataExport } from "./models/data-export.server";
import { computeInfluence } from "./models/influence.server";
import { detectLapsedEntries } from "./models/lapsed-detection.server";
import { notificationJobHandlers } from "./models/notification-email.server";
import { purgeExpiredRecords } from "./models/retention.server";
import { buildStaffExport } from "./models/staff-export.server";
import { recalculateTrustLevels } from "./models/trust-level.server";
import { deliverDueWebhooks } from "./models/webhook-delivery.server";
import { readWebhookPayload } from "./routes/api+/__webhook-payloads.server";
import { logger } from "./utils/logger.server";

/** What each queue's jobs do; every queue in jobs.server.ts must have one. */
export const jobHandlers: Record<QueueName, (data: Record<string, unknown>) => Promise<void>> = {
  ...notificationJobHandlers,
  "bookmark-reminders": async () => {
    await sendDueBookmarkReminders();
  },
  "backlog-announcement": async () => {
    const released = await releaseDueStatusChanges();
    if (released > 0) logger.info({ released }, "released confirmed status changes");
  },
  "password-reset-email": async (data) => {
    if (typeof data.email === "string") await sendPasswordResetEmail(data.email);
  },
  "purge-expired-records": async () => {
    logger.info({ purged: await purgeExpiredRecords() }, "purged expired records");
  },
  "refresh-account-activity": async () => {
    await refreshAccountActivity();
    // The community's own benchmark figures stand on that activity.
    await refreshCommunityBenchmarks();
  },
  "detect-lapsed": async () => {
    logger.info(await detectLapsedEntries(), "detected lapsed accounts and members");
  },
  "compute-influence": async () => {
    const run = await computeInfluence();
    if (run) logger.info(run, "computed influence");
    else logger.info("influence is being computed by another process");
  },
  "build-data-export": async (data) => {
    if (typeof data.exportId !== "string") return;
    const built = await buildDataExport(data.exportId);
    if (built) logger.info(built, "built a data export");
  },
  "deliver-webhooks": async () => {
    const sent = await deliverDueWebhooks(readWebhookPayload);
    if (Object.values(sent).some((n) => n > 0)) logger.info(sent, "sent webhook deliveries");
  },
  "build-staff-export": async (data) => {
    if (typeof data.exportId !== "string") return;
    const built = await buildStaffExport(data.exportId);
    if (built) logger.info(built, "built a staff export");
  },
  "recalculate-trust-levels": async () => {
    const { changed } = await recalculateTrustLevels();
    logger.info({ changed }, "recalculated trust levels");
  },
};
