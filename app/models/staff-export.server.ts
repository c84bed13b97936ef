import { and, asc, desc, eq, sql } from "drizzle-orm";
import {
  staffExportChunks,
  staffExports,
  users,
  type StaffExportFormat,
  type StaffExportKind,
} from "#db/schema";
import { can, type Permission, type Viewer } from "~/auth/policy.server";
import { activePersonOf, personNowColumns } from "~/auth/session.server";
import { db } from "~/db.server";
import { enqueueJobs } from "~/jobs.server";
import { csvLines } from "~/utils/csv.server";
import { logger } from "~/utils/logger.server";
import { exportSources, mayExport, type ExportRow } from "./staff-export-sources.server";
import { NOT_YOUR_ROLE, Refusal } from "./refusal.server";

/** Rows written per step: each step is one chunk and one progress update. */
const ROWS_PER_STEP = 1_000;
/** Exports one person may ask for in a day (each reads a whole list). */
export const STAFF_EXPORTS_PER_DAY = 20;
/** How long a finished file can be downloaded before it is deleted. */
export const STAFF_EXPORT_KEPT_DAYS = 7;
/** A build whose heartbeat stopped this long ago died with its process: it may be taken again. */
const STALE_MINUTES = 5;
export const STAFF_EXPORTS_LISTED = 20;

/**
 * Asks for an export of one list; a job builds it as the requester, a step at a time. One
 * waiting or building export per person, and a daily cap, checked before anything is queued.
 */
