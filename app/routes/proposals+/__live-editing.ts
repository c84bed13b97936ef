import { useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { openLiveStream } from "~/utils/live-stream";
import type { loader } from "./$threadId.edit";

// Presence and live events for the proposal editor.

/** An open editor says it is still there this often; see PRESENCE_SECONDS. */
const PRESENCE_EVERY_MS = 15_000;

/** Tells the server this editor is open ("on") or closed ("off"); it tells the other editors. */
function announcePresence(threadId: string, present: "on" | "off") {
  const url = `/resources/proposals/${threadId}/presence`;
  const body = new FormData();
  body.set("present", present);
  if (present === "off") navigator.sendBeacon(url, body);
  else void fetch(url, { method: "POST", body }).catch(() => {});
}

/**
 * Tells the others this editor is open (now, every few seconds, and when leaving), and listens
 * to the proposal's live events: who else is editing, and revisions saved meanwhile.
 */
export function useLiveEditing(threadId: string, viewerId: string, revision: number) {
  const loaded = useLoaderData<typeof loader>();
  const [editors, setEditors] = useState(loaded.editors);
  const [newer, setNewer] = useState<{ revision: number; authorName: string } | null>(null);

  useEffect(() => {
    const touch = () => announcePresence(threadId, "on");
    const leave = () => announcePresence(threadId, "off");
    touch();
    const timer = window.setInterval(touch, PRESENCE_EVERY_MS);
    window.addEventListener("pagehide", leave);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener("pagehide", leave);
      leave();
    };
  }, [threadId]);

  useEffect(() => {
    return openLiveStream(`/resources/threads/${threadId}/events`, (source) => {
      // Every announcement carries everyone editing now, so announcing once this stream is open
      // (again, after a reconnect) brings the page up to date with whatever it missed meanwhile.
      source.addEventListener("open", () => announcePresence(threadId, "on"));
      source.addEventListener("presence", (event) => {
        const { editors: present } = JSON.parse((event as MessageEvent<string>).data) as {
          editors: { id: string; name: string }[];
        };
        setEditors(present);
      });
      source.addEventListener("revision", (event) => {
        const saved = JSON.parse((event as MessageEvent<string>).data) as {
          revision: number;
          authorId: string;
          authorName: string;
        };
        if (saved.authorId !== viewerId) setNewer(saved);
      });
    });
  }, [threadId, viewerId]);

  return {
    editors: editors.filter((editor) => editor.id !== viewerId),
    newer: newer && newer.revision > revision ? newer : null,
  };
}
