/**
 * Only paths on this site: "/spaces?x=1" passes, "//evil.example", "https://…" and "/\evil" do not,
 * so a crafted sign-in link cannot send someone elsewhere.
 */
export function safeRedirectPath(to: unknown, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) {
    return fallback;
  }
  if (/[\u0000-\u001f]/.test(to)) return fallback;
  if (to === "/login" || to.startsWith("/login?") || to.startsWith("/logout")) return fallback;
  return to;
}
