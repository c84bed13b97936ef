import type { ActionFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/current-user.server";
import { getProposalForEditing } from "~/models/proposal.server";
import { touchPresence } from "~/models/proposal-presence.server";
import { getThreadForViewer } from "~/models/thread.server";
import { readFormData } from "~/utils/form.server";
import { uuidParam } from "~/utils/query.server";
import { invariantResponse } from "~/utils/responses.server";

/**
 * An open proposal editor says it is there (`present=on`, every few seconds) or gone
 * (`present=off`). A resource route, so the heartbeat revalidates no page data.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const id = uuidParam(params.threadId);
  const thread = id ? await getThreadForViewer(user, id) : null;
  invariantResponse(thread && thread.kind === "proposal", "No such proposal.", { status: 404 });
  // Only its editors are present: anyone else is refused by the model, with its words and status.
  await getProposalForEditing(user, thread.id);
  const form = await readFormData(request);
  await touchPresence(user, thread.id, form.get("present") !== "off");
  return new Response(null, { status: 204 });
}
