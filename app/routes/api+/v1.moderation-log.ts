import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { serveApi } from "./__endpoint.server";
import { getModerationLog } from "./__endpoints.server";

// GET /api/v1/moderation-log
export const loader = (args: LoaderFunctionArgs) => serveApi([getModerationLog], args);
export const action = (args: ActionFunctionArgs) => serveApi([getModerationLog], args);
