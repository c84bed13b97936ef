import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./users";
import { BACKLOG_STATUSES, TRACKER_KINDS } from "./values";

export const trackerKind = pgEnum("tracker_kind", TRACKER_KINDS);

/**
 * A Jira site or Linear workspace whose signed webhooks move the backlog items that follow its
 * issues. The secret verifies those webhooks (HMAC-SHA256), so it is kept readable, like a
 * webhook endpoint's own.
 */
export const trackerIntegrations = pgTable("tracker_integrations", {
  id: uuid("id").primaryKey().defaultRandom(),
  kind: trackerKind("kind").notNull(),
  name: text("name").notNull(),
  /** Where its issues live (https://acme.atlassian.net, https://linear.app/acme): links there are recognised. */
  siteUrl: text("site_url").notNull(),
  secret: text("secret").notNull(),
  /** The tracker's status name, lower-cased, to a backlog status. Others are logged, never guessed. */
  statusMap: jsonb("status_map")
    .$type<Record<string, (typeof BACKLOG_STATUSES)[number]>>()
    .notNull()
    .default(sql`'{}'::jsonb`),
  enabled: boolean("enabled").notNull().default(true),
  /** Who set it up: status moves are made as them, while they may still manage integrations. */
  ownerId: uuid("owner_id").references(() => users.id, { onDelete: "set null" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Every webhook a tracker sent, by its own delivery id: a second one with the same id is a
 * replay and is refused. Also the log of what each did (an unknown status shows here).
 */
export const trackerDeliveries = pgTable(
  "tracker_deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    integrationId: uuid("integration_id")
      .notNull()
      .references(() => trackerIntegrations.id, { onDelete: "cascade" }),
    deliveryId: text("delivery_id").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    issueKey: text("issue_key"),
    issueStatus: text("issue_status"),
    outcome: text("outcome").notNull(),
    detail: text("detail").notNull().default(""),
  },
  (t) => [
    uniqueIndex("tracker_deliveries_delivery_idx").on(t.integrationId, t.deliveryId),
    index("tracker_deliveries_received_idx").on(t.integrationId, t.receivedAt.desc()),
  ],
);
