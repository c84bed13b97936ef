import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { serveApi } from "./__endpoint.server";
import { getLearningById } from "./__endpoints.server";

// GET /api/v1/learnings/{learningId}
export const loader = (args: LoaderFunctionArgs) => serveApi([getLearningById], args);
export const action = (args: ActionFunctionArgs) => serveApi([getLearningById], args);
