import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { isDatabaseUnavailable } from "~/utils/database-errors";
import { CoalescedBody } from "./http/coalesced-body.server";
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
  const errors = Object.values(remixContext.staticHandlerContext.errors ?? {});
  // A loader that lost the database mid-way shows the same "try again" page as the root does.
  if (responseStatusCode === 500 && errors.some(isDatabaseUnavailable)) responseStatusCode = 503;
  const readyEvent = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";

  return new Promise((resolve, reject) => {
    let shellRendered = false;
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
        [readyEvent]() {
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
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered)
            logger.error({ err: error, requestId: loadContext.requestId }, "render error");
        },
      },
    );
    setTimeout(abort, ABORT_DELAY + 1_000);
  });
}

export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (request.signal.aborted) return;
  if (isDatabaseUnavailable(error)) {
    logger.warn({ url: redactSecrets(request.url) }, "database unavailable");
    return;
  }
  logger.error(
    { err: error, url: redactSecrets(request.url), requestId: context?.requestId },
    "unexpected server error",
  );
};
