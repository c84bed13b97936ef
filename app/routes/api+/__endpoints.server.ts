import { getIdeaDetail, listIdeasByCursor } from "~/models/idea-api.server";
import { castVote, withdrawVote } from "~/models/idea.server";
import { ACCOUNTS_PAGE_SIZE, listAccountsWithTiers } from "~/models/account.server";
import {
  applyAccountImport,
  getAccountImport,
  previewAccountImport,
} from "~/models/account-import.server";
import { AUDIT_LOG_PAGE_SIZE, listAuditLog } from "~/models/audit.server";
import { getBacklogItem } from "~/models/backlog.server";
import {
  getLearningDetail,
  LEARNINGS_PAGE_SIZE,
  listLearnings,
} from "~/models/learning-list.server";
import { listProposals, PROPOSALS_PAGE_SIZE } from "~/models/proposal.server";
import { BACKLOG_PAGE_SIZE, listBacklog } from "~/models/backlog-list.server";
import { recordProxyVote } from "~/models/idea-proxy-vote.server";
import { Refusal } from "~/models/refusal.server";
import { listTagsForViewer, type Tag } from "~/models/tag.server";
import { publicOrigin } from "~/utils/request.server";
import { ApiError } from "./__api-errors.server";
import { endpoint } from "./__endpoint.server";
import { pageCursor } from "./__page-cursor.server";
import {
  AccountImportBodySchema,
  AccountImportSchema,
  AccountListQuerySchema,
  AccountListSchema,
  BacklogItemDetailSchema,
  BacklogListQuerySchema,
  BacklogListSchema,
  BacklogParamsSchema,
  IdeaDetailSchema,
  IdeaListQuerySchema,
  IdeaListSchema,
  IdeaParamsSchema,
  LearningDetailSchema,
  LearningListQuerySchema,
  LearningListSchema,
  LearningParamsSchema,
  MeSchema,
  ModerationLogQuerySchema,
  ModerationLogSchema,
  NoContentSchema,
  ProposalListQuerySchema,
  ProposalListSchema,
  ProxyVoteBodySchema,
  ProxyVoteSchema,
  TagListSchema,
  VoteBodySchema,
  VoteSchema,
} from "./__schemas.server";

// Every endpoint of /api/v1. Each hands its work to the same domain functions the pages use, as
// the token's owner: what a page would refuse them, the API refuses too.

const tagOut = (tag: Tag) => ({
  id: tag.id,
  name: tag.name,
  color: tag.color,
  group: tag.groupName,
  visibility: tag.visibility,
});

/** A thread's page (an idea's, or the one a piece of evidence points to). */
/** A thread's page: an idea's, or the one a piece of evidence points to. */
const threadUrl = (id: string) => `${publicOrigin()}/t/${id}`;

export const getMe = endpoint({
  method: "get",
  path: "/me",
  operationId: "getMe",
  summary: "Who the token acts for",
  description: "The token's owner, as they are now (role changes apply at once), and its scopes.",
  tag: "Me",
  scope: "read",
  response: MeSchema,
  handle: async ({ viewer, token }) => ({
    id: viewer.id,
    handle: viewer.handle,
    displayName: viewer.displayName,
    email: viewer.email,
    role: viewer.role,
    token: { scopes: token.scopes },
  }),
});

export const listIdeas = endpoint({
  method: "get",
  path: "/ideas",
  operationId: "listIdeas",
  summary: "List ideas",
  description:
    "The ideas the token's owner can see, filtered and sorted as on the idea board, a page at a " +
    'time. Follow `nextCursor` (or the `Link: rel="next"` header) for the next page.',
  tag: "Ideas",
  scope: "read",
  query: IdeaListQuerySchema,
  response: IdeaListSchema,
  errors: [400],
  handle: async ({ viewer, query }) => {
    const page = await listIdeasByCursor(viewer, {
      sort: query.sort,
      status: query.status,
      spaceSlug: query.space,
      tagId: query.tag,
      limit: query.limit,
      cursor: query.cursor,
    });
    return {
      data: page.ideas.map((idea) => ({
        id: idea.id,
        title: idea.title,
        url: threadUrl(idea.id),
        status: idea.status,
        space: idea.space,
        votes: { count: idea.voteCount, mine: idea.myImportance },
        replyCount: idea.replyCount,
        tags: idea.tags.map(tagOut),
        createdAt: idea.createdAt.toISOString(),
        lastActivityAt: idea.lastActivityAt.toISOString(),
        demand: idea.valueCents === null ? null : { valueCents: idea.valueCents },
      })),
      nextCursor: page.nextCursor,
    };
  },
});

