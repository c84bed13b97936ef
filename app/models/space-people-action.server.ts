import { z } from "zod";
import type { SessionUser } from "~/auth/session.server";
import { storableString } from "~/validation/common";
import {
  addSpaceMember,
  addSpaceObserver,
  removeSpaceMember,
  removeSpaceObserver,
  SpaceConflictError,
} from "./space.server";

export const SpacePeopleSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("add-member"),
    person: storableString().trim().min(1, "Enter a handle or an email.").max(254),
  }),
  z.object({ intent: z.literal("remove-member"), userId: z.uuid() }),
  z.object({
    intent: z.literal("add-observer"),
    person: storableString().trim().min(1, "Enter a handle or an email.").max(254),
  }),
  z.object({ intent: z.literal("remove-observer"), userId: z.uuid() }),
]);

export type SpacePeopleResult = { intent: string; error: string | null; done: string | null };

/** Adds or removes a listed member or an observer; the same rules from admin and staff pages. */
export async function changeSpacePeople(
  actor: SessionUser,
  spaceId: string,
  formData: FormData,
): Promise<SpacePeopleResult> {
  const parsed = SpacePeopleSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    return {
      intent: String(formData.get("intent")),
      error: parsed.error.issues[0].message,
      done: null,
    };
  }
  const input = parsed.data;
  try {
    switch (input.intent) {
      case "add-member": {
        const person = await addSpaceMember(actor.id, spaceId, input.person);
        return {
          intent: input.intent,
          error: null,
          done: `${person.displayName} can now see this space.`,
        };
      }
      case "remove-member":
        await removeSpaceMember(actor.id, spaceId, input.userId);
        return { intent: input.intent, error: null, done: "Removed from the member list." };
      case "add-observer": {
        const person = await addSpaceObserver(actor.id, spaceId, input.person);
        return {
          intent: input.intent,
          error: null,
          done: `${person.displayName} now observes this space, and members are told so.`,
        };
      }
      case "remove-observer":
        await removeSpaceObserver(actor.id, spaceId, input.userId);
        return { intent: input.intent, error: null, done: "No longer listed as an observer." };
    }
  } catch (error) {
    if (error instanceof SpaceConflictError)
      return { intent: input.intent, error: error.message, done: null };
    throw error;
  }
}
