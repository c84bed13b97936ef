/** The demo's clock: everything is placed relative to the moment the seed runs. */
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/**
 * The community opened this many days before the seed runs. Staff arrived a little earlier; the
 * first member of each account joined in the first weeks, colleagues over the months since.
 */
export const COMMUNITY_AGE_DAYS = 180;
