import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { serveApi } from "./__endpoint.server";
import { putVote, deleteVote } from "./__endpoints.server";

// PUT and DELETE /api/v1/ideas/{ideaId}/vote
export const loader = (args: LoaderFunctionArgs) => serveApi([putVote, deleteVote], args);
export const action = (args: ActionFunctionArgs) => serveApi([putVote, deleteVote], args);
