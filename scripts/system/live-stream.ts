// A reader of a thread's live updates (GET /resources/threads/:id/events), as a browser's
// EventSource reads them: the events it has heard, and whether the stream is still open.

export type LiveEvent = { event: string; data: string };

export type LiveStream = {
  status: number;
  events: LiveEvent[];
  /** True once the server closed the stream or the connection dropped. */
  ended: () => boolean;
  close: () => void;
};

export async function openLiveStream(
  base: string,
  threadId: string,
  cookie: string,
): Promise<LiveStream> {
  const controller = new AbortController();
  const response = await fetch(`${base}/resources/threads/${threadId}/events`, {
    headers: { Cookie: cookie, Accept: "text/event-stream" },
    signal: controller.signal,
  });
  const events: LiveEvent[] = [];
  let ended = response.status !== 200;
  if (response.status === 200 && response.body) {
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    void (async () => {
      let buffer = "";
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf("\n\n")) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const event = /^event: (.*)$/m.exec(block)?.[1];
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if (event && data !== undefined) events.push({ event, data });
          }
        }
      } catch {
        // aborted, or the connection dropped
      }
      ended = true;
    })();
  } else {
    await response.body?.cancel();
  }
  return {
    status: response.status,
    events,
    ended: () => ended,
    close: () => controller.abort(),
  };
}

/** The post ids the stream has announced. */
export function announcedPosts(stream: LiveStream): string[] {
  return stream.events
    .filter((e) => e.event === "post")
    .map((e) => (JSON.parse(e.data) as { postId: string }).postId);
}