async function ideaOut(viewer: Parameters<typeof getIdeaDetail>[0], ideaId: string) {
  const { idea, ...row } = await getIdeaDetail(viewer, ideaId);
  return {
    id: row.id,
    title: row.title,
    url: threadUrl(row.id),
    status: idea.status,
    space: row.space,
    votes: { count: idea.voteCount, mine: idea.myImportance },
    replyCount: row.replyCount,
    tags: row.tags.map(tagOut),
    createdAt: row.createdAt.toISOString(),
    lastActivityAt: row.lastActivityAt.toISOString(),
    demand: row.valueCents === null ? null : { valueCents: row.valueCents },
    votable: idea.votable,
    breakdown: idea.breakdown,
    mergedInto: idea.mergedInto,
    history: idea.history.map((change) => ({
      from: change.fromStatus,
      to: change.toStatus,
      at: new Date(change.createdAt).toISOString(),
      by: change.changedByName,
    })),
  };
}

export const getIdeaById = endpoint({
  method: "get",
  path: "/ideas/{ideaId}",
  operationId: "getIdea",
  summary: "Get an idea",
  description: "One idea with its votes by importance and its status history.",
  tag: "Ideas",
  scope: "read",
  params: IdeaParamsSchema,
  response: IdeaDetailSchema,
  errors: [400, 404],
  handle: ({ viewer, params }) => ideaOut(viewer, params.ideaId),
});

export const putVote = endpoint({
  method: "put",
  path: "/ideas/{ideaId}/vote",
  operationId: "castVote",
  summary: "Vote for an idea, or change the vote's importance",
  description:
    "Casts the token owner's own vote (customers' votes count; staff record theirs with " +
    "proxy votes). Repeating it changes nothing.",
  tag: "Votes",
  scope: "write",
  params: IdeaParamsSchema,
  body: VoteBodySchema,
  response: VoteSchema,
  errors: [400, 403, 404, 409],
  handle: async ({ viewer, params, body }) => {
    await castVote(viewer, params.ideaId, body.importance);
    const { idea } = await getIdeaDetail(viewer, params.ideaId);
    return { ideaId: params.ideaId, importance: body.importance, count: idea.voteCount };
  },
});

export const deleteVote = endpoint({
  method: "delete",
  path: "/ideas/{ideaId}/vote",
  operationId: "withdrawVote",
  summary: "Withdraw the vote",
  description: "Withdraws the token owner's own vote; withdrawing none changes nothing.",
  tag: "Votes",
  scope: "write",
  params: IdeaParamsSchema,
  status: 204,
  response: NoContentSchema,
  errors: [400, 403, 404, 409],
  handle: async ({ viewer, params }) => {
    await withdrawVote(viewer, params.ideaId);
    return null;
  },
});

export const postProxyVote = endpoint({
  method: "post",
  path: "/ideas/{ideaId}/proxy-votes",
  operationId: "recordProxyVote",
  summary: "Record a proxy vote",
  description:
    "Staff record a customer's vote heard in a call or a meeting, with a note. It is labelled " +
    "with who added it wherever votes are listed; the customer sees it and may remove it. Send " +
    "an `Idempotency-Key` header to retry safely.",
  tag: "Votes",
  scope: "write",
  params: IdeaParamsSchema,
  body: ProxyVoteBodySchema,
  status: 201,
  response: ProxyVoteSchema,
  errors: [400, 403, 404, 409, 422],
  idempotent: true,
  handle: async ({ viewer, params, body }) => {
    const person = await recordProxyVote(viewer, params.ideaId, {
      person: body.member,
      importance: body.importance,
      note: body.note,
    });
    return {
      ideaId: params.ideaId,
      member: { handle: person.handle, displayName: person.displayName },
      importance: body.importance,
    };
  },
});

