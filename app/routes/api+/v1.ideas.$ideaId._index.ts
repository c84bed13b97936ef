import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { serveApi } from "./__endpoint.server";
import { getIdeaById } from "./__endpoints.server";

// GET /api/v1/ideas/{ideaId}
export const loader = (args: LoaderFunctionArgs) => serveApi([getIdeaById], args);
export const action = (args: ActionFunctionArgs) => serveApi([getIdeaById], args);
