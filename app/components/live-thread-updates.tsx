import { Link, useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";

/**
 * Listens for new replies (server-sent events; the browser reconnects by itself after a drop).
 * On the last page the new reply appears in place; elsewhere a link says how many arrived.
 */
export function LiveThreadUpdates({ threadId, onLastPage, lastPosition }: { threadId: string; onLastPage: boolean; lastPosition: number }) {
  const revalidator = useRevalidator();
  const [arrived, setArrived] = useState(0);
  const known = useRef(lastPosition);
  known.current = Math.max(known.current, lastPosition);

  useEffect(() => {
    const source = new EventSource(`/resources/threads/${threadId}/events`);
    source.addEventListener("post", (event) => {
      const { position } = JSON.parse((event as MessageEvent<string>).data) as { position: number };
      if (position <= known.current) return;
      if (onLastPage) revalidator.revalidate();
      else setArrived((count) => count + 1);
    });
    return () => source.close();
    // The revalidator's identity changes on every render; the subscription must not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [threadId, onLastPage]);

  if (arrived === 0) return <div role="status" aria-live="polite" className="visually-hidden" />;
  return (
    <div role="status" aria-live="polite" className="alert alert-info live-status">
      {arrived === 1 ? "1 new reply." : `${arrived} new replies.`}{" "}
      <Link to={`/t/${threadId}?page=${Math.ceil((known.current + arrived) / 50)}`}>Show</Link>
    </div>
  );
}
