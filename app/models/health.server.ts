import { sql } from "drizzle-orm";
import { db } from "~/db.server";
import { isDatabaseUnavailable } from "~/utils/database-errors";

/** Whether the database answers: true, false when it cannot be reached; other errors are thrown. */
export async function isDatabaseReachable(): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    return true;
  } catch (error) {
    if (isDatabaseUnavailable(error)) return false;
    throw error;
  }
}
