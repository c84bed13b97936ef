import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { serveApi } from "./__endpoint.server";
import { getAccountById } from "./__endpoints.server";

// GET /api/v1/accounts/{accountId}
export const loader = (args: LoaderFunctionArgs) => serveApi([getAccountById], args);
export const action = (args: ActionFunctionArgs) => serveApi([getAccountById], args);
