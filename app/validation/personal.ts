import { z } from "zod";
import { BOOKMARK_REMINDER_CHOICES } from "~/utils/bookmark-reminders";
import { storableString } from "./common";
import { PostBodyFields, ThreadKindSchema } from "./forums";

const place = z.string({ error: "Say where this draft belongs." }).max(60);

/** A draft saved as it is typed, or discarded; the body as the posting forms send it. */
export const DraftSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("save-draft"),
    place,
    title: storableString().max(200, "Use at most 200 characters for the title.").optional(),
    kind: ThreadKindSchema.optional().catch(undefined),
    ...PostBodyFields,
  }),
  z.object({ intent: z.literal("discard-draft"), place }),
]);

const reminder = z.enum(BOOKMARK_REMINDER_CHOICES).catch("none");
const id = z.uuid({ error: "No such bookmark." });

/** Bookmarking a post or a thread, changing a bookmark's reminder, or removing one. */
export const BookmarkSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("bookmark"),
    postId: z.uuid().optional(),
    threadId: z.uuid().optional(),
    remind: reminder,
    note: storableString().max(500, "Keep the note under 500 characters.").optional(),
  }),
  z.object({ intent: z.literal("set-reminder"), bookmarkId: id, remind: reminder }),
  z.object({
    intent: z.literal("remove-bookmark"),
    bookmarkId: id.optional(),
    postId: z.uuid().optional(),
    threadId: z.uuid().optional(),
  }),
]);
