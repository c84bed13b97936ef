import { and, desc, eq, gt, inArray, sql } from "drizzle-orm";
import { dataExportFiles, dataExports, users } from "#db/schema";
import type { Viewer } from "~/auth/policy.server";
import { db } from "~/db.server";
import { enqueueJobs } from "~/jobs.server";
import { logger } from "~/utils/logger.server";
import { buildMemberExport } from "./data-export-build.server";
import { notifyDataExportReady } from "./notification.server";
import { Refusal } from "./refusal.server";

/** How long a finished export can be downloaded before it is deleted. */
export const EXPORT_KEPT_DAYS = 7;
/** Exports one person may ask for in a day: each reads their whole history. */
export const EXPORTS_PER_DAY = 3;
export const EXPORTS_LISTED = 5;
/** A build that has not finished by then died with its process: it may be taken again. */
const STALE_BUILD_MINUTES = 15;

/**
 * Asks for a copy of everything held about the person; a job builds it and they are notified.
 * One at a time, and at most EXPORTS_PER_DAY a day, checked before anything is queued.
 */
export async function requestDataExport(viewer: Viewer) {
  const id = await db.transaction(async (tx) => {
    // One request at a time per person, even when the button is pressed twice at once.
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtext('data-export'), hashtext(${viewer.id}))`,
    );
    const [recent] = await tx.execute<{ pending: number; today: number }>(sql`
      select count(*) filter (where state = 'queued' or (state = 'building'
          and requested_at > now() - make_interval(mins => ${STALE_BUILD_MINUTES})))::int as pending,
        count(*) filter (where requested_at > now() - interval '1 day')::int as today
      from ${dataExports} where user_id = ${viewer.id}`);
    if (recent.pending > 0) {
      throw new Refusal("A copy of your data is already being prepared: you'll be notified.", 409);
    }
    if (recent.today >= EXPORTS_PER_DAY) {
      throw new Refusal(
        `You can ask for ${EXPORTS_PER_DAY} copies of your data a day. Download the latest one, or try again tomorrow.`,
        429,
      );
    }
    const [row] = await tx
      .insert(dataExports)
      .values({ userId: viewer.id })
      .returning({ id: dataExports.id });
    return row.id;
  });
  await enqueueJobs("build-data-export", [{ exportId: id }]);
  return id;
}

/**
 * The job: builds one export as its member (what they may see now), keeps the file, and tells
 * them. Taken once (queued → building), so a retried or doubled job builds nothing twice.
 */
export async function buildDataExport(exportId: string) {
  const [claimed] = await db
    .update(dataExports)
    .set({ state: "building" })
    .where(
      and(
        eq(dataExports.id, exportId),
        sql`(${dataExports.state} = 'queued' or (${dataExports.state} = 'building'
          and ${dataExports.requestedAt} < now() - make_interval(mins => ${STALE_BUILD_MINUTES})))`,
      ),
    )
    .returning({ userId: dataExports.userId });
  if (!claimed) return null;
  const [person] = await db
    .select({ id: users.id, role: users.role, accountId: users.accountId })
    .from(users)
    .where(eq(users.id, claimed.userId));
  try {
    const content = await buildMemberExport(person);
    await db.transaction(async (tx) => {
      await tx.insert(dataExportFiles).values({ exportId, content });
      await tx
        .update(dataExports)
        .set({
          state: "ready",
          finishedAt: new Date(),
          expiresAt: sql`now() + make_interval(days => ${EXPORT_KEPT_DAYS})`,
          byteSize: Buffer.byteLength(content),
        })
        .where(eq(dataExports.id, exportId));
    });
    await notifyDataExportReady(person.id, exportId);
    return { exportId, bytes: Buffer.byteLength(content) };
  } catch (error) {
    logger.error({ err: error, exportId }, "could not build a data export");
    await db
      .update(dataExports)
      .set({ state: "failed", finishedAt: new Date() })
      .where(eq(dataExports.id, exportId));
    return null;
  }
}

/** The person's latest exports, for "My data". */
export async function listMyDataExports(viewer: Viewer) {
  return db
    .select({
      id: dataExports.id,
      state: dataExports.state,
      requestedAt: dataExports.requestedAt,
      finishedAt: dataExports.finishedAt,
      expiresAt: dataExports.expiresAt,
      byteSize: dataExports.byteSize,
    })
    .from(dataExports)
    .where(eq(dataExports.userId, viewer.id))
    .orderBy(desc(dataExports.requestedAt))
    .limit(EXPORTS_LISTED);
}

/** The file of one of the person's own ready exports, until it expires; null otherwise. */
export async function getMyDataExportFile(viewer: Viewer, exportId: string) {
  const [row] = await db
    .select({ content: dataExportFiles.content, finishedAt: dataExports.finishedAt })
    .from(dataExports)
    .innerJoin(dataExportFiles, eq(dataExportFiles.exportId, dataExports.id))
    .where(
      and(
        eq(dataExports.id, exportId),
        eq(dataExports.userId, viewer.id),
        eq(dataExports.state, "ready"),
        gt(dataExports.expiresAt, sql`now()`),
      ),
    );
  return row ?? null;
}

/** Deletes expired exports with their files, and failed ones after the same time (retention). */
export async function purgeExpiredExports() {
  const gone = await db
    .delete(dataExports)
    .where(
      sql`${dataExports.expiresAt} < now() or (${inArray(dataExports.state, ["failed", "queued", "building"])}
        and ${dataExports.requestedAt} < now() - make_interval(days => ${EXPORT_KEPT_DAYS}))`,
    )
    .returning({ id: dataExports.id });
  return gone.length;
}
