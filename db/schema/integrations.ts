import {
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { users } from "./users";
import {
  API_TOKEN_SCOPES,
  STAFF_EXPORT_FORMATS,
  STAFF_EXPORT_KINDS,
  WEBHOOK_DELIVERY_STATES,
  WEBHOOK_EVENT_TYPES,
} from "./values";

export const apiTokenScope = pgEnum("api_token_scope", API_TOKEN_SCOPES);
export type ApiTokenScope = (typeof apiTokenScope.enumValues)[number];

/**
 * Personal access tokens for the JSON API. Only a SHA-256 of the secret is kept (the secret is
 * 32 random bytes, so a fast hash is enough and lets each request find its token by index); the
 * secret is shown once, when made. A token acts as its owner, read fresh on every request, and
 * only within its scopes.
 */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** The token's first characters, to tell tokens apart in lists and logs. */
    prefix: text("prefix").notNull(),
    secretHash: text("secret_hash").notNull().unique(),
    scopes: apiTokenScope("scopes").array().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    lastUsedIp: text("last_used_ip"),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (table) => [index("api_tokens_user_idx").on(table.userId)],
);

/**
 * What a create request answered, kept for a day under the key its client sent
 * (`Idempotency-Key`), so a retried request gets the same answer and makes nothing twice.
 */
export const apiIdempotencyKeys = pgTable(
  "api_idempotency_keys",
  {
    tokenId: uuid("token_id")
      .notNull()
      .references(() => apiTokens.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    /** Method, path and body digest: the same key reused for another request is refused. */
    fingerprint: text("fingerprint").notNull(),
    status: integer("status"),
    body: text("body"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("api_idempotency_keys_created_idx").on(table.createdAt),
    primaryKey({ columns: [table.tokenId, table.key] }),
  ],
);

/**
 * A member's private feed address, for feed readers (which send no cookie). The address carries
 * an HMAC of the person and `generation` under the app's secret, so nothing secret is stored;
 * resetting the address, turning feeds off or signing out everywhere bumps the generation.
 */
export const feedKeys = pgTable("feed_keys", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  generation: integer("generation").notNull().default(1),
  /** Off keeps the row (and bumps the generation): turning feeds on again never revives a key. */
  enabled: boolean("enabled").notNull().default(true),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
});

export const webhookDeliveryState = pgEnum("webhook_delivery_state", WEBHOOK_DELIVERY_STATES);
export type WebhookDeliveryState = (typeof webhookDeliveryState.enumValues)[number];
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number] | "ping";

/**
 * Where an admin asked for events to be sent. The secret signs every delivery, so it is kept as
 * it is (shown once, when made or rotated); after a rotation the previous secret also signs for
 * a day, so the receiver can move to the new one without missing a delivery. Payloads are read
 * as the owner, who must still manage webhooks when each one is sent.
 */
export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Null once its owner's row is gone: nothing is sent until another admin saves it. */
    ownerId: uuid("owner_id").references(() => users.id, { onDelete: "set null" }),
    url: text("url").notNull(),
    description: text("description").notNull().default(""),
    events: text("events").$type<WebhookEventType>().array().notNull(),
    secret: text("secret").notNull(),
    previousSecret: text("previous_secret"),
    previousSecretUntil: timestamp("previous_secret_until", { withTimezone: true }),
    enabled: boolean("enabled").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("webhook_endpoints_events_idx").using("gin", table.events)],
);

/**
 * One event on its way to one endpoint. The payload is read when each attempt is made (so it
 * never carries what the owner can no longer see) and is not kept: text redacted or withdrawn
 * later must not live on in a log.
 * A worker claims a due delivery by moving `next_attempt_at` past its own timeout: a process
 * that dies mid-send leaves it to be tried again.
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    endpointId: uuid("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    /** The same for every endpoint an event went to, and for redeliveries. */
    eventId: uuid("event_id").notNull(),
    eventType: text("event_type").$type<WebhookEventType>().notNull(),
    /** The idea, backlog item, proposal, learning or account the event is about. */
    subjectId: uuid("subject_id"),
    /** What the event adds to its subject (a status it moved from); nothing private. */
    eventData: jsonb("event_data").$type<Record<string, string | null>>().notNull().default({}),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
    state: webhookDeliveryState("state").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastStatus: integer("last_status"),
    lastError: text("last_error"),
    lastAttemptAt: timestamp("last_attempt_at", { withTimezone: true }),
    responseExcerpt: text("response_excerpt"),
    redeliveryOf: uuid("redelivery_of"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("webhook_deliveries_due_idx")
      .on(table.nextAttemptAt)
      .where(sql`${table.state} = 'pending'`),
    index("webhook_deliveries_endpoint_idx").on(table.endpointId, table.createdAt),
    index("webhook_deliveries_created_idx").on(table.createdAt),
  ],
);

export type StaffExportKind = (typeof STAFF_EXPORT_KINDS)[number];
export type StaffExportFormat = (typeof STAFF_EXPORT_FORMATS)[number];

/**
 * A staff member's or admin's export of one list (ideas with votes, the backlog with demand,
 * members with activity, accounts with tiers and influence), built by a job as its requester
 * (what they may see then), a page of rows at a time, so large lists show their progress.
 */
export const staffExports = pgTable(
  "staff_exports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").$type<StaffExportKind>().notNull(),
    format: text("format").$type<StaffExportFormat>().notNull(),
    state: text("state")
      .$type<"queued" | "building" | "ready" | "failed">()
      .notNull()
      .default("queued"),
    /** Bumped by each claim: a build that lost its claim writes nothing more. */
    attempt: integer("attempt").notNull().default(0),
    /** The permissions the file was built with (emails need more): all asked again to download. */
    permissions: text("permissions")
      .array()
      .notNull()
      .default(sql`'{}'`),
    rowsDone: integer("rows_done").notNull().default(0),
    rowsTotal: integer("rows_total"),
    byteSize: integer("byte_size"),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull().defaultNow(),
    /** Moved forward while a job builds it: a build whose process died is taken again. */
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
  },
  (table) => [index("staff_exports_user_idx").on(table.userId, table.requestedAt)],
);

/** The built file, in the order written: one chunk per page of rows. */
export const staffExportChunks = pgTable(
  "staff_export_chunks",
  {
    exportId: uuid("export_id")
      .notNull()
      .references(() => staffExports.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    content: text("content").notNull(),
  },
  (table) => [primaryKey({ columns: [table.exportId, table.seq] })],
);
