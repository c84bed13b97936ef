import type { Viewer } from "~/auth/policy.server";
import {
  addSpaceMember,
  addSpaceObserver,
  removeSpaceMember,
  removeSpaceObserver,
} from "~/models/space.server";
import { answerWork, invalid } from "~/utils/action-answer.server";
import { parseKnownFields } from "~/utils/form.server";
import { SpacePeopleSchema } from "~/validation/space-people";

/**
 * The action behind the people forms, shared by the admin and staff space pages: each intent
 * calls one model function, and the answer (read by `SpacePeople` through its intent) says what
 * was done, or shows the refusal on the person field.
 */
export async function spacePeopleAction(actor: Viewer, spaceId: string, formData: FormData) {
  const submission = parseKnownFields(formData, SpacePeopleSchema);
  if (submission.status !== "success") return invalid(submission);
  const input = submission.value;
  return answerWork(
    submission,
    async () => {
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
    },
    { field: "person" },
  );
}
