import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { serveApi } from "./__endpoint.server";
import { postProxyVote } from "./__endpoints.server";

// POST /api/v1/ideas/{ideaId}/proxy-votes
export const loader = (args: LoaderFunctionArgs) => serveApi([postProxyVote], args);
export const action = (args: ActionFunctionArgs) => serveApi([postProxyVote], args);
