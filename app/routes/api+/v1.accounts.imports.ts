import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { serveApi } from "./__endpoint.server";
import { importAccounts } from "./__endpoints.server";

// POST /api/v1/accounts/imports
export const loader = (args: LoaderFunctionArgs) => serveApi([importAccounts], args);
export const action = (args: ActionFunctionArgs) => serveApi([importAccounts], args);
