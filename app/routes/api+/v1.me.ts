import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { serveApi } from "./__endpoint.server";
import { getMe } from "./__endpoints.server";

// GET /api/v1/me
export const loader = (args: LoaderFunctionArgs) => serveApi([getMe], args);
export const action = (args: ActionFunctionArgs) => serveApi([getMe], args);
