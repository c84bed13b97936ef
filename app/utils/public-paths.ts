/** Pages a signed-out visitor may open; everything else in this invite-only community sends them to sign in. */
const PUBLIC_PREFIXES = [
  "/login",
  "/forgot-password",
  "/reset-password/",
  "/invitations/",
  // Where the company's identity provider sends people back to finish signing in.
  "/sso/callback",
  // An email's unsubscribe link works without signing in: its signed token says for whom.
  "/unsubscribe/",
  "/healthz",
];

export function isPublicPath(pathname: string): boolean {
  return PUBLIC_PREFIXES.some((prefix) =>
    prefix.endsWith("/") ? pathname.startsWith(prefix) : pathname === prefix,
  );
}
