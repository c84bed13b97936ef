import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { serveApi } from "./__endpoint.server";
import { listAccounts } from "./__endpoints.server";

// GET /api/v1/accounts
export const loader = (args: LoaderFunctionArgs) => serveApi([listAccounts], args);
export const action = (args: ActionFunctionArgs) => serveApi([listAccounts], args);
