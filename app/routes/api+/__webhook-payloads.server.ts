import type { SessionUser } from "~/auth/session.server";
import type { WebhookSubject } from "~/models/webhook-delivery.server";
import { Refusal } from "~/models/refusal.server";
import type { Endpoint } from "./__endpoint.server";
import { getIdeaById, getLearningById, getProposalById } from "./__endpoints-community.server";
import { getAccountById, getBacklogItemById } from "./__endpoints-staff.server";

/**
 * What a webhook carries: the object its event is about exactly as the API's GET for it answers
 * the endpoint's owner (the same domain read, the same policy, the same schema), and what the
 * event adds (`previousStatus`, `importance`…). Read when each delivery is sent, so an object
 * its owner can no longer see is not sent at all.
 */
const readerOf: Record<
  Exclude<WebhookSubject["eventType"], "ping">,
  { spec: Endpoint; params: (id: string) => Record<string, string> }
> = {
  "idea.created": { spec: getIdeaById, params: (ideaId) => ({ ideaId }) },
  "idea.status_changed": { spec: getIdeaById, params: (ideaId) => ({ ideaId }) },
  "vote.cast": { spec: getIdeaById, params: (ideaId) => ({ ideaId }) },
  "backlog_item.created": { spec: getBacklogItemById, params: (itemId) => ({ itemId }) },
  "backlog_item.status_changed": { spec: getBacklogItemById, params: (itemId) => ({ itemId }) },
  "proposal.stage_changed": { spec: getProposalById, params: (proposalId) => ({ proposalId }) },
  "learning.published": { spec: getLearningById, params: (learningId) => ({ learningId }) },
  "account.tier_entered": { spec: getAccountById, params: (accountId) => ({ accountId }) },
  "account.tier_left": { spec: getAccountById, params: (accountId) => ({ accountId }) },
};

/** The endpoint each event's object comes from (the reference names it for each event). */
export const webhookObjectEndpoint = (type: keyof typeof readerOf) => readerOf[type].spec;

export async function readWebhookPayload(owner: SessionUser, subject: WebhookSubject) {
  if (subject.eventType === "ping" || !subject.subjectId) return {};
  const { spec, params } = readerOf[subject.eventType];
  try {
    const object = await spec.handle({
      viewer: owner,
      // Webhooks act as their owner with whatever the owner's role allows (the domain asks).
      token: { id: "webhook", scopes: ["read", "admin"] },
      params: params(subject.subjectId),
      query: {},
      body: undefined,
    });
    return { object: spec.response.parse(object), ...subject.eventData };
  } catch (error) {
    if (error instanceof Refusal && (error.status === 403 || error.status === 404)) return null;
    throw error;
  }
}
