import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/policy.server";
import { reserveStream, subscribeToThread } from "~/live.server";
import { getThreadForViewer } from "~/models/thread.server";
import { uuidParam } from "~/utils/query.server";
import { invariantResponse } from "~/utils/responses.server";

const HEARTBEAT_MS = 25_000;
// Streams end after a while so the browser reconnects and access is checked again: someone
// removed from a private space, suspended or signed out stops receiving events within this time.
const MAX_STREAM_MS = 10 * 60_000;

/**
 * Server-sent events for one thread the viewer may see: `post` when a reply is added; on a
 * proposal, `revision` when it is saved and `presence` when its editors come and go.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = uuidParam(params.threadId);
  const thread = id ? await getThreadForViewer(user, id) : null;
  invariantResponse(thread, "No such thread.", { status: 404 });
  const release = reserveStream(user.id);
  // The browser does not retry after a 429: this tab simply goes without live updates.
  invariantResponse(
    release,
    "You have too many live pages open. Close some tabs, then reload this one.",
    { status: 429 },
  );

  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      // Tell the browser to wait 3 s before reconnecting after a drop.
      send("retry: 3000\n\n");
      const unsubscribe = subscribeToThread(thread.id, (event) => {
        switch (event.type) {
          case undefined:
          case "post":
            send(
              `event: post\ndata: ${JSON.stringify({ postId: event.postId, position: event.position, authorId: event.authorId })}\n\n`,
            );
            return;
          case "revision":
          case "presence": {
            const { type, threadId: _, ...rest } = event;
            send(`event: ${type}\ndata: ${JSON.stringify(rest)}\n\n`);
            return;
          }
        }
      });
      const heartbeat = setInterval(() => send(": keep-alive\n\n"), HEARTBEAT_MS);
      const expiry = setTimeout(() => close(), MAX_STREAM_MS);
      // Every way a stream ends (expiry, the reader leaving, a failed write) comes through here;
      // each step is safe to repeat.
      cleanup = () => {
        clearInterval(heartbeat);
        clearTimeout(expiry);
        unsubscribe();
        release();
      };
      function close() {
        cleanup();
        try {
          controller.close();
        } catch {
          // already closed
        }
      }
      if (request.signal.aborted) close();
      else request.signal.addEventListener("abort", close);
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-store",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
}
