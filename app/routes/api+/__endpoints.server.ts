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
} from "./__endpoints-community.server";
import {
  listBacklogItems,
  getBacklogItemById,
  listAccounts,
  importAccounts,
  getModerationLog,
} from "./__endpoints-staff.server";

export {
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
};

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
