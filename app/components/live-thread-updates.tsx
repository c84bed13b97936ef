import { Link, useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { openLiveStream } from "~/utils/live-stream";

/**
 * Listens for new replies (server-sent events, opened again after an outage). On the last page the
 * new reply appears in place; elsewhere a link says how many arrived.
 */
export function LiveThreadUpdates({
  threadId,
  viewerId,
  lastPositionOnPage,
  lastPosition,
}: {
  threadId: string;
  /** Your own replies are never announced to you: posting one already took you to it. */
  viewerId: string;
  /** The highest position this page can hold: replies beyond it land on the next page. */
  lastPositionOnPage: number;
  lastPosition: number;
}) {
  const revalidator = useRevalidator();
  const [arrived, setArrived] = useState(0);
  const [latestPostId, setLatestPostId] = useState<string | null>(null);
  const [connected, setConnected] = useState(false);
  const known = useRef(lastPosition);
  known.current = Math.max(known.current, lastPosition);

  useEffect(() => {
    return openLiveStream(`/resources/threads/${threadId}/events`, (source, reconnected) => {
      source.addEventListener("open", () => {
        setConnected(true);
        // Replies posted while the stream was away were announced to nobody: read them now.
        if (reconnected) revalidator.revalidate();
      });
      source.addEventListener("error", () => setConnected(false));
      source.addEventListener("post", (event) => {
        const { position, postId, authorId } = JSON.parse((event as MessageEvent<string>).data) as {
          position: number;
          postId: string;
          authorId: string;
        };
        if (position <= known.current) return;
        if (authorId === viewerId) {
          known.current = Math.max(known.current, position);
          return;
        }
        if (position <= lastPositionOnPage) revalidator.revalidate();
        else {
          setArrived((count) => count + 1);
          setLatestPostId(postId);
        }
      });
    });
    // The revalidator's identity changes on every render; the subscription must not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [threadId, viewerId, lastPositionOnPage]);

  // data-live tells tests (and curious readers of the DOM) whether the stream is connected.
  const live = connected ? "connected" : "waiting";
  if (arrived === 0 || !latestPostId)
    return <div role="status" aria-live="polite" className="visually-hidden" data-live={live} />;
  return (
    <div role="status" aria-live="polite" className="alert alert-info live-status" data-live={live}>
      {arrived === 1 ? "1 new reply." : `${arrived} new replies.`}{" "}
      <Link to={`/p/${latestPostId}`}>Show the latest</Link>
    </div>
  );
}
