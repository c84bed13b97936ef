import { z } from "zod";
import { storableString } from "./common";

const PersonSchema = storableString({ error: "Enter a handle or an email." })
  .trim()
  .min(1, "Enter a handle or an email.")
  .max(254, "Handles and emails are at most 254 characters.");

/** The forms on a space's people pages: add or remove a listed member or an observer. */
export const SpacePeopleSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("add-member"), person: PersonSchema }),
  z.object({ intent: z.literal("remove-member"), userId: z.uuid() }),
  z.object({ intent: z.literal("add-observer"), person: PersonSchema }),
  z.object({ intent: z.literal("remove-observer"), userId: z.uuid() }),
]);
export type SpacePeopleIntent = z.infer<typeof SpacePeopleSchema>["intent"];
