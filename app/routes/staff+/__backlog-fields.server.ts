import type { z } from "zod";
import type { BacklogFields } from "~/models/backlog.server";
import { readPostContent } from "~/models/post-content.server";
import type { NewBacklogItemSchema } from "~/validation/backlog";

type ItemInput = Pick<
  z.infer<typeof NewBacklogItemSchema>,
  | "title"
  | "description"
  | "descriptionJson"
  | "ownerId"
  | "target"
  | "externalUrl"
  | "isPublic"
  | "tagIds"
>;

/**
 * The model's fields from a valid form: the description is optional, and when given it is read
 * (validated, rendered, sanitized) like a post body.
 */
export function readBacklogFields(
  input: ItemInput,
): { ok: true; fields: BacklogFields } | { ok: false; message: string } {
  const typed = Boolean(input.description?.trim()) || hasText(input.descriptionJson);
  let description = null;
  if (typed) {
    const content = readPostContent(input.descriptionJson, input.description);
    if (!content.ok) return content;
    description = content.content;
  }
  return {
    ok: true,
    fields: {
      title: input.title,
      description,
      ownerId: input.ownerId,
      target: input.target,
      externalUrl: input.externalUrl,
      isPublic: input.isPublic,
      tagIds: input.tagIds,
    },
  };
}

/** Whether the editor's JSON holds any text (an emptied editor still sends a document). */
function hasText(json: string | undefined) {
  return Boolean(json && json.includes('"text"'));
}
