import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { serveApi } from "./__endpoint.server";
import { listTags } from "./__endpoints.server";

// GET /api/v1/tags
export const loader = (args: LoaderFunctionArgs) => serveApi([listTags], args);
export const action = (args: ActionFunctionArgs) => serveApi([listTags], args);
