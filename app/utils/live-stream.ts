/**
 * A server-sent events stream that comes back after an outage. The browser reconnects by itself
 * after a dropped connection, but gives up for good when the server answers with an error (a 503
 * while the database is away, a restart behind a load balancer): then this opens a new stream,
 * after 2 s, doubling up to a minute. `subscribe` wires each stream's listeners, and is told
 * whether it is a reconnection, when what was sent meanwhile may have been missed.
 */
export function openLiveStream(
  url: string,
  subscribe: (source: EventSource, reconnected: boolean) => void,
): () => void {
  let source: EventSource | null = null;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let delay = 2_000;
  let closed = false;

  const open = (reconnected: boolean) => {
    source = new EventSource(url);
    source.addEventListener("open", () => {
      delay = 2_000;
    });
    source.addEventListener("error", () => {
      if (closed || source?.readyState !== EventSource.CLOSED) return;
      retry = setTimeout(() => open(true), delay);
      delay = Math.min(delay * 2, 60_000);
    });
    subscribe(source, reconnected);
  };
  open(false);

  return () => {
    closed = true;
    clearTimeout(retry);
    source?.close();
  };
}
