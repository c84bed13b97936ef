// Every endpoint of /api/v1. Each hands its work to the same domain functions the pages use, as
// the token's owner: what a page would refuse them, the API refuses too.

import {
  getMe,
  listIdeas,
  getIdeaById,
  putVote,
  deleteVote,
  postProxyVote,
  listTags,
  listLearningsEndpoint,
  getLearningById,
  listProposalsEndpoint,
  getProposalById,
} from "./__endpoints-community.server";
import {
  listBacklogItems,
  getBacklogItemById,
  listAccounts,
  getAccountById,
  importAccounts,
  getModerationLog,
  listMembers,
  getMemberById,
} from "./__endpoints-staff.server";

// The route modules (v1.*.ts) take their endpoints from here, the one registry.
export * from "./__endpoints-community.server";
export * from "./__endpoints-staff.server";

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
  getAccountById,
  importAccounts,
  listLearningsEndpoint,
  getLearningById,
  listProposalsEndpoint,
  getProposalById,
  listMembers,
  getMemberById,
  getModerationLog,
];
