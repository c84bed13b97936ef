import { z } from "zod";
import { WATCHED_WORD_ACTIONS } from "#db/schema/values";
import {
  normalizePhrase,
  tokenize,
  WATCHED_PHRASE_MAX_CHARACTERS,
  WATCHED_PHRASE_MAX_WORDS,
} from "~/utils/watched-words";
import { storableString } from "./common";

export const WatchedPhraseSchema = storableString({ error: "Enter a word or phrase." })
  .trim()
  .min(1, "Enter a word or phrase.")
  .max(WATCHED_PHRASE_MAX_CHARACTERS, `Keep it to ${WATCHED_PHRASE_MAX_CHARACTERS} characters.`)
  .refine((phrase) => tokenize(phrase).length > 0, {
    message: "Include at least one letter or digit.",
    abort: true,
  })
  // Counted the way posts are read: punctuation splits words too ("a-b" is two).
  .refine((phrase) => tokenize(phrase).length <= WATCHED_PHRASE_MAX_WORDS, {
    message: `Use at most ${WATCHED_PHRASE_MAX_WORDS} words.`,
  })
  .transform(normalizePhrase);

export const WatchedWordActionSchema = z.enum(WATCHED_WORD_ACTIONS, {
  error: "Choose what happens to a post that contains it: block it or hold it for review.",
});

export const WatchedWordsFormSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("add"),
    phrase: WatchedPhraseSchema,
    action: WatchedWordActionSchema,
  }),
  z.object({ intent: z.literal("remove"), id: z.uuid() }),
  z.object({
    intent: z.literal("flags-to-hide"),
    flagsToHide: z.coerce
      .number({ error: "Enter a number from 1 to 50." })
      .int("Enter a whole number from 1 to 50.")
      .min(1, "Enter a number from 1 to 50.")
      .max(50, "Enter a number from 1 to 50."),
  }),
]);
export type WatchedWordInput = { phrase: string; action: z.infer<typeof WatchedWordActionSchema> };
