import { sql } from "drizzle-orm";
import { db, isDatabaseUnavailable } from "~/db.server";

/** For load balancers and uptime checks: 200 when the database answers, 503 when it doesn't. */
export async function loader() {
  try {
    await db.execute(sql`select 1`);
    return Response.json(
      { status: "ok", database: "ok" },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    return Response.json(
      { status: "unavailable", database: "unreachable" },
      { status: 503, headers: { "Cache-Control": "no-store", "Retry-After": "30" } },
    );
  }
}
