import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { serveApi } from "./__endpoint.server";
import { listProposalsEndpoint } from "./__endpoints.server";

// GET /api/v1/proposals
export const loader = (args: LoaderFunctionArgs) => serveApi([listProposalsEndpoint], args);
export const action = (args: ActionFunctionArgs) => serveApi([listProposalsEndpoint], args);
