import {
  boolean,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./users";
import { API_TOKEN_SCOPES } from "./values";

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