export const listTags = endpoint({
  method: "get",
  path: "/tags",
  operationId: "listTags",
  summary: "List tags",
  description: "Every tag the token's owner can see: internal tags are for staff tokens only.",
  tag: "Tags",
  scope: "read",
  response: TagListSchema,
  handle: async ({ viewer }) => ({ data: (await listTagsForViewer(viewer)).map(tagOut) }),
});

type DemandRow = {
  memberCount: number;
  accountCount: number;
  revenueCents: number;
  lifetimeValueCents: number;
  top1RevenueCents: number;
  top10RevenueCents: number;
  criticalCount: number;
  weightedScore: number;
  influenceWeighted: number | null;
};

const demandOut = (row: DemandRow) => ({
  members: row.memberCount,
  accounts: row.accountCount,
  revenueCents: row.revenueCents,
  lifetimeValueCents: row.lifetimeValueCents,
  top1RevenueCents: row.top1RevenueCents,
  top10RevenueCents: row.top10RevenueCents,
  critical: row.criticalCount,
  weightedScore: row.weightedScore,
  influenceWeighted: row.influenceWeighted,
});

const itemUrl = (id: string) => `${publicOrigin()}/staff/backlog/${id}`;

export const listBacklogItems = endpoint({
  method: "get",
  path: "/backlog",
  operationId: "listBacklog",
  summary: "List backlog items",
  description:
    "The backlog with the demand behind each item, filtered and sorted as on the staff's " +
    "backlog page (staff and admin tokens). Orders by demand move as votes come in: a client " +
    "that must see every item exactly once sorts by `newest`.",
  tag: "Backlog",
  scope: "read",
  query: BacklogListQuerySchema,
  response: BacklogListSchema,
  errors: [400],
  handle: async ({ viewer, query }) => {
    const page = pageCursor.decode(query.cursor);
    const { items, total } = await listBacklog(viewer, {
      sort: query.sort,
      status: query.status,
      tagId: query.tag,
      q: query.q,
      page,
    });
    return {
      data: items.map((item) => ({
        id: item.id,
        title: item.title,
        url: itemUrl(item.id),
        status: item.status,
        target: item.target,
        public: item.isPublic,
        owner: item.ownerName,
        tags: item.tags,
        evidenceCount: item.evidenceCount,
        demand: demandOut(item),
        updatedAt: new Date(item.updatedAt).toISOString(),
      })),
      nextCursor: pageCursor.next(page, BACKLOG_PAGE_SIZE, total),
    };
  },
});

export const getBacklogItemById = endpoint({
  method: "get",
  path: "/backlog/{itemId}",
  operationId: "getBacklogItem",
  summary: "Get a backlog item",
  description:
    "One item with its evidence (the threads, posts and quoted passages behind it), the " +
    "demand they add up to, and its status history (staff and admin tokens).",
  tag: "Backlog",
  scope: "read",
  params: BacklogParamsSchema,
  response: BacklogItemDetailSchema,
  errors: [400, 404],
  handle: async ({ viewer, params }) => {
    const item = await getBacklogItem(viewer, params.itemId);
    if (!item) throw new Refusal("No backlog item with this id.", 404);
    return {
      id: item.id,
      title: item.title,
      url: itemUrl(item.id),
      status: item.status,
      target: item.target,
      public: item.isPublic,
      owner: item.ownerName,
      tags: item.tags,
      evidenceCount: item.evidence.length,
      demand: demandOut(item),
      updatedAt: new Date(item.updatedAt).toISOString(),
      description: item.descriptionText,
      externalUrl: item.externalUrl,
      createdAt: new Date(item.createdAt).toISOString(),
      shippedAt: item.shippedAt ? new Date(item.shippedAt).toISOString() : null,
      evidence: item.evidence.map((piece) => ({
        id: piece.id,
        kind: piece.kind,
        thread: { id: piece.threadId, title: piece.threadTitle, url: threadUrl(piece.threadId) },
        postId: piece.postId,
        // Words whose author withdrew consent to be evidence: the link stays, the words don't.
        quote: piece.wordsWithdrawn ? null : (piece.quote ?? piece.postExcerpt),
        author: piece.authorName,
        account: piece.authorAccountName,
        addedAt: new Date(piece.createdAt).toISOString(),
      })),
      history: item.history.map((change) => ({
        from: change.fromStatus,
        to: change.toStatus,
        at: new Date(change.createdAt).toISOString(),
        by: change.changedByName,
      })),
    };
  },
});

