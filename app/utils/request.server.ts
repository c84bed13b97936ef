import { getEnv } from "~/env.server";

/**
 * The public origin for links in emails: APP_URL, or this machine's own address. Never the
 * request's Host header: a forged Host would otherwise send password-reset links to another site.
 */
export function publicOrigin(): string {
  const env = getEnv();
  return (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, "");
}
