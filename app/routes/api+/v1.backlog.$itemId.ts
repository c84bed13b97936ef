import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { serveApi } from "./__endpoint.server";
import { getBacklogItemById } from "./__endpoints.server";

// GET /api/v1/backlog/{itemId}
export const loader = (args: LoaderFunctionArgs) => serveApi([getBacklogItemById], args);
export const action = (args: ActionFunctionArgs) => serveApi([getBacklogItemById], args);
