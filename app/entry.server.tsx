import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { isDatabaseUnavailable } from "~/utils/database-errors";
import { CoalescedBody } from "./http/coalesced-body.server";
import {
  databaseUnavailablePage,
  dataResponseFor,
  lostDatabase,
  noteDatabaseUnavailable,
} from "./http/database-unavailable.server";
import { redactSecrets } from "./http/redact";
import { logger } from "./utils/logger.server";
import { NonceProvider } from "./utils/nonce";

export { closeDatabase } from "./db.server";
export { stopJobs } from "./jobs.server";

/** Called once by server.ts after the build loads: this process works the job queues too. */
export async function startBackgroundWork() {
  const [{ startJobWorkers }, { jobHandlers }, { startLiveUpdates }, { listenForWebhookEvents }] =
    await Promise.all([
      import("./jobs.server"),
      import("./job-handlers.server"),
      import("./live.server"),
      import("./models/webhook-event.server"),
    ]);
  await startJobWorkers(jobHandlers);
  await startLiveUpdates();
  await listenForWebhookEvents();
}

const ABORT_DELAY = 5_000;
export const streamTimeout = ABORT_DELAY;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce;
  // A loader that lost the database mid-way: 503 and "we'll be right back", as when the root's
  // does. In production Remix has replaced its error with a plain one by now, so handleError
  // (which saw the original) noted it.
  if (responseStatusCode === 500 && lostDatabase(loadContext)) {
    return Promise.resolve(databaseUnavailablePage());
  }
  const readyEvent = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";

  return new Promise((resolve, reject) => {
    let shellRendered = false;
    // The render is given up after the delay; once all of it is out, the timer goes, or it kept
    // each page's whole render (its loader data too) in memory for six seconds.
    let abortTimer: NodeJS.Timeout | undefined = undefined;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer
          context={remixContext}
          url={request.url}
          abortDelay={ABORT_DELAY}
          nonce={nonce}
        />
      </NonceProvider>,
      {
        nonce,
        onAllReady() {
          clearTimeout(abortTimer);
          if (readyEvent === "onAllReady") sendShell();
        },
        onShellReady() {
          if (readyEvent === "onShellReady") sendShell();
        },
        onShellError(error: unknown) {
          clearTimeout(abortTimer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered)
            logger.error({ err: error, requestId: loadContext.requestId }, "render error");
        },
      },
    );
    function sendShell() {
      shellRendered = true;
      // React writes a page in 2 KB pieces; the socket gets them in a few large writes.
      const body = new CoalescedBody();
      responseHeaders.set("Content-Type", "text/html; charset=utf-8");
      resolve(
        new Response(createReadableStreamFromReadable(body), {
          headers: responseHeaders,
          status: responseStatusCode,
        }),
      );
      pipe(body);
    }
    abortTimer = setTimeout(abort, ABORT_DELAY + 1_000);
  });
}

/** A data request (`.data`) whose loader or action lost the database answers 503, not 500. */
export function handleDataRequest(response: Response, { context }: { context: AppLoadContext }) {
  return dataResponseFor(response, context);
}

export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (isDatabaseUnavailable(error)) {
    noteDatabaseUnavailable(context);
    if (!request.signal.aborted) {
      logger.warn({ url: redactSecrets(request.url) }, "database unavailable");
    }
    return;
  }
  if (request.signal.aborted) return;
  // drizzle wraps the driver's error: its code and message say what the database answered.
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  logger.error(
    {
      err: error,
      cause: cause ? { code: cause.code, message: cause.message } : undefined,
      url: redactSecrets(request.url),
      requestId: context?.requestId,
    },
    "unexpected server error",
  );
};
