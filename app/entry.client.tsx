import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";

/** The events that make React 18 hydrate at once (react-dom's `discreteReplayableEvents`). */
const EVENTS_THAT_HYDRATE = [
  ..."mousedown mouseup touchcancel touchend touchstart auxclick dblclick pointercancel".split(" "),
  ..."pointerdown pointerup dragend dragstart drop compositionend compositionstart".split(" "),
  ..."keydown keypress keyup input textInput copy cut paste click change contextmenu".split(" "),
  "reset",
  "submit",
];

ignoreSupersededDataRequests();
holdEarlyInteractionsFromReact();

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <RemixBrowser />
    </StrictMode>,
  );
});

/**
 * Keeps clicks and keys made while the page starts up from crashing React.
 *
 * With single fetch, `RemixBrowser` suspends until it has decoded the page's streamed data, with
 * no Suspense boundary above it (it renders the whole document). A click or key on the page in
 * that moment makes React 18 hydrate synchronously; the render suspends, React retries without
 * the sync lane, suspends again and throws "Root did not complete" (minified #345) from the
 * event, and the page never comes alive. So until that data is decoded React does not hear of
 * these events: the browser still does what they do by default (follows a link, types, submits
 * a form as without JavaScript), and listeners added earlier, like the editor's typing watch,
 * still run.
 */
function holdEarlyInteractionsFromReact() {
  const context = window.__remixContext as { state?: unknown };
  const decoded = () => context.state !== undefined;
  if (decoded()) return;
  const hold = (event: Event) => {
    if (decoded()) {
      for (const type of EVENTS_THAT_HYDRATE) document.removeEventListener(type, hold, true);
    } else {
      event.stopImmediatePropagation();
    }
  };
  for (const type of EVENTS_THAT_HYDRATE) document.addEventListener(type, hold, true);
}

/**
 * Keeps a navigation that a newer one replaced from reporting an error.
 *
 * Remix 2.17's single fetch decodes each `.data` answer with turbo-stream 2.4.1 (the last 2.x,
 * pinned by Remix). Its `decode` returns the data as soon as the first line arrives, keeps reading
 * the rest of the body, and leaves the promises about that reading without a handler. When the
 * router aborts a request that a newer navigation or fetcher replaced (a second click, a link
 * followed while a form still loads) after its answer came but before its body closed, the body
 * fails with the abort reason and those promises reject with nobody listening: "AbortError: signal
 * is aborted without reason", though the newer navigation carries on as it should. The app does not
 * await these requests, so the fix can't be in a route or component.
 *
 * So only the abort reasons of Remix's own data requests (`*.data`) are noted, and only a rejection
 * with one of those exact objects is marked handled. Any other rejection, including an AbortError
 * from the app's own requests, is still reported.
 */
function ignoreSupersededDataRequests() {
  const abortedDataRequests = new WeakSet<object>();
  const nativeFetch = window.fetch.bind(window);
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const signal = init?.signal ?? (input instanceof Request ? input.signal : null);
    if (signal && isRemixDataRequest(input)) {
      const note = () => {
        if (typeof signal.reason === "object" && signal.reason !== null) {
          abortedDataRequests.add(signal.reason);
        }
      };
      if (signal.aborted) note();
      else signal.addEventListener("abort", note, { once: true });
    }
    return nativeFetch(input, init);
  };
  window.addEventListener("unhandledrejection", (event) => {
    const reason: unknown = event.reason;
    if (
      reason instanceof DOMException &&
      reason.name === "AbortError" &&
      abortedDataRequests.has(reason)
    ) {
      event.preventDefault();
    }
  });
}

/** Remix's single-fetch requests: `/_root.data`, `/t/abc.data?…` (never an app resource route). */
function isRemixDataRequest(input: RequestInfo | URL): boolean {
  const href = input instanceof Request ? input.url : String(input);
  return new URL(href, window.location.href).pathname.endsWith(".data");
}
