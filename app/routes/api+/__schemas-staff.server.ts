import { z } from "zod";
import {
  BACKLOG_STATUSES,
  EVIDENCE_KINDS,
  TAG_COLORS,
  TAG_VISIBILITIES,
  TRACKER_KINDS,
  USER_ROLES,
  VALUE_TIERS,
} from "#db/schema/values";
import { BACKLOG_SORT_KEYS } from "~/utils/labels";
import { storableString } from "~/validation/common";
import { Day, Id, Timestamp } from "./__schemas.server";

// The shapes of the staff's, moderators' and admins' endpoints: backlog, accounts, the log.

const Cents = z.int().meta({ description: "An amount in cents." });

export const DemandSchema = z
  .strictObject({
    members: z.int().nonnegative(),
    accounts: z.int().nonnegative(),
    revenueCents: Cents,
    lifetimeValueCents: Cents,
    top1RevenueCents: Cents,
    top10RevenueCents: Cents,
    critical: z.int().nonnegative(),
    weightedScore: z.number(),
    influenceWeighted: z.number().nullable().meta({
      description: "Supporters' influence; null for tokens whose owner may not read influence.",
    }),
  })
  .meta({ id: "Demand", description: "Who and how much value stands behind an item." });

const BacklogTag = z.strictObject({
  id: Id,
  name: z.string(),
  color: z.enum(TAG_COLORS),
  visibility: z.enum(TAG_VISIBILITIES),
});

export const BacklogItemSchema = z
  .strictObject({
    id: Id,
    title: z.string(),
    url: z.url(),
    status: z.enum(BACKLOG_STATUSES),
    target: z
      .string()
      .meta({ description: "When staff aim to ship it, in their words; may be empty." }),
    public: z.boolean().meta({ description: "On the public roadmap." }),
    owner: z.string().nullable().meta({ description: "The staff member who owns it." }),
    tags: z.array(BacklogTag),
    evidenceCount: z.int().nonnegative(),
    demand: DemandSchema,
    updatedAt: Timestamp,
  })
  .meta({ id: "BacklogItem" });

export const BacklogListSchema = z
  .strictObject({ data: z.array(BacklogItemSchema), nextCursor: z.string().nullable() })
  .meta({ id: "BacklogList" });

export const BacklogListQuerySchema = z.object({
  sort: z.enum(BACKLOG_SORT_KEYS).default("weighted"),
  status: z.enum(BACKLOG_STATUSES).optional(),
  tag: Id.optional(),
  q: z.string().max(200).optional().meta({ description: "Words in the title." }),
  cursor: z.string().max(100).optional(),
});

export const BacklogParamsSchema = z.object({ itemId: Id });

export const BacklogItemDetailSchema = BacklogItemSchema.extend({
  description: z.string().meta({ description: "Plain text." }),
  externalUrl: z.string().nullable(),
  tracker: z
    .strictObject({
      kind: z.enum(TRACKER_KINDS),
      key: z.string().meta({ description: "The issue's key, like PROJ-123 or ENG-42." }),
      status: z
        .string()
        .nullable()
        .meta({ description: "The issue's status in the tracker; null until it reports one." }),
      syncedAt: Timestamp.nullable().meta({
        description: "When the tracker made the change it last reported.",
      }),
    })
    .nullable()
    .meta({
      description:
        "The Jira or Linear issue `externalUrl` names, when its tracker is connected: the item follows it. Null otherwise.",
    }),
  createdAt: Timestamp,
  shippedAt: Timestamp.nullable(),
  evidence: z.array(
    z.strictObject({
      id: Id,
      kind: z.enum(EVIDENCE_KINDS),
      thread: z.strictObject({ id: Id, title: z.string(), url: z.url() }),
      postId: Id.nullable(),
      quote: z.string().nullable().meta({
        description: "The quoted words; null when their author withdrew consent to be evidence.",
      }),
      author: z.string().nullable(),
      account: z.string().nullable(),
      addedAt: Timestamp,
    }),
  ),
  history: z.array(
    z.strictObject({
      from: z.enum(BACKLOG_STATUSES).nullable(),
      to: z.enum(BACKLOG_STATUSES),
      at: Timestamp,
      by: z.string().nullable(),
    }),
  ),
}).meta({ id: "BacklogItemDetail" });

export const AccountSchema = z
  .strictObject({
    id: Id,
    name: z.string(),
    externalId: z.string().nullable().meta({ description: "The CRM's id, which imports match." }),
    segment: z.string(),
    revenueCents: Cents,
    grossProfitCents: Cents,
    lifetimeValueCents: Cents,
    customerSince: z.string().nullable().meta({ description: "A date, YYYY-MM-DD." }),
    tier: z.enum(VALUE_TIERS),
    revenueRank: z.int().positive(),
    members: z.int().nonnegative(),
  })
  .meta({ id: "Account" });

