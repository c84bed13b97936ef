import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { serveApi } from "./__endpoint.server";
import { getProposalById } from "./__endpoints.server";

// GET /api/v1/proposals/{proposalId}
export const loader = (args: LoaderFunctionArgs) => serveApi([getProposalById], args);
export const action = (args: ActionFunctionArgs) => serveApi([getProposalById], args);
