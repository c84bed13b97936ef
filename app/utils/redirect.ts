/**
 * Only paths on this site: "/spaces?x=1" passes, "//evil.example", "https://…" and "/\evil" do not,
 * so a crafted sign-in link cannot send someone elsewhere.
 */
export function safeRedirectPath(to: unknown, fallback = "/"): string {
  if (
    typeof to !== "string" ||
    !to.startsWith("/") ||
    to.startsWith("//") ||
    to.startsWith("/\\")
  ) {
    return fallback;
  }
  // Control characters (e.g. a tab inside "/\t/evil.example") are dropped by browsers' URL parsing.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(to)) return fallback;
  if (to === "/login" || to.startsWith("/login?") || to.startsWith("/logout")) return fallback;
  return to;
}