export const AccountParamsSchema = z.object({ accountId: Id });

export const AccountListSchema = z
  .strictObject({ data: z.array(AccountSchema), nextCursor: z.string().nullable() })
  .meta({ id: "AccountList" });

export const AccountListQuerySchema = z.object({
  q: z.string().max(200).optional().meta({ description: "Words in the name." }),
  tier: z.enum(VALUE_TIERS).optional(),
  sort: z.enum(["revenue", "name", "ltv"]).default("revenue"),
  cursor: z.string().max(100).optional(),
});

export const AccountImportBodySchema = z
  .strictObject({
    csv: z
      .string()
      .min(1)
      .max(1_000_000)
      .meta({
        description:
          "The file, as the admin page takes it: a header line, then one account per line (at most " +
          "1 MB here; upload larger files on the admin page).",
      }),
    fileName: storableString().max(200).optional(),
  })
  .meta({ id: "AccountImportRequest" });

export const AccountImportSchema = z
  .strictObject({
    id: Id,
    state: z.enum(["applied"]),
    rows: z.int().nonnegative(),
    created: z.int().nonnegative(),
    updated: z.int().nonnegative(),
    unchanged: z.int().nonnegative(),
  })
  .meta({
    id: "AccountImport",
    description: "An applied import. Sending the same file again changes nothing (`unchanged`).",
  });

const PersonRef = z.strictObject({ name: z.string(), handle: z.string() });

export const ModerationLogEntrySchema = z
  .strictObject({
    id: Id,
    action: z
      .string()
      .meta({ description: "What was done, e.g. `post.hidden`, `user.suspended`." }),
    targetType: z.string(),
    targetId: z
      .string()
      .nullable()
      .meta({ description: "Null when the entry is withheld (about something you can't see)." }),
    details: z.record(z.string(), z.unknown()).meta({
      description: "The reason and what changed; empty when withheld from this token's owner.",
    }),
    at: Timestamp,
    actor: PersonRef.nullable(),
    thread: z.strictObject({ id: Id, title: z.string() }).nullable(),
    person: PersonRef.nullable().meta({ description: "The person acted on, if any." }),
    withheld: z.boolean().meta({
      description: "Only who acted and when are given: the rest is not the owner's to read.",
    }),
  })
  .meta({ id: "ModerationLogEntry" });

export const ModerationLogSchema = z
  .strictObject({ data: z.array(ModerationLogEntrySchema), nextCursor: z.string().nullable() })
  .meta({ id: "ModerationLog" });

export const ModerationLogQuerySchema = z.object({
  actor: z.string().max(60).optional().meta({ description: "The handle of who acted." }),
  action: z.string().max(60).optional().meta({
    description: "A kind of action (`post`, `user`…) or one exact action (`post.hidden`).",
  }),
  from: Day.optional(),
  to: Day.optional(),
  cursor: z.string().max(100).optional(),
});

export const MemberSchema = z
  .strictObject({
    id: Id,
    handle: z.string(),
    displayName: z.string(),
    email: z
      .email()
      .nullable()
      .meta({ description: "Only for tokens whose owner administers members." }),
    role: z.enum(USER_ROLES),
    suspended: z.boolean(),
    alumni: z
      .boolean()
      .meta({ description: "Their account left the top tiers; they keep open spaces." }),
    trustLevel: z.int().min(0).max(3),
    joinedAt: Timestamp,
    lastSeenAt: Timestamp.nullable(),
    account: z
      .strictObject({ id: Id, name: z.string(), tier: z.enum(VALUE_TIERS).nullable() })
      .nullable(),
    posts: z.int().nonnegative().meta({ description: "Posts they wrote that are not deleted." }),
    ideas: z.int().nonnegative(),
    votes: z.int().nonnegative(),
  })
  .meta({ id: "Member" });

export const MemberListSchema = z
  .strictObject({ data: z.array(MemberSchema), nextCursor: z.string().nullable() })
  .meta({ id: "MemberList" });

export const MemberListQuerySchema = z.object({
  q: storableString()
    .max(200)
    .optional()
    .meta({ description: "Words in the name or handle (and email, for admins)." }),
  role: z.enum(USER_ROLES).optional(),
  account: Id.optional().meta({ description: "Only the people of this account." }),
  cursor: z.string().max(100).optional(),
});

export const MemberParamsSchema = z.object({ memberId: Id });
