import { sql } from "drizzle-orm";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { readPostContent } from "~/models/post-content.server";
import type * as schema from "../schema";
import { internalNotes, notifications } from "../schema";
import type { DemoPerson } from "./forums";
import { HOUR_MS } from "./timeline";

type Db = Pick<PostgresJsDatabase<typeof schema>, "insert" | "execute">;

/** A note's words, with `@handle` for a colleague it mentions. */
type DemoNote = { thread: string; by: string; hoursAgo: number; text: string };

const NOTES: DemoNote[] = [
  {
    thread: "Offline mode for the mobile app",
    by: "maya",
    hoursAgo: 70,
    text: "Northwind raised this again in their quarterly review: field teams are their biggest renewal worry. @jonas, is the sync work still on the mobile team's list?",
  },
  {
    thread: "Offline mode for the mobile app",
    by: "jonas",
    hoursAgo: 52,
    text: "Yes: the mobile team has sync conflicts on their list for next quarter. The proposal from this idea is the clearest write-up we have. @maya, worth sharing it with them.",
  },
  {
    thread: "Pause the SLA clock while we wait on the customer",
    by: "priya",
    hoursAgo: 30,
    text: "Accepted and ready for the backlog. @maya, link it to the SLA item when we create it; support leads at three accounts asked for it in calls too.",
  },
];

/**
 * Staff's internal notes on a few threads, each written as the thread page writes one, and the
 * notifications of the colleagues they mention. Members see none of it.
 */
export async function seedDemoInternalNotes(
  tx: Db,
  people: DemoPerson[],
  clock: { now: number },
): Promise<void> {
  const byHandle = new Map(people.map((person) => [person.handle, person]));
  const titles = [...new Set(NOTES.map((note) => note.thread))];
  const threads = await tx.execute<{ id: string; title: string; post_id: string }>(sql`
    select t.id, t.title, p.id as post_id from threads t
    join posts p on p.thread_id = t.id and p.position = 1
    where t.title in ${titles}`);
  const threadByTitle = new Map(threads.map((thread) => [thread.title, thread]));
  for (const note of NOTES) {
    const thread = threadByTitle.get(note.thread);
    const author = byHandle.get(note.by);
    if (!thread || !author)
      throw new Error(`demo note on a missing thread or by nobody: ${note.thread}`);
    const mentioned = [...note.text.matchAll(/@([a-z]+)/g)].map((match) => byHandle.get(match[1])!);
    const content = readPostContent(JSON.stringify(noteDoc(note.text, mentioned)), undefined);
    if (!content.ok) throw new Error(content.message);
    const createdAt = new Date(clock.now - note.hoursAgo * HOUR_MS);
    await tx.insert(internalNotes).values({
      threadId: thread.id,
      authorId: author.id,
      body: content.content.body,
      bodyHtml: content.content.bodyHtml,
      bodyText: content.content.bodyText,
      createdAt,
    });
    const staff = mentioned.filter((person) => person.role === "staff" || person.role === "admin");
    if (staff.length) {
      await tx.insert(notifications).values(
        staff.map((person) => ({
          userId: person.id,
          kind: "internal_note" as const,
          threadId: thread.id,
          postId: thread.post_id,
          actorId: author.id,
          createdAt,
          // Read and emailed long ago, so the demo's bells and outbox stay as they were.
          readAt: createdAt,
          emailedAt: createdAt,
        })),
      );
    }
  }
}

/** The note as the editor would send it: its words, with mention nodes for `@handle`. */
function noteDoc(text: string, mentioned: DemoPerson[]) {
  const content: Record<string, unknown>[] = [];
  let rest = text;
  for (const person of mentioned) {
    const at = rest.indexOf(`@${person.handle}`);
    if (at > 0) content.push({ type: "text", text: rest.slice(0, at) });
    content.push({ type: "mention", attrs: { id: person.id, label: person.handle } });
    rest = rest.slice(at + person.handle.length + 1);
  }
  if (rest) content.push({ type: "text", text: rest });
  return { type: "doc", content: [{ type: "paragraph", content }] };
}
