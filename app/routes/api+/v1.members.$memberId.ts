import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { serveApi } from "./__endpoint.server";
import { getMemberById } from "./__endpoints.server";

// GET /api/v1/members/{memberId}
export const loader = (args: LoaderFunctionArgs) => serveApi([getMemberById], args);
export const action = (args: ActionFunctionArgs) => serveApi([getMemberById], args);
