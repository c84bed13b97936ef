import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { serveApi } from "./__endpoint.server";
import { listBacklogItems } from "./__endpoints.server";

// GET /api/v1/backlog
export const loader = (args: LoaderFunctionArgs) => serveApi([listBacklogItems], args);
export const action = (args: ActionFunctionArgs) => serveApi([listBacklogItems], args);
