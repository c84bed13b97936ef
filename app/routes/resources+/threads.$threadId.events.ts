import type { LoaderFunctionArgs } from "@remix-run/node";
import { getSession, requireUser } from "~/auth/current-user.server";
import { openThreadStream, reserveStream } from "~/live.server";
import { readStreamAccess } from "~/models/stream-access.server";
import { uuidParam } from "~/utils/query.server";
import { invariantResponse } from "~/utils/responses.server";

/**
 * Server-sent events for one thread the viewer may see, for as long as they may see it: `post`
 * when a reply is added; on a proposal its co-authors hear `revision` when it is saved and
 * `presence` when its editors come and go. The stream closes once access is lost.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const current = await getSession(request);
  const sessionId = current.user ? current.session.id : null;
  const id = uuidParam(params.threadId);
  const checkAccess = () => readStreamAccess(sessionId ?? "", user, id ?? "");
  const access = sessionId && id ? await checkAccess() : null;
  invariantResponse(access, "No such thread.", { status: 404 });
  const release = reserveStream(user.id);
  // The browser does not retry after a 429: this tab simply goes without live updates.
  invariantResponse(
    release,
    "You have too many live pages open. Close some tabs, then reload this one.",
    { status: 429 },
  );
  const stream = openThreadStream({
    signal: request.signal,
    userId: user.id,
    threadId: id!,
    access,
    checkAccess,
    release,
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
