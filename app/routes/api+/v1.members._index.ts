import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { serveApi } from "./__endpoint.server";
import { listMembers } from "./__endpoints.server";

// GET /api/v1/members
export const loader = (args: LoaderFunctionArgs) => serveApi([listMembers], args);
export const action = (args: ActionFunctionArgs) => serveApi([listMembers], args);
