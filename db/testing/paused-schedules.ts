/**
 * The scheduled jobs a test server does not run (PAUSED_SCHEDULES): each recomputes data that
 * fixtures set by hand, and would undo it in the middle of a test whose run crosses its minute.
 * The hourly trust-level job once demoted a fixture member to level 0 mid-test, and the tighter
 * posting limit then refused an endorsement. The every-minute jobs (bookmark reminders, webhook
 * deliveries) keep running: tests wait for them.
 */
export const TEST_PAUSED_SCHEDULES = [
  "recalculate-trust-levels",
  "refresh-account-activity",
  "detect-lapsed",
  "compute-influence",
  "notification-digest",
  "purge-expired-records",
].join(",");
