import type { LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { z } from "zod";
import { requireUser } from "~/auth/policy.server";
import { subscribeToThread } from "~/live.server";
import { getThreadForViewer } from "~/models/thread.server";

const HEARTBEAT_MS = 25_000;
// Streams end after a while so the browser reconnects and access is checked again: someone
// removed from a private space, suspended or signed out stops receiving events within this time.
const MAX_STREAM_MS = 10 * 60_000;

/** Server-sent events for one thread the viewer may see: `post` when a reply is added. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = z.uuid().safeParse(params.threadId);
  const thread = id.success ? await getThreadForViewer(user, id.data) : null;
  if (!thread) throw data({ message: "No such thread." }, { status: 404 });

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
        send(
          `event: post\ndata: ${JSON.stringify({ postId: event.postId, position: event.position })}\n\n`,
        );
      });
      const heartbeat = setInterval(() => send(": keep-alive\n\n"), HEARTBEAT_MS);
      const expiry = setTimeout(() => {
        cleanup();
        try {
          controller.close();
        } catch {
          // already closed
        }
      }, MAX_STREAM_MS);
      cleanup = () => {
        clearInterval(heartbeat);
        clearTimeout(expiry);
        unsubscribe();
      };
      request.signal.addEventListener("abort", () => {
        cleanup();
        try {
          controller.close();
        } catch {
          // already closed
        }
      });
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
