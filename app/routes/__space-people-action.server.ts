import type { SubmissionResult } from "@conform-to/react";
import type { Viewer } from "~/auth/policy.server";
import {
  addSpaceMember,
  addSpaceObserver,
  removeSpaceMember,
  removeSpaceObserver,
  SpaceConflictError,
} from "~/models/space.server";
import { parseKnownFields } from "~/utils/form.server";
import { SpacePeopleSchema } from "~/validation/space-people";

/** `intent` says which form answered: a reset result no longer carries the input. */
export type SpacePeopleAnswer = {
  intent: string;
  result: SubmissionResult<string[]>;
  done: string | null;
};

/**
 * The action behind the people forms, shared by the admin and staff space pages: each intent
 * calls one model function; the answer is conform's result plus what was done, with its status.
 */
export async function spacePeopleAction(
  actor: Viewer,
  spaceId: string,
  formData: FormData,
): Promise<{ answer: SpacePeopleAnswer; status: number }> {
  const submission = parseKnownFields(formData, SpacePeopleSchema);
  if (submission.status !== "success") {
    const intent = String(formData.get("intent") ?? "");
    return { answer: { intent, result: submission.reply(), done: null }, status: 400 };
  }
  const input = submission.value;
  try {
    const done = await (async () => {
      switch (input.intent) {
        case "add-member": {
          const person = await addSpaceMember(actor, spaceId, input.person);
          return `${person.displayName} can now see this space.`;
        }
        case "remove-member":
          await removeSpaceMember(actor, spaceId, input.userId);
          return "Removed from the member list.";
        case "add-observer": {
          const person = await addSpaceObserver(actor, spaceId, input.person);
          return `${person.displayName} now observes this space, and members are told so.`;
        }
        case "remove-observer":
          await removeSpaceObserver(actor, spaceId, input.userId);
          return "No longer listed as an observer.";
      }
    })();
    return {
      answer: { intent: input.intent, result: submission.reply({ resetForm: true }), done },
      status: 200,
    };
  } catch (error) {
    if (!(error instanceof SpaceConflictError)) throw error;
    return {
      answer: {
        intent: input.intent,
        result: submission.reply({ fieldErrors: { person: [error.message] } }),
        done: null,
      },
      status: 409,
    };
  }
}
