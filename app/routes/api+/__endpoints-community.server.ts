import { getIdeaDetail, listIdeasByCursor } from "~/models/idea-api.server";
import { castVote, withdrawVote } from "~/models/idea.server";
import {
  getLearningDetail,
  LEARNINGS_PAGE_SIZE,
  listLearnings,
} from "~/models/learning-list.server";
import { listProposals, PROPOSALS_PAGE_SIZE } from "~/models/proposal-list.server";
import { recordProxyVote } from "~/models/idea-proxy-vote.server";
import { listTagsForViewer, type Tag } from "~/models/tag.server";
import { Refusal } from "~/models/refusal.server";
import { publicOrigin } from "~/utils/request.server";
import { endpoint } from "./__endpoint.server";
import { pageCursor } from "./__page-cursor.server";
import {
  IdeaDetailSchema,
  IdeaListQuerySchema,
  IdeaListSchema,
  IdeaParamsSchema,
  LearningDetailSchema,
  LearningListQuerySchema,
  LearningListSchema,
  LearningParamsSchema,
  MeSchema,
  NoContentSchema,
  ProposalListQuerySchema,
  ProposalListSchema,
  ProposalParamsSchema,
  ProposalSchema,
  ProxyVoteBodySchema,
  ProxyVoteSchema,
  TagListSchema,
  VoteBodySchema,
  VoteSchema,
} from "./__schemas.server";

// The endpoints every role may call (each answers only what its owner may see).

const tagOut = (tag: Tag) => ({
  id: tag.id,
  name: tag.name,
  color: tag.color,
  group: tag.groupName,
  visibility: tag.visibility,
});

/** A thread's page: an idea's, or the one a piece of evidence points to. */
export const threadUrl = (id: string) => `${publicOrigin()}/t/${id}`;

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

type ProposalRow = Awaited<ReturnType<typeof listProposals>>["proposals"][number];

const proposalOut = (proposal: ProposalRow) => ({
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
      data: proposals.map(proposalOut),
      nextCursor: pageCursor.next(page, PROPOSALS_PAGE_SIZE, total),
    };
  },
});

export const getProposalById = endpoint({
  method: "get",
  path: "/proposals/{proposalId}",
  operationId: "getProposal",
  summary: "Get a proposal",
  description: "One proposal, as the list shows it, if the token's owner may see it.",
  tag: "Proposals",
  scope: "read",
  params: ProposalParamsSchema,
  response: ProposalSchema,
  errors: [400, 404],
  handle: async ({ viewer, params }) => {
    const { proposals } = await listProposals(viewer, {
      id: params.proposalId,
      sort: "updated",
      page: 1,
    });
    if (proposals.length === 0) throw new Refusal("No proposal with this id.", 404);
    return proposalOut(proposals[0]);
  },
});
