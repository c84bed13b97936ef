import { isDatabaseReachable } from "~/models/health.server";

/** For load balancers and uptime checks: 200 when the database answers, 503 when it doesn't. */
export async function loader() {
  if (await isDatabaseReachable()) {
    return Response.json(
      { status: "ok", database: "ok" },
      { headers: { "Cache-Control": "no-store" } },
    );
  }
  return Response.json(
    { status: "unavailable", database: "unreachable" },
    { status: 503, headers: { "Cache-Control": "no-store", "Retry-After": "30" } },
  );
}
