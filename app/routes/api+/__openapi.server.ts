import { createDocument } from "zod-openapi";
import type { oas31 } from "zod-openapi";
import { ERROR_CODES, type ErrorStatus } from "./__api-errors.server";
import { API_RATE_LIMIT, type Endpoint } from "./__endpoint.server";
import { ENDPOINTS } from "./__endpoints.server";
import { ErrorSchema } from "./__schemas.server";
import { webhookDescriptions } from "./__webhook-payloads.server";

// The OpenAPI 3.1 document, generated from the endpoints' own schemas (the ones that validate
// requests and shape answers): there is no second description to fall out of step.

/** Failures any call can meet, whatever the endpoint. */
const ALWAYS: ErrorStatus[] = [401, 403, 429];

const errorDescriptions: Record<ErrorStatus, string> = {
  400: "The request doesn't fit: `details` says where.",
  401: "No token, or one that is unknown, revoked or expired.",
  403: "The token lacks the scope, or its owner the permission.",
  404: "Nothing with this id that the token's owner can see.",
  405: "This address doesn't answer this method.",
  409: "The request conflicts with the current state (e.g. voting closed).",
  413: "The body is larger than 1 MB.",
  415: "The body isn't JSON.",
  422: "The request is well formed but can't be done (e.g. an Idempotency-Key reused).",
  429: "Too many calls this hour: see `Retry-After`.",
  500: "Something failed on our side.",
  503: "The database can't be reached: retry later.",
};

const rateHeaders = {
  "X-RateLimit-Limit": {
    description: "Calls a token may make an hour.",
    schema: { type: "integer" },
  },
  "X-RateLimit-Remaining": { description: "Calls left this hour.", schema: { type: "integer" } },
  "X-RateLimit-Reset": {
    description: "When the hour's count starts over, in seconds since 1970.",
    schema: { type: "integer" },
  },
} satisfies oas31.HeadersObject;

function operation(spec: Endpoint) {
  const failures = [...new Set([...(spec.errors ?? []), ...ALWAYS])].sort();
  const status = String(spec.status ?? 200);
  const body =
    spec.status === 204 ? {} : { content: { "application/json": { schema: spec.response } } };
  const headers = {
    ...rateHeaders,
    ...(spec.method === "get"
      ? {
          ETag: {
            description: "Send it back as `If-None-Match` to get 304 when nothing changed.",
            schema: { type: "string" },
          },
        }
      : {}),
  } satisfies oas31.HeadersObject;
  return {
    operationId: spec.operationId,
    summary: spec.summary,
    description: spec.description,
    tags: [spec.tag],
    security: [{ bearer: [spec.scope] }],
    "x-scope": spec.scope,
    requestParams: {
      ...(spec.params ? { path: spec.params } : {}),
      ...(spec.query ? { query: spec.query } : {}),
    },
    ...(spec.idempotent
      ? {
          parameters: [
            {
              name: "Idempotency-Key",
              in: "header" as const,
              required: false,
              description:
                "Any unique string up to 255 characters: a retry with the same key and body gets the first answer again, and nothing is made twice (kept 24 hours).",
              schema: { type: "string" as const, maxLength: 255 },
            },
          ],
        }
      : {}),
    ...(spec.body
      ? { requestBody: { required: true, content: { "application/json": { schema: spec.body } } } }
      : {}),
    responses: {
      [status]: {
        description: { 200: "OK.", 201: "Created.", 204: "Done: no body." }[spec.status ?? 200],
        headers,
        ...body,
      },
      ...(spec.method === "get"
        ? { "304": { description: "Not modified since the ETag sent." } }
        : {}),
      ...Object.fromEntries(
        failures.map((code) => [
          String(code),
          {
            description: `${ERROR_CODES[code]}: ${errorDescriptions[code]}`,
            content: { "application/json": { schema: ErrorSchema } },
          },
        ]),
      ),
    },
  };
}

type Document = ReturnType<typeof createDocument>;
let built: Document | undefined;

export function openApiDocument(): Document {
  if (built) return built;
  const paths: Record<string, Record<string, ReturnType<typeof operation>>> = {};
  for (const spec of ENDPOINTS) (paths[spec.path] ??= {})[spec.method] = operation(spec);
  built = createDocument({
    openapi: "3.1.0",
    info: {
      title: "Vanguard API",
      version: "1.0.0",
      description:
        "Read the community's ideas, votes and tags, and record votes, as the person who made " +
        "the token: a token never sees or does more than its owner may. Make a token in " +
        `Settings → API tokens. Each token may make ${API_RATE_LIMIT.limit} calls an hour.`,
      license: { name: "AGPL-3.0-or-later", identifier: "AGPL-3.0-or-later" },
    },
    servers: [{ url: "/api/v1" }],
    tags: [
      { name: "Me", description: "The token's owner." },
      { name: "Ideas", description: "Ideas as on the idea board." },
      { name: "Votes", description: "Votes, the owner's own and proxy votes." },
      { name: "Tags", description: "The tag vocabulary." },
      { name: "Backlog", description: "The staff's backlog, its evidence and demand." },
      { name: "Accounts", description: "Customer accounts and their value data." },
      { name: "Members", description: "The community's people, as staff know them." },
      { name: "Learnings", description: "What staff heard, and members' answers." },
      { name: "Proposals", description: "Co-designed proposals." },
      { name: "Moderation", description: "The moderation log." },
      { name: "Webhooks", description: "Events sent to the endpoints admins register." },
    ],
    components: {
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          description: "A personal access token: `Authorization: Bearer vgp_…`.",
        },
        webhookSignature: {
          type: "apiKey",
          in: "header",
          name: "Vanguard-Signature",
          description:
            "How a receiver knows a webhook came from us: `t=<seconds>,v1=<hex>`, an " +
            "HMAC-SHA256 of `<t>.<body>` with the endpoint's signing secret.",
        },
      },
    },
    paths: paths as never,
    webhooks: Object.fromEntries(
      webhookDescriptions().map((event) => [
        event.type,
        {
          post: {
            operationId: `webhook_${event.type.replace(".", "_")}`,
            summary: event.summary,
            description: [
              event.description,
              "Signed in `Vanguard-Signature: t=<seconds>,v1=<hex>`: an HMAC-SHA256 of " +
                "`<t>.<body>` with the endpoint's secret (during a rotation, one `v1` per secret).",
            ]
              .filter(Boolean)
              .join(" "),
            tags: ["Webhooks"],
            security: [{ webhookSignature: [] }],
            requestBody: {
              required: true,
              content: { "application/json": { schema: event.schema } },
            },
            responses: {
              "200": { description: "Any 2xx: received. Anything else is tried again later." },
            },
          },
        },
      ]),
    ),
  });
  return built;
}