export async function requestStaffExport(
  viewer: Viewer,
  input: { kind: StaffExportKind; format: StaffExportFormat },
) {
  if (!mayExport(viewer, input.kind)) throw new Refusal(NOT_YOUR_ROLE, 403);
  const id = await db.transaction(async (tx) => {
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtext('staff-export'), hashtext(${viewer.id}))`,
    );
    const [recent] = await tx.execute<{ pending: number; today: number }>(sql`
      select count(*) filter (where (state = 'queued'
            and requested_at > now() - make_interval(mins => ${STALE_MINUTES}))
          or (state = 'building'
            and heartbeat_at > now() - make_interval(mins => ${STALE_MINUTES})))::int as pending,
        count(*) filter (where requested_at > now() - interval '1 day')::int as today
      from ${staffExports} where user_id = ${viewer.id}`);
    if (recent.pending > 0) {
      throw new Refusal("An export of yours is still being built: wait for it to finish.", 409);
    }
    if (recent.today >= STAFF_EXPORTS_PER_DAY) {
      throw new Refusal(
        `You can ask for ${STAFF_EXPORTS_PER_DAY} exports a day. Download one you have, or try again tomorrow.`,
        429,
      );
    }
    const [row] = await tx
      .insert(staffExports)
      .values({ userId: viewer.id, kind: input.kind, format: input.format })
      .returning({ id: staffExports.id });
    return row.id;
  });
  try {
    await enqueueJobs("build-staff-export", [{ exportId: id }]);
  } catch (error) {
    // Never left queued with no job to build it (it would block the next request).
    await db.update(staffExports).set({ state: "failed" }).where(eq(staffExports.id, id));
    throw error;
  }
  return id;
}

async function readRequester(userId: string): Promise<Viewer | null> {
  const [row] = await db.select(personNowColumns).from(users).where(eq(users.id, userId));
  return activePersonOf(row);
}

/** One step's text: the CSV lines (after the header) or JSON objects (inside the array). */
function renderRows(
  format: StaffExportFormat,
  columns: { key: string; header: string }[],
  rows: ExportRow[],
  first: boolean,
) {
  if (format === "csv") {
    const lines = rows.map((row) => columns.map((column) => row[column.key]));
    return csvLines(first ? [columns.map((column) => column.header), ...lines] : lines);
  }
  const objects = rows.map((row) =>
    JSON.stringify(Object.fromEntries(columns.map((column) => [column.key, row[column.key]]))),
  );
  return objects.length === 0 ? "" : `${first ? "" : ",\n"}${objects.join(",\n")}`;
}

/** The permissions a file built by this person holds the data of (emails need more). */
function permissionsFor(viewer: Viewer, kind: StaffExportKind): Permission[] {
  const needs = [...exportSources[kind].permissions];
  if (kind === "members" && can(viewer, "read:member:any")) needs.push("read:member:any");
  return needs;
}

/**
 * The job: builds one export as its requester, read again before each step (a role lowered
 * mid-build stops it), writing a chunk and the progress after each. Taken once (queued →
 * building), or again when a build's heartbeat stopped with its process: it then starts over,
 * and the build that lost its claim (`attempt`) writes nothing more.
 */
export async function buildStaffExport(id: string) {
  const [claimed] = await db
    .update(staffExports)
    .set({
      state: "building",
      heartbeatAt: new Date(),
      rowsDone: 0,
      attempt: sql`${staffExports.attempt} + 1`,
    })
    .where(
      and(
        eq(staffExports.id, id),
        sql`(${staffExports.state} = 'queued' or (${staffExports.state} = 'building'
          and ${staffExports.heartbeatAt} < now() - make_interval(mins => ${STALE_MINUTES})))`,
      ),
    )
    .returning();
  if (!claimed) return null;
  const ours = and(eq(staffExports.id, id), eq(staffExports.attempt, claimed.attempt));
  const fail = async (reason: string) => {
    await db.transaction(async (tx) => {
      const [failed] = await tx
        .update(staffExports)
        .set({ state: "failed", finishedAt: new Date() })
        .where(ours)
        .returning({ id: staffExports.id });
      if (failed) await tx.delete(staffExportChunks).where(eq(staffExportChunks.exportId, id));
    });
    logger.warn({ exportId: id, reason }, "a staff export failed");
    return null;
  };
  const source = exportSources[claimed.kind];
  const requester = async () => {
    const viewer = await readRequester(claimed.userId);
    return viewer && mayExport(viewer, claimed.kind) ? viewer : null;
  };
  let viewer = await requester();
  if (!viewer) return fail("requester may no longer export");
  const permissions = permissionsFor(viewer, claimed.kind);
  try {
    const [started] = await db.transaction(async (tx) => {
      await tx.delete(staffExportChunks).where(eq(staffExportChunks.exportId, id));
      return tx
        .update(staffExports)
        .set({ rowsTotal: await source.count(viewer!), permissions })
        .where(ours)
        .returning({ id: staffExports.id });
    });
    if (!started) return null;
    let after: string | null = null;
    let done = 0;
    let bytes = 0;
    for (let seq = 0; ; seq++) {
      if (seq > 0) {
        viewer = await requester();
        if (!viewer) return fail("requester lost access while it was built");
        if (permissionsFor(viewer, claimed.kind).length !== permissions.length) {
          return fail("requester's permissions changed while it was built");
        }
      }
      const page = await source.page(viewer, after, ROWS_PER_STEP);
      const text = renderRows(claimed.format, source.columns, page.rows, seq === 0);
      bytes += Buffer.byteLength(text);
      done += page.rows.length;
      const kept = await db.transaction(async (tx) => {
        const [still] = await tx
          .update(staffExports)
          .set({ rowsDone: done, heartbeatAt: new Date() })
          .where(ours)
          .returning({ id: staffExports.id });
        if (still) await tx.insert(staffExportChunks).values({ exportId: id, seq, content: text });
        return Boolean(still);
      });
      // Another build took it over: it writes the file now.
      if (!kept) return null;
      if (page.rows.length < ROWS_PER_STEP || page.last === null) break;
      after = page.last;
    }
    await db
      .update(staffExports)
      .set({
        state: "ready",
        rowsDone: done,
        // Rows may have come or gone while it was built: the total is what was written.
        rowsTotal: done,
        byteSize: bytes,
        finishedAt: new Date(),
        expiresAt: sql`now() + make_interval(days => ${STAFF_EXPORT_KEPT_DAYS})`,
      })
      .where(ours);
    return { exportId: id, rows: done, bytes };
  } catch (error) {
    logger.error({ err: error, exportId: id }, "could not build a staff export");
    return fail("build error");
  }
}

/** The viewer's own exports, newest first, with their progress. */
export async function listOwnStaffExports(viewer: Viewer) {
  return db
    .select({
      id: staffExports.id,
      kind: staffExports.kind,
      format: staffExports.format,
      state: staffExports.state,
      rowsDone: staffExports.rowsDone,
      rowsTotal: staffExports.rowsTotal,
      byteSize: staffExports.byteSize,
      requestedAt: staffExports.requestedAt,
      expiresAt: staffExports.expiresAt,
    })
    .from(staffExports)
    .where(
      and(
        eq(staffExports.userId, viewer.id),
        sql`(${staffExports.expiresAt} is null or ${staffExports.expiresAt} > now())`,
      ),
    )
    .orderBy(desc(staffExports.requestedAt))
    .limit(STAFF_EXPORTS_LISTED);
}

/**
 * A finished export of the viewer's own, as a stream of its chunks (read one at a time), or
 * null: someone else's, unfinished, expired, or no longer theirs to read.
 */
export async function openStaffExport(viewer: Viewer, exportId: string) {
  const [row] = await db
    .select({
      kind: staffExports.kind,
      format: staffExports.format,
      permissions: staffExports.permissions,
    })
    .from(staffExports)
    .where(
      and(
        eq(staffExports.id, exportId),
        eq(staffExports.userId, viewer.id),
        eq(staffExports.state, "ready"),
        sql`${staffExports.expiresAt} > now()`,
      ),
    );
  if (!row || !mayExport(viewer, row.kind)) return null;
  if (!row.permissions.every((permission) => can(viewer, permission as Permission))) return null;
  let seq = 0;
  const encoder = new TextEncoder();
  // The CSV's byte-order mark is the response's (csvStreamResponse), as for every CSV.
  const [open, close] = row.format === "csv" ? ["", ""] : ["[\n", "\n]\n"];
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      if (open) controller.enqueue(encoder.encode(open));
    },
    async pull(controller) {
      const [chunk] = await db
        .select({ content: staffExportChunks.content })
        .from(staffExportChunks)
        .where(and(eq(staffExportChunks.exportId, exportId), eq(staffExportChunks.seq, seq)))
        .orderBy(asc(staffExportChunks.seq));
      seq++;
      if (!chunk) {
        if (close) controller.enqueue(encoder.encode(close));
        controller.close();
        return;
      }
      controller.enqueue(encoder.encode(chunk.content));
    },
  });
  return { kind: row.kind, format: row.format, stream };
}

/** Exports past their days, and their files, for the hourly retention job. */
export async function purgeExpiredStaffExports(): Promise<number> {
  const purged = await db
    .delete(staffExports)
    .where(
      sql`${staffExports.expiresAt} < now() or (${staffExports.state} <> 'ready'
        and ${staffExports.requestedAt} < now() - interval '1 day')`,
    )
    .returning({ id: staffExports.id });
  return purged.length;
}
