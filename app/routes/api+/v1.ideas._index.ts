import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { serveApi } from "./__endpoint.server";
import { listIdeas } from "./__endpoints.server";

// GET /api/v1/ideas
export const loader = (args: LoaderFunctionArgs) => serveApi([listIdeas], args);
export const action = (args: ActionFunctionArgs) => serveApi([listIdeas], args);