export const listAccounts = endpoint({
  method: "get",
  path: "/accounts",
  operationId: "listAccounts",
  summary: "List accounts",
  description:
    "Customer accounts with their value data, tier and number of people, filtered and sorted " +
    "as on the admin accounts page (admin tokens).",
  tag: "Accounts",
  scope: "admin",
  query: AccountListQuerySchema,
  response: AccountListSchema,
  errors: [400],
  handle: async ({ viewer, query }) => {
    const page = pageCursor.decode(query.cursor);
    const rows = await listAccountsWithTiers(viewer, {
      q: query.q,
      tier: query.tier,
      sort: query.sort,
      page,
    });
    return {
      data: rows.map(({ total: _total, ...row }) => row),
      nextCursor: pageCursor.next(page, ACCOUNTS_PAGE_SIZE, rows[0]?.total ?? 0),
    };
  },
});

export const importAccounts = endpoint({
  method: "post",
  path: "/accounts/imports",
  operationId: "importAccounts",
  summary: "Import account values",
  description:
    "The CSV import of the admin page, as one call: every line is checked first, and a file " +
    "with any problem is refused whole (422, each problem in `details` with its line and " +
    "column); otherwise it is applied at once. Accounts are matched by `external_id`, so " +
    "sending a file again changes nothing. Send an `Idempotency-Key` header to retry safely.",
  tag: "Accounts",
  scope: "admin",
  body: AccountImportBodySchema,
  status: 201,
  response: AccountImportSchema,
  errors: [400, 409, 422],
  idempotent: true,
  handle: async ({ viewer, body }) => {
    const importId = await previewAccountImport(viewer, {
      name: body.fileName ?? "api.csv",
      content: body.csv,
    });
    const preview = await getAccountImport(viewer, importId);
    if (!preview) throw new Refusal("The import went missing: send it again.", 409);
    if (preview.errorCount > 0) {
      throw new ApiError(
        422,
        `${preview.errorCount} ${preview.errorCount === 1 ? "line has a problem" : "lines have problems"}: nothing was imported. Fix them and send the file again.`,
        {
          details: preview.errors.map((problem) => ({
            in: "body",
            path: `csv line ${problem.line}, ${problem.column}`,
            message: problem.message,
          })),
        },
      );
    }
    const counts = await applyAccountImport(viewer, importId);
    return {
      id: importId,
      state: "applied" as const,
      rows: preview.rowCount,
      created: counts.created,
      updated: counts.updated,
      unchanged: counts.unchanged,
    };
  },
});

export const getModerationLog = endpoint({
  method: "get",
  path: "/moderation-log",
  operationId: "listModerationLog",
  summary: "Read the moderation log",
  description:
    "Every moderator and staff action, newest first, as the moderation log page shows it to " +
    "the token's owner (moderators, staff and admins): entries about what they can't see are " +
    "left out or withheld.",
  tag: "Moderation",
  scope: "read",
  query: ModerationLogQuerySchema,
  response: ModerationLogSchema,
  errors: [400],
  handle: async ({ viewer, query }) => {
    const page = pageCursor.decode(query.cursor);
    const log = await listAuditLog(viewer, {
      actor: query.actor,
      action: query.action,
      from: query.from,
      to: query.to,
      page,
    });
    return {
      data: log.entries.map((entry) => ({
        id: entry.id,
        action: entry.action,
        targetType: entry.targetType,
        targetId: entry.targetId,
        details: entry.details,
        at: entry.createdAt.toISOString(),
        actor: entry.actor,
        thread: entry.thread,
        person: entry.person,
        withheld: entry.withheld,
      })),
      nextCursor: pageCursor.next(page, AUDIT_LOG_PAGE_SIZE, log.total),
    };
  },
});

