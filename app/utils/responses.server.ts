import { data } from "@remix-run/node";

type ExpectedStatus = 400 | 403 | 404 | 405 | 409 | 413 | 415 | 422 | 429 | 503;

/**
 * The one way a loader or action stops on an expected failure (not found, not allowed, nonsense
 * input): it throws a response carrying a plain message, which the error page shows as it is.
 */
export function invariantResponse(
  condition: unknown,
  message: string,
  init: { status: ExpectedStatus; headers?: HeadersInit } = { status: 400 },
): asserts condition {
  if (!condition) throw expectedFailure(message, init);
}

/** The response `invariantResponse` throws, for code that must build one itself. */
export function expectedFailure(
  message: string,
  init: { status: ExpectedStatus; headers?: HeadersInit },
) {
  return data({ message }, init);
}
