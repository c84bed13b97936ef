import type { Viewer } from "./permissions.server";

/** An answer from the object rules: allowed, or refused with the words to show and a status. */
export type Decision = { ok: true } | { ok: false; message: string; status: 403 | 404 | 409 };

export const allowed: Decision = { ok: true };
export const refused = (message: string, status: 403 | 404 | 409): Decision => ({
  ok: false,
  message,
  status,
});
export const LOCKED_THREAD =
  "This thread is locked: it takes no new replies, reactions or changes.";

/** Every action's answer at once, for a page to show exactly the controls that will work. */
export function permissionsFrom<Action extends string, State>(
  actions: readonly Action[],
  decide: (viewer: Viewer, state: State, action: Action) => Decision,
  viewer: Viewer,
  state: State,
): Record<Action, boolean> {
  return Object.fromEntries(
    actions.map((action) => [action, decide(viewer, state, action).ok]),
  ) as Record<Action, boolean>;
}
