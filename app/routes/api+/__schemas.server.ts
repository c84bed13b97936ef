import "zod-openapi";
import { z } from "zod";
import {
  API_TOKEN_SCOPES,
  CONTENT_MODERATION_STATES,
  IDEA_IMPORTANCES,
  IDEA_STATUSES,
  PROPOSAL_STAGES,
  TAG_COLORS,
  TAG_VISIBILITIES,
  USER_ROLES,
} from "#db/schema/values";
import { IDEA_SORTS } from "~/utils/labels";
import { storableString } from "~/validation/common";

// The JSON API's shapes: what requests must look like and what answers hold. Output objects are
// strict, so a field added to a query but not here fails the contract tests instead of leaking.

export const Timestamp = z.iso.datetime().meta({ description: "A time in UTC, ISO 8601." });
/** A day, YYYY-MM-DD, in years PostgreSQL and people both mean (1000 to 9999). */
export const Day = z.iso
  .date()
  .refine((day) => day >= "1000-01-01", "Give a day from the year 1000 on.");
export const Id = z.uuid();

export const ErrorSchema = z
  .strictObject({
    error: z.strictObject({
      code: z.string().meta({ description: "Stable, for programs: `not_found`, `rate_limited`…" }),
      message: z.string().meta({ description: "For people: what happened and what to do." }),
      details: z
        .array(
          z.strictObject({
            in: z.string().meta({ description: "`path`, `query` or `body`." }),
            path: z.string(),
            message: z.string(),
          }),
        )
        .optional(),
    }),
  })
  .meta({ id: "Error" });

export const MeSchema = z
  .strictObject({
    id: Id,
    handle: z.string(),
    displayName: z.string(),
    email: z.string(),
    role: z.enum(USER_ROLES),
    token: z.strictObject({ scopes: z.array(z.enum(API_TOKEN_SCOPES)) }),
  })
  .meta({ id: "Me", description: "The person the token acts for, and the token's scopes." });

export const TagSchema = z
  .strictObject({
    id: Id,
    name: z.string(),
    color: z.enum(TAG_COLORS),
    group: z.string().nullable(),
    visibility: z.enum(TAG_VISIBILITIES).meta({
      description: "`internal` tags are the staff's; other tokens never see them.",
    }),
  })
  .meta({ id: "Tag" });

export const TagListSchema = z.strictObject({ data: z.array(TagSchema) }).meta({ id: "TagList" });

const Importance = z.enum(IDEA_IMPORTANCES);

export const IdeaSchema = z
  .strictObject({
    id: Id,
    title: z.string(),
    url: z.url().meta({ description: "The idea's page." }),
    status: z.enum(IDEA_STATUSES),
    space: z.strictObject({ slug: z.string(), name: z.string() }),
    votes: z.strictObject({
      count: z.int().nonnegative(),
      mine: Importance.nullable().meta({ description: "The token owner's vote, if any." }),
    }),
    replyCount: z.int().nonnegative(),
    tags: z.array(TagSchema),
    createdAt: Timestamp,
    lastActivityAt: Timestamp,
    demand: z
      .strictObject({
        valueCents: z.int().meta({
          description: "Revenue of the distinct accounts whose people vote for it, in cents.",
        }),
      })
      .nullable()
      .meta({ description: "Staff and admin tokens only; null for everyone else." }),
  })
  .meta({ id: "Idea" });

export const IdeaListSchema = z
  .strictObject({
    data: z.array(IdeaSchema),
    nextCursor: z.string().nullable().meta({
      description: "Pass as `cursor` for the next page; null on the last page.",
    }),
  })
  .meta({ id: "IdeaList" });

export const IdeaDetailSchema = IdeaSchema.extend({
  votable: z.boolean(),
  breakdown: z.strictObject({
    nice_to_have: z.int().nonnegative(),
    important: z.int().nonnegative(),
    critical: z.int().nonnegative(),
  }),
  mergedInto: z.strictObject({ id: Id, title: z.string() }).nullable(),
  history: z.array(
    z.strictObject({
      from: z.enum(IDEA_STATUSES).nullable(),
      to: z.enum(IDEA_STATUSES),
      at: Timestamp,
      by: z.string().nullable(),
    }),
  ),
}).meta({ id: "IdeaDetail" });

