import { z } from "zod";
import { WEBHOOK_EVENT_TYPES } from "#db/schema/values";
import { CheckboxSchema, storableString } from "./common";

/** What each event means to the admin choosing them (also the order they are offered in). */
export const webhookEventLabels: Record<(typeof WEBHOOK_EVENT_TYPES)[number], string> = {
  "idea.created": "An idea is posted",
  "idea.status_changed": "An idea's status changes",
  "vote.cast": "A member votes for an idea",
  "backlog_item.created": "A backlog item is added",
  "backlog_item.status_changed": "A backlog item's status changes",
  "proposal.stage_changed": "A proposal moves to another stage",
  "learning.published": "A learning is published",
  "account.tier_entered": "An account enters the top tiers",
  "account.tier_left": "An account leaves the top tiers",
};

const endpointFields = {
  url: storableString({ error: "Enter the address to send events to." })
    .trim()
    .min(1, "Enter the address to send events to.")
    .max(2_000, "Keep the address to 2,000 characters."),
  description: storableString()
    .trim()
    .max(200, "Keep the description to 200 characters.")
    .optional()
    .default(""),
  events: z
    .array(z.enum(WEBHOOK_EVENT_TYPES, { error: "Choose the events to send." }), {
      error: "Choose the events to send.",
    })
    .min(1, "Choose the events to send.")
    .max(WEBHOOK_EVENT_TYPES.length),
};

export const WebhookEndpointSchema = z.object(endpointFields);
export type WebhookEndpointInput = z.output<typeof WebhookEndpointSchema>;

/** The integrations page: add an endpoint, or change the hosts inside the network it may reach. */
export const WebhookListActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("add"), ...endpointFields }),
  z.object({
    intent: z.literal("hosts"),
    hosts: storableString()
      .max(2_000, "Keep the list to 2,000 characters.")
      .optional()
      .default("")
      .transform((text, context) => {
        const hosts = [
          ...new Set(
            text
              .split(/[\s,]+/)
              .map((host) => host.trim().toLowerCase())
              .filter(Boolean),
          ),
        ];
        if (hosts.length > 20) {
          context.addIssue({ code: "custom", message: "Name at most 20 hosts." });
        }
        // A name or an IPv4 address, or an IPv6 one (two colons or more); never a port.
        const isHost = (host: string) =>
          /^[a-z0-9.-]{1,253}$/.test(host) ||
          (/^[0-9a-f:.]{2,45}$/.test(host) && host.split(":").length > 2);
        const wrong = hosts.find((host) => !isHost(host));
        if (wrong) {
          context.addIssue({
            code: "custom",
            message: `“${wrong.slice(0, 60)}” is not a host: write names like hooks.internal or 10.0.0.5, without a port.`,
          });
        }
        return hosts;
      }),
  }),
]);

/** One endpoint's page: change it, rotate its secret, test it, redeliver, or remove it. */
export const WebhookEndpointActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("update"),
    ...endpointFields,
    enabled: CheckboxSchema,
  }),
  z.object({ intent: z.literal("rotate") }),
  z.object({ intent: z.literal("ping") }),
  z.object({ intent: z.literal("remove") }),
  z.object({
    intent: z.literal("redeliver"),
    deliveryId: z.uuid({ error: "Choose a delivery." }),
  }),
]);
