import { redirect } from "@remix-run/node";
import type { SignInMethod } from "#db/schema";
import { oncePerRequest } from "~/http/request-scope.server";
import { isDatabaseUnavailable } from "~/utils/database-errors";
import { safeRedirectPath } from "~/utils/redirect";
import { expectedFailure } from "~/utils/responses.server";
import { can, type Permission } from "./policy/permissions.server";
import { getCurrentSession, type SessionUser } from "./session.server";

// Who is asking: the signed-in person of a request, read once per request and fresh from the
// database (role, suspension), or the answer that sends them to sign in.

// Root and route loaders of one request share a single session lookup: by the request's scope
// (server.ts), as Remix gives each loader its own Request object; by the object where a test or
// a script calls loaders directly.
const lookups = new WeakMap<Request, ReturnType<typeof getCurrentSession>>();
const SESSION = Symbol("session");

export async function getSession(request: Request) {
  let lookup = lookups.get(request);
  if (!lookup) {
    lookup = oncePerRequest(SESSION, () => getCurrentSession(request));
    lookups.set(request, lookup);
  }
  try {
    return await lookup;
  } catch (error) {
    if (isDatabaseUnavailable(error)) throw serviceUnavailable();
    throw error;
  }
}

export async function getOptionalUser(request: Request): Promise<SessionUser | null> {
  return (await getSession(request)).user;
}

/** The signed-in user, or a redirect to sign in that brings them back here afterwards. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getOptionalUser(request);
  if (!user) {
    const url = new URL(request.url);
    const back = safeRedirectPath(url.pathname + url.search, "/");
    const search = back === "/" ? "" : `?${new URLSearchParams({ redirectTo: back })}`;
    throw redirect(`/login${search}`);
  }
  return user;
}

/** The signed-in user with the id of this browser's session (to tell it apart from the others). */
export async function requireUserSession(request: Request) {
  const user = await requireUser(request);
  const current = await getSession(request);
  return { user, sessionId: current.user ? current.session.id : "" };
}

/** How this request's session began (a password unless it came through the identity provider). */
export async function sessionMethodOf(request: Request): Promise<SignInMethod> {
  const current = await getSession(request);
  return current.user ? current.session.method : "password";
}

/** How long a sign-in through the identity provider stands in for the password asked again. */
export const SSO_CONFIRMS_FOR_MS = 10 * 60 * 1000;

/**
 * Whether this request's session began through the identity provider minutes ago: what
 * confirms it is the person, for those who have no password here (`requireCurrentPassword`).
 */
export async function recentSsoSignIn(request: Request): Promise<boolean> {
  const current = await getSession(request);
  if (!current.user) return false;
  const { method, startedAt } = current.session;
  return (
    method === "sso" &&
    startedAt !== undefined &&
    Date.now() - new Date(startedAt).getTime() < SSO_CONFIRMS_FOR_MS
  );
}

export async function requireUserWithPermission(
  request: Request,
  permission: Permission,
): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!can(user, permission)) throw forbidden();
  return user;
}

export function forbidden(
  message = "Your role doesn't include this page or action. If you think it should, ask an admin.",
) {
  return expectedFailure(message, { status: 403 });
}

export function serviceUnavailable() {
  return expectedFailure("We can't reach the database right now. Please try again in a minute.", {
    status: 503,
    headers: { "Retry-After": "30" },
  });
}
