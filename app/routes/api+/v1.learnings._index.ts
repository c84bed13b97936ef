import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { serveApi } from "./__endpoint.server";
import { listLearningsEndpoint } from "./__endpoints.server";

// GET /api/v1/learnings
export const loader = (args: LoaderFunctionArgs) => serveApi([listLearningsEndpoint], args);
export const action = (args: ActionFunctionArgs) => serveApi([listLearningsEndpoint], args);