export const IdeaListQuerySchema = z.object({
  sort: z
    .enum(IDEA_SORTS)
    .default("top")
    .meta({ description: "As on the board; `value` is the staff's (others get `top`)." }),
  status: z.enum(IDEA_STATUSES).optional(),
  space: z.string().max(60).optional().meta({ description: "A space's slug." }),
  tag: Id.optional().meta({ description: "A tag's id." }),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(500).optional(),
});

export const IdeaParamsSchema = z.object({
  ideaId: Id.meta({ description: "The idea's id (its thread's)." }),
});

export const VoteBodySchema = z
  .strictObject({ importance: Importance })
  .meta({ id: "VoteRequest" });

export const VoteSchema = z
  .strictObject({ ideaId: Id, importance: Importance, count: z.int().nonnegative() })
  .meta({ id: "Vote", description: "The token owner's vote, and the idea's count after it." });

export const ProxyVoteBodySchema = z
  .strictObject({
    member: storableString()
      .trim()
      .min(1)
      .max(254)
      .meta({ description: "The customer's handle or email." }),
    importance: Importance,
    note: storableString().trim().min(3).max(500).meta({
      description: "Where you heard it, e.g. “QBR call, 12 March”.",
    }),
  })
  .meta({ id: "ProxyVoteRequest" });

export const ProxyVoteSchema = z
  .strictObject({
    ideaId: Id,
    member: z.strictObject({ handle: z.string(), displayName: z.string() }),
    importance: Importance,
  })
  .meta({ id: "ProxyVote" });

export const NoContentSchema = z.null();

const SpaceRef = z.strictObject({ slug: z.string(), name: z.string() });
const PageQuery = z.object({ cursor: z.string().max(100).optional() });

export const LearningSchema = z
  .strictObject({
    id: Id,
    title: z.string(),
    url: z.url(),
    space: SpaceRef,
    author: z.string().nullable(),
    createdAt: Timestamp,
    confirmations: z.int().nonnegative(),
    corrections: z.int().nonnegative(),
  })
  .meta({ id: "Learning", description: "What staff heard, and how members answered it." });

export const LearningListSchema = z
  .strictObject({ data: z.array(LearningSchema), nextCursor: z.string().nullable() })
  .meta({ id: "LearningList" });

export const LearningListQuerySchema = PageQuery;
export const LearningParamsSchema = z.object({ learningId: Id });

export const LearningDetailSchema = LearningSchema.extend({
  text: z.string().nullable().meta({ description: "The learning as plain text." }),
  confirmedByMe: z.boolean(),
  sources: z.array(
    z.strictObject({
      thread: z.strictObject({ id: Id, title: z.string(), url: z.url() }),
      postId: Id.nullable(),
      author: z.string().nullable(),
    }),
  ),
  sourcesWithdrawn: z.int().nonnegative().meta({
    description: "Sources left out because their authors withdrew consent to be quoted.",
  }),
  correctionList: z.array(
    z.strictObject({
      postId: Id,
      excerpt: z.string(),
      author: z.string().nullable(),
      at: Timestamp,
      accepted: z.boolean(),
    }),
  ),
}).meta({ id: "LearningDetail" });

export const ProposalSchema = z
  .strictObject({
    id: Id,
    title: z.string(),
    url: z.url(),
    stage: z.enum(PROPOSAL_STAGES),
    moderation: z.enum(CONTENT_MODERATION_STATES).nullable().meta({
      description:
        "Held, hidden or removed: shown only to moderators and staff, and to its authors while held.",
    }),
    space: SpaceRef,
    authors: z.array(z.string()),
    endorsements: z.int().nonnegative(),
    revision: z.int().nonnegative(),
    replyCount: z.int().nonnegative(),
    updatedAt: Timestamp,
  })
  .meta({ id: "Proposal" });

export const ProposalParamsSchema = z.object({
  proposalId: Id.meta({ description: "The proposal's id (its thread's)." }),
});

export const ProposalListSchema = z
  .strictObject({ data: z.array(ProposalSchema), nextCursor: z.string().nullable() })
  .meta({ id: "ProposalList" });

export const ProposalListQuerySchema = PageQuery.extend({
  stage: z.enum(PROPOSAL_STAGES).optional(),
  sort: z.enum(["updated", "endorsed", "new"]).default("updated"),
});