export const listLearningsEndpoint = endpoint({
  method: "get",
  path: "/learnings",
  operationId: "listLearnings",
  summary: "List learnings",
  description: "What staff published that they heard, newest first, with members' answers.",
  tag: "Learnings",
  scope: "read",
  query: LearningListQuerySchema,
  response: LearningListSchema,
  errors: [400],
  handle: async ({ viewer, query }) => {
    const page = pageCursor.decode(query.cursor);
    const { learnings, total } = await listLearnings(viewer, page);
    return {
      data: learnings.map((learning) => ({
        ...learning,
        url: threadUrl(learning.id),
        createdAt: learning.createdAt.toISOString(),
      })),
      nextCursor: pageCursor.next(page, LEARNINGS_PAGE_SIZE, total),
    };
  },
});

export const getLearningById = endpoint({
  method: "get",
  path: "/learnings/{learningId}",
  operationId: "getLearning",
  summary: "Get a learning",
  description:
    "One learning: its text, the sources the token's owner may see (never those whose " +
    "authors withdrew consent to be quoted), confirmations and corrections.",
  tag: "Learnings",
  scope: "read",
  params: LearningParamsSchema,
  response: LearningDetailSchema,
  errors: [400, 404],
  handle: async ({ viewer, params }) => {
    const learning = await getLearningDetail(viewer, params.learningId);
    return {
      id: learning.id,
      title: learning.title,
      url: threadUrl(learning.id),
      space: learning.space,
      author: learning.author,
      createdAt: learning.createdAt.toISOString(),
      confirmations: learning.confirmations,
      corrections: learning.corrections.length,
      text: learning.text,
      confirmedByMe: learning.confirmedByMe,
      sources: learning.sources.map((source) => ({
        thread: { id: source.threadId, title: source.title, url: threadUrl(source.threadId) },
        postId: source.postId,
        author: source.authorName,
      })),
      sourcesWithdrawn: learning.sourcesWithdrawn,
      correctionList: learning.corrections
        .filter((correction) => !correction.deleted)
        .map((correction) => ({
          postId: correction.postId,
          excerpt: correction.excerpt,
          author: correction.authorName,
          at: new Date(correction.createdAt).toISOString(),
          accepted: correction.acceptedAt !== null,
        })),
    };
  },
});

export const listProposalsEndpoint = endpoint({
  method: "get",
  path: "/proposals",
  operationId: "listProposals",
  summary: "List proposals",
  description:
    "Co-designed proposals the token's owner may see (drafts only their own, or all for " +
    "staff), filtered and sorted as on the proposals page.",
  tag: "Proposals",
  scope: "read",
  query: ProposalListQuerySchema,
  response: ProposalListSchema,
  errors: [400],
  handle: async ({ viewer, query }) => {
    const page = pageCursor.decode(query.cursor);
    const { proposals, total } = await listProposals(viewer, {
      stage: query.stage,
      sort: query.sort,
      page,
    });
    return {
      data: proposals.map((proposal) => ({
        id: proposal.id,
        title: proposal.title,
        url: threadUrl(proposal.id),
        stage: proposal.stage,
        moderation: proposal.moderation,
        space: { slug: proposal.spaceSlug, name: proposal.spaceName },
        authors: proposal.authors,
        endorsements: proposal.endorsementCount,
        revision: proposal.revision,
        replyCount: proposal.replyCount,
        updatedAt: new Date(proposal.updatedAt).toISOString(),
      })),
      nextCursor: pageCursor.next(page, PROPOSALS_PAGE_SIZE, total),
    };
  },
});

/** Every endpoint, in the order the reference lists them. */
export const ENDPOINTS = [
  getMe,
  listIdeas,
  getIdeaById,
  putVote,
  deleteVote,
  postProxyVote,
  listTags,
  listBacklogItems,
  getBacklogItemById,
  listAccounts,
  importAccounts,
  listLearningsEndpoint,
  getLearningById,
  listProposalsEndpoint,
  getModerationLog,
];
