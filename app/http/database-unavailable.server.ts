import { RETRY_AFTER_SECONDS } from "./retry-after.server";

// The requests during which a loader or action lost the database, by their load context (one
// object per request, handed to handleError and then to the document or data handler).
const unavailableDuring = new WeakSet<object>();

/** Called by handleError for an error that means the database is out of reach. */
export function noteDatabaseUnavailable(context: object | undefined) {
  if (context) unavailableDuring.add(context);
}

/** Whether a loader or action of this request lost the database. */
export function lostDatabase(context: object | undefined): boolean {
  return context ? unavailableDuring.has(context) : false;
}

/**
 * The page for a request whose loader lost the database after the root's had what it needed.
 * Remix hides such an error behind a plain "Unexpected Server Error" before the page is rendered
 * (its code is gone), so the app's own error page would say 500 and "something went wrong"; this
 * one says what is true, stands alone (no scripts, nothing more to load) and asks the browser to
 * come back.
 */
export function databaseUnavailablePage(): Response {
  const html = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>We'll be right back · Vanguard</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1f2937;line-height:1.5}a{color:#1d4ed8}</style>
</head><body><main>
<p>Error 503</p>
<h1>We'll be right back</h1>
<p>We can't reach the database right now. Please try again in a minute.</p>
<p><a href="">Try again</a></p>
</main></body></html>
`;
  return new Response(html, {
    status: 503,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Retry-After": String(RETRY_AFTER_SECONDS),
      "Cache-Control": "no-store",
    },
  });
}

/** A data request (`.data`) whose loader or action lost the database answers 503, not 500. */
export function dataResponseFor(response: Response, context: object | undefined): Response {
  if (response.status !== 500 || !lostDatabase(context)) return response;
  const headers = new Headers(response.headers);
  headers.set("Retry-After", String(RETRY_AFTER_SECONDS));
  return new Response(response.body, { status: 503, statusText: "Service Unavailable", headers });
}
