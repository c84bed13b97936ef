import { isRouteErrorResponse, Link } from "@remix-run/react";

const messages: Record<number, { title: string; body: string }> = {
  400: {
    title: "That request didn't make sense",
    body: "Something in the address or form was not valid. Go back and try again.",
  },
  403: {
    title: "You don't have access to this",
    body: "Your role doesn't include this page. If you think it should, ask an admin.",
  },
  404: {
    title: "We couldn't find that page",
    body: "It may have moved, or the link may be mistyped. It may also be somewhere you can't see.",
  },
  405: {
    title: "That action isn't available here",
    body: "Go back and try again from the page you came from.",
  },
  413: { title: "That was too large", body: "The request is over our size limit of 1 MB." },
  503: {
    title: "We'll be right back",
    body: "We can't reach the database right now. Please try again in a minute.",
  },
};

const fallback = {
  title: "Something went wrong on our side",
  body: "We've logged the problem. Try again in a moment; if it keeps happening, tell an admin what you were doing.",
};

export function errorTitle(error: unknown): string {
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return (messages[status] ?? fallback).title;
}

/**
 * The one error page. A title by status, and the message the loader or action gave (see
 * `invariantResponse`), which says what was not found or not allowed; never a stack trace.
 */
export function ErrorPage({ error }: { error: unknown }) {
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const known = messages[status] ?? fallback;
  const detail =
    isRouteErrorResponse(error) &&
    typeof error.data === "object" &&
    error.data &&
    "message" in error.data
      ? String((error.data as { message: unknown }).message)
      : null;
  return (
    <div className="error-page">
      <p className="error-code">Error {status}</p>
      <h1>{known.title}</h1>
      <p>{detail ?? known.body}</p>
      <p>
        <Link to="/" className="btn">
          Go to the home page
        </Link>
      </p>
    </div>
  );
}
