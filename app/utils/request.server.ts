import { getEnv } from "~/env.server";

/** The public origin for links in emails: APP_URL when configured, else the request's own. */
export function publicOrigin(request: Request): string {
  return getEnv().APP_URL?.replace(/\/$/, "") ?? new URL(request.url).origin;
}
