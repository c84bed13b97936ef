import { z } from "zod";
import {
  BACKLOG_STATUSES,
  IDEA_IMPORTANCES,
  IDEA_STATUSES,
  PROPOSAL_STAGES,
  VALUE_TIERS,
  WEBHOOK_EVENT_TYPES,
} from "#db/schema/values";
import type { SessionUser } from "~/auth/session.server";
import type { WebhookSubject } from "~/models/webhook-delivery.server";
import { Refusal } from "~/models/refusal.server";
import { webhookEventLabels } from "~/validation/webhooks";
import type { Endpoint } from "./__endpoint.server";
import { getIdeaById, getLearningById, getProposalById } from "./__endpoints-community.server";
import { getAccountById, getBacklogItemById } from "./__endpoints-staff.server";
import { Id, Timestamp } from "./__schemas.server";

/**
 * What a webhook carries: the object its event is about exactly as the API's GET for it answers
 * the endpoint's owner (the same domain read, the same policy, the same schema), and what the
 * event adds (`previousStatus`, `importance`…). Read when each delivery is sent, so an object
 * its owner can no longer see is not sent at all. The OpenAPI document's `webhooks` describe
 * these same schemas.
 */
type EventType = (typeof WEBHOOK_EVENT_TYPES)[number];

const tier = { previousTier: z.enum(VALUE_TIERS), tier: z.enum(VALUE_TIERS) };

const events: Record<
  EventType,
  { spec: Endpoint; param: string; adds: z.ZodRawShape; description: string }
> = {
  "idea.created": { spec: getIdeaById, param: "ideaId", adds: {}, description: "" },
  "idea.status_changed": {
    spec: getIdeaById,
    param: "ideaId",
    adds: { previousStatus: z.enum(IDEA_STATUSES) },
    description: "Staff changed it, or the backlog item it is linked to moved.",
  },
  "vote.cast": {
    spec: getIdeaById,
    param: "ideaId",
    adds: {
      importance: z.enum(IDEA_IMPORTANCES),
      proxy: z
        .literal("true")
        .nullable()
        .meta({ description: '"true" when staff recorded it on a customer\'s behalf.' }),
    },
    description: "A new vote, or a changed importance. The voter is not named.",
  },
  "backlog_item.created": {
    spec: getBacklogItemById,
    param: "itemId",
    adds: {},
    description: "",
  },
  "backlog_item.status_changed": {
    spec: getBacklogItemById,
    param: "itemId",
    adds: { previousStatus: z.enum(BACKLOG_STATUSES) },
    description: "",
  },
  "proposal.stage_changed": {
    spec: getProposalById,
    param: "proposalId",
    adds: { previousStage: z.enum(PROPOSAL_STAGES) },
    description: "",
  },
  "learning.published": { spec: getLearningById, param: "learningId", adds: {}, description: "" },
  "account.tier_entered": {
    spec: getAccountById,
    param: "accountId",
    adds: tier,
    description: "It moved from the rest into the top 1% or top 10%.",
  },
  "account.tier_left": {
    spec: getAccountById,
    param: "accountId",
    adds: tier,
    description: "It moved from a top tier to the rest.",
  },
};

const dataSchemas = Object.fromEntries(
  WEBHOOK_EVENT_TYPES.map((type) => [
    type,
    z.strictObject({ object: events[type].spec.response, ...events[type].adds }),
  ]),
) as unknown as Record<EventType, z.ZodObject>;

/** Every event's body, for the OpenAPI document's `webhooks` (and `ping`, to test an endpoint). */
export function webhookDescriptions() {
  const envelope = (type: string, data: z.ZodType) =>
    z
      .strictObject({
        id: Id.meta({ description: "The event's id: the same in every delivery of it." }),
        type: z.literal(type),
        createdAt: Timestamp,
        data,
      })
      .meta({ id: `Event_${type.replace(".", "_")}` });
  return [
    ...WEBHOOK_EVENT_TYPES.map((type) => ({
      type,
      summary: webhookEventLabels[type],
      description: events[type].description,
      schema: envelope(type, dataSchemas[type]),
    })),
    {
      type: "ping",
      summary: "An admin sent a test event",
      description: "Sent only from the endpoint's page.",
      schema: envelope("ping", z.strictObject({})),
    },
  ];
}

export async function readWebhookPayload(owner: SessionUser, subject: WebhookSubject) {
  if (subject.eventType === "ping" || !subject.subjectId) return {};
  const { spec, param } = events[subject.eventType];
  try {
    const object = await spec.handle({
      viewer: owner,
      // Webhooks act as their owner with whatever the owner's role allows (the domain asks).
      token: { id: "webhook", scopes: ["read", "admin"] },
      params: { [param]: subject.subjectId },
      query: {},
      body: undefined,
    });
    return dataSchemas[subject.eventType].parse({ object, ...subject.eventData });
  } catch (error) {
    if (error instanceof Refusal && (error.status === 403 || error.status === 404)) return null;
    throw error;
  }
}
