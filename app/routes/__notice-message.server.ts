import { z } from "zod";
import { parseKnownFields } from "~/utils/form.server";
import { storableString } from "~/validation/common";

// Server-only, so the notice page ships no validation library.
const NoticeMessageSchema = z.object({
  intent: z.enum(["send", "close"]).catch("send"),
  message: storableString({ error: "Write your message first." })
    .trim()
    .min(2, "Write your message first.")
    .max(2000, "Keep it to 2,000 characters; the moderators read every word."),
});

export function parseNoticeMessage(formData: FormData) {
  return parseKnownFields(formData, NoticeMessageSchema);
}
