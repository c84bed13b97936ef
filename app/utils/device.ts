// Browsers name themselves in an order of precedence (Edge says Chrome and Safari too), so the
// first match wins. Plain substring checks over a string cut at 300 characters: linear.
const BROWSERS: [string, string][] = [
  ["Edg/", "Edge"],
  ["OPR/", "Opera"],
  ["Firefox/", "Firefox"],
  ["Chromium/", "Chromium"],
  ["Chrome/", "Chrome"],
  ["HeadlessChrome", "Chrome"],
  ["Safari/", "Safari"],
];
const SYSTEMS: [string, string][] = [
  ["iPhone", "iOS"],
  ["iPad", "iPadOS"],
  ["Android", "Android"],
  ["Windows", "Windows"],
  ["Mac OS X", "macOS"],
  ["CrOS", "ChromeOS"],
  ["Linux", "Linux"],
];

/** "Firefox on Windows" from what a browser said about itself, or a plain word when it said little. */
export function describeDevice(userAgent: string): string {
  const ua = userAgent.slice(0, 300);
  if (!ua) return "Unknown device";
  const browser = BROWSERS.find(([token]) => ua.includes(token))?.[1];
  const system = SYSTEMS.find(([token]) => ua.includes(token))?.[1];
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? system ?? "Unknown browser";
}
