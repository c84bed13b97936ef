import { z } from "zod";
import { SPACE_VISIBILITIES, THREAD_KINDS } from "#db/schema/values";
import { MAX_POST_CHARACTERS } from "~/editor/policy";
import { CheckboxSchema, crossFieldRule, storableString } from "./common";

/** The kinds the new-thread form starts; a proposal has its own form, with its sections. */
export const ThreadKindSchema = z.enum(THREAD_KINDS).exclude(["proposal"], {
  error: "Choose what kind of thread this is.",
});

export const ThreadTitleSchema = storableString({ error: "Give your thread a title." })
  .trim()
  .min(3, "Use at least 3 characters for the title.")
  .max(200, "Use at most 200 characters for the title.");

/** The rich-text body arrives as editor JSON (`bodyJson`) or, without JavaScript, as text (`body`). */
export const PostBodyFields = {
  // A cheap check before any parsing: a character is at most two UTF-16 units, so longer text
  // is surely over the limit, which is counted exactly later (readPostContent).
  body: storableString()
    .max(
      2 * MAX_POST_CHARACTERS,
      `Posts can be at most ${MAX_POST_CHARACTERS.toLocaleString("en-US")} characters.`,
    )
    .optional(),
  bodyJson: z.string().max(400_000, "This post is too large.").optional(),
};

/** A learning cites at most this many sources: each one may notify its author. */
export const LEARNING_SOURCES_MAX = 20;

export const IDEA_TITLE_MIN = 5;
export const IDEA_TITLE_MAX = 150;

/** An idea's title is a short summary that others will vote on: tighter than a thread's. */
export const NewThreadSchema = z
  .object({
    kind: ThreadKindSchema,
    title: ThreadTitleSchema,
    ...PostBodyFields,
    creationKey: z.uuid().optional().catch(undefined),
    /** A learning's sources: addresses of threads and posts, one per line. */
    sources: storableString().max(5_000, "Paste at most 20 addresses, one per line.").optional(),
  })
  .refine(
    (thread) =>
      thread.kind !== "idea" ||
      (thread.title.length >= IDEA_TITLE_MIN && thread.title.length <= IDEA_TITLE_MAX),
    crossFieldRule({
      path: "title",
      reads: ["kind", "title"],
      message: `An idea's title is ${IDEA_TITLE_MIN} to ${IDEA_TITLE_MAX} characters.`,
    }),
  );

export const SpaceSchema = z
  .object({
    name: storableString({ error: "Name the space." })
      .trim()
      .min(2, "Use at least 2 characters.")
      .max(80, "Use at most 80 characters."),
    slug: storableString({ error: "Choose the space's address." })
      .trim()
      .toLowerCase()
      .min(2, "Use at least 2 characters.")
      .max(60, "Use at most 60 characters.")
      .regex(
        /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
        "Use lowercase letters, digits and single dashes, like product-council.",
      ),
    description: storableString().trim().max(500, "Use at most 500 characters.").default(""),
    visibility: z.enum(SPACE_VISIBILITIES, { error: "Choose who can see this space." }),
    minTier: z.enum(["top1", "top10"]).optional(),
    ideasEnabled: CheckboxSchema,
  })
  .refine(
    (space) => space.visibility !== "tier" || space.minTier,
    crossFieldRule({
      path: "minTier",
      reads: ["visibility", "minTier"],
      message: "Choose the lowest tier that may enter.",
    }),
  );

const EditReasonSchema = storableString({ error: "Say why you are editing someone else's post." })
  .trim()
  .min(3, "Say why you are editing someone else's post; the author and readers will see it.")
  .max(300, "Keep the reason to 300 characters.");

/**
 * The edit form: the opening post also carries the title; a moderator's edit carries a reason,
 * and may redact the earlier versions (a checkbox: "on" when ticked).
 */
export function editPostSchema({
  opening,
  needsReason,
}: {
  opening: boolean;
  needsReason: boolean;
}) {
  return z.object({
    title: opening ? ThreadTitleSchema : z.undefined().catch(undefined),
    reason: needsReason ? EditReasonSchema : z.undefined().catch(undefined),
    redact: needsReason ? CheckboxSchema : z.undefined().catch(undefined),
    /** The correction this revision of a learning takes in. */
    acceptsCorrection: z.uuid().optional().catch(undefined),
    ...PostBodyFields,
  });
}
