import { isHandle, isUuid } from "./policy";

/** One row of the mentions endpoint's answer: `{ users: MentionCandidate[] }`. */
export type MentionCandidate = { id: string; handle: string; displayName: string };

export const MAX_MENTION_CANDIDATES = 8;

export function mentionSearchUrl(mentionsUrl: string, query: string): string {
  return `${mentionsUrl}${mentionsUrl.includes("?") ? "&" : "?"}q=${encodeURIComponent(query)}`;
}

/**
 * Keeps only well-formed candidates: the editor turns them into mention nodes, and the server
 * refuses a post whose mentions have a bad id or handle.
 */
export function readMentionCandidates(body: unknown): MentionCandidate[] {
  const users =
    typeof body === "object" && body !== null && Array.isArray((body as { users?: unknown }).users)
      ? (body as { users: unknown[] }).users
      : [];
  const candidates: MentionCandidate[] = [];
  for (const user of users) {
    if (typeof user !== "object" || user === null) continue;
    const { id, handle, displayName } = user as Record<string, unknown>;
    if (!isUuid(id) || !isHandle(handle)) continue;
    candidates.push({
      id,
      handle,
      displayName: typeof displayName === "string" ? displayName : handle,
    });
    if (candidates.length === MAX_MENTION_CANDIDATES) break;
  }
  return candidates;
}

export async function searchMentionCandidates(
  mentionsUrl: string,
  query: string,
  signal: AbortSignal,
): Promise<MentionCandidate[]> {
  const response = await fetch(mentionSearchUrl(mentionsUrl, query), {
    signal,
    headers: { Accept: "application/json" },
    credentials: "same-origin",
  });
  // A failed search just means no suggestions; the person can still type the name.
  if (!response.ok) return [];
  return readMentionCandidates(await response.json());
}
