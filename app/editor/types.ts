import type { JSONContent } from "@tiptap/core";

/** A post body as tiptap JSON. Stored as-is; rendered to HTML on the server only. */
export type RichTextDoc = JSONContent & { type: "doc" };
