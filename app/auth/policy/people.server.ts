import type { UserRole } from "#db/schema";
import { allowed, refused, type Decision } from "./decision.server";
import { can, type Viewer } from "./permissions.server";

/**
 * Who may delete an account: its person, always (the model makes sure a community keeps an
 * admin); an admin, on that person's request, unless the account is another admin's (nobody acts
 * on admins).
 */
export function decideAccountDeletion(
  actor: Viewer,
  target: { id: string; role: UserRole },
): Decision {
  if (actor.id === target.id) return allowed;
  if (!can(actor, "update:member:any")) {
    return refused(
      "Only the person themselves, or an admin on their request, deletes an account.",
      403,
    );
  }
  if (target.role === "admin") {
    return refused("An admin's account is deleted by that admin alone.", 403);
  }
  return allowed;
}
