import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveTrackerDelivery, type HookAnswer } from "~/models/tracker-delivery.server";
import { MAX_HOOK_BODY_BYTES } from "~/models/tracker-payloads.server";
import { errorCodeForStatus } from "~/routes/api+/__api-errors.server";
import { uuidParam } from "~/utils/query.server";
import { readBodyUpTo } from "~/utils/request.server";

// POST /hooks/trackers/:integrationId: Jira's and Linear's signed webhooks. No session and no
// Origin: the signature over the body is the delivery's authority (app/auth/origin.server.ts
// lets this path through). Answers in JSON, in the API's error shape.

export const loader = () =>
  hookResponse({ status: 405, message: "Trackers POST their webhooks to this address." });

export async function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "POST") {
    return hookResponse({ status: 405, message: "Trackers POST their webhooks to this address." });
  }
  // Read up to the bound and no further: a larger body is refused before it is hashed.
  const body = await readBodyUpTo(request, MAX_HOOK_BODY_BYTES);
  const answer: HookAnswer | { status: 405; message: string } = body
    ? await receiveTrackerDelivery(uuidParam(params.integrationId), request.headers, body)
    : { status: 413, message: `The body is larger than ${MAX_HOOK_BODY_BYTES / 1024} KB.` };
  return hookResponse(answer);
}

function hookResponse(answer: HookAnswer | { status: 405; message: string }) {
  const headers = new Headers({
    "Content-Type": "application/json; charset=utf-8",
    "Cache-Control": "no-store",
  });
  if (answer.status === 405) headers.set("Allow", "POST");
  if ("retryAfterSeconds" in answer && answer.retryAfterSeconds) {
    headers.set("Retry-After", String(answer.retryAfterSeconds));
  }
  const body =
    answer.status === 200
      ? { ok: true, outcome: "outcome" in answer ? answer.outcome : null, message: answer.message }
      : {
          error: {
            code: errorCodeForStatus(answer.status),
            message: answer.message,
            ...("outcome" in answer && answer.outcome ? { outcome: answer.outcome } : {}),
          },
        };
  return new Response(JSON.stringify(body), { status: answer.status, headers });
}
