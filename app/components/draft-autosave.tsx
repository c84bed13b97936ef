import { Link } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { RelativeTime } from "./ui/relative-time";

/** A pause in the typing this long saves the draft; typing on waits for the next pause. */
const SAVE_AFTER_MS = 1200;
/** The fields of a posting form a draft keeps. */
const KEPT_FIELDS = ["title", "kind", "body", "bodyJson"];

type Status =
  | { state: "idle" }
  | { state: "saving" }
  | { state: "saved"; at: string }
  | { state: "failed"; message: string };

/**
 * Keeps what is typed in the enclosing form as a draft on the server (so it comes back on any
 * device until posted or discarded): a pause in the typing saves it, quietly said in a polite
 * live region; "Discard draft" throws it away and empties the form (`onDiscarded`). Saving is a
 * plain `fetch`, so the page's data isn't reloaded under the writer. Without JavaScript there is
 * no autosave; a draft saved elsewhere still fills the form, and is discarded from /me/drafts.
 */
export function DraftAutosave({
  place,
  savedAt,
  onDiscarded,
}: {
  /** "reply:<thread id>" or "thread:<space id>". */
  place: string;
  /** When the draft the form started from was saved; null for none. */
  savedAt: string | null;
  onDiscarded: () => void;
}) {
  const anchor = useRef<HTMLDivElement>(null);
  const [status, setStatus] = useState<Status>(
    savedAt ? { state: "saved", at: savedAt } : { state: "idle" },
  );
  const [hasDraft, setHasDraft] = useState(Boolean(savedAt));
  const [live, setLive] = useState(false);
  const timer = useRef<number | undefined>(undefined);
  // The newest save wins: an answer to an older one arriving late is ignored.
  const sequence = useRef(0);

  useEffect(() => {
    setLive(true);
    const form = anchor.current?.closest("form");
    if (!form) return;
    const save = async () => {
      const body = new FormData();
      body.set("intent", "save-draft");
      body.set("place", place);
      const data = new FormData(form);
      for (const name of KEPT_FIELDS) {
        const value = data.get(name);
        if (typeof value === "string") body.set(name, value);
      }
      const mine = ++sequence.current;
      setStatus({ state: "saving" });
      try {
        const response = await fetch("/resources/drafts", { method: "POST", body });
        const answer = (await response.json().catch(() => ({}))) as {
          done?: string | null;
          details?: { savedAt: string | null };
          result?: { error?: Record<string, string[] | null> };
        };
        if (mine !== sequence.current) return;
        if (!response.ok) {
          const words = Object.values(answer.result?.error ?? {}).flatMap((m) => m ?? []);
          setStatus({
            state: "failed",
            message: words.join(" ") || "Your draft couldn't be saved.",
          });
          return;
        }
        const at = answer.details?.savedAt ?? null;
        setHasDraft(Boolean(at));
        setStatus(at ? { state: "saved", at } : { state: "idle" });
      } catch {
        if (mine === sequence.current) {
          setStatus({
            state: "failed",
            message:
              "Your draft couldn't be saved: the connection dropped. It saves again as you type.",
          });
        }
      }
    };
    const onInput = () => {
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => void save(), SAVE_AFTER_MS);
    };
    // Posting ends the draft on the server; a save still waiting must not bring it back.
    const onSubmit = () => {
      window.clearTimeout(timer.current);
      sequence.current++;
    };
    form.addEventListener("input", onInput);
    form.addEventListener("change", onInput);
    form.addEventListener("submit", onSubmit);
    return () => {
      window.clearTimeout(timer.current);
      form.removeEventListener("input", onInput);
      form.removeEventListener("change", onInput);
      form.removeEventListener("submit", onSubmit);
    };
  }, [place]);

  const discard = async () => {
    window.clearTimeout(timer.current);
    const mine = ++sequence.current;
    const body = new FormData();
    body.set("intent", "discard-draft");
    body.set("place", place);
    try {
      const response = await fetch("/resources/drafts", { method: "POST", body });
      if (mine !== sequence.current) return;
      if (!response.ok) throw new Error(String(response.status));
      setHasDraft(false);
      setStatus({ state: "idle" });
      onDiscarded();
    } catch {
      if (mine === sequence.current) {
        setStatus({ state: "failed", message: "The draft couldn't be discarded. Try again." });
      }
    }
  };

  return (
    <div className="draft-status" ref={anchor}>
      <p role="status" className="small muted">
        {status.state === "saving" ? "Saving draft…" : null}
        {status.state === "saved" ? (
          <>
            Draft saved <RelativeTime date={status.at} />
          </>
        ) : null}
        {status.state === "failed" ? <span className="field-error">{status.message}</span> : null}
      </p>
      {hasDraft && !live ? (
        // Without JavaScript, drafts are discarded from their list.
        <Link to="/me/drafts" className="small">
          Discard it under Drafts
        </Link>
      ) : null}
      {hasDraft && live ? (
        <button type="button" className="btn btn-small" onClick={() => void discard()}>
          Discard draft
        </button>
      ) : null}
    </div>
  );
}
