import { createHash } from "node:crypto";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import type { ApiTokenScope } from "#db/schema";
import type { SessionUser } from "~/auth/session.server";
import { isDatabaseUnavailable } from "~/utils/database-errors";
import { authenticateApiToken, type TokenHolder } from "~/models/api-token.server";
import { claimIdempotencyKey, settleIdempotencyKey } from "~/models/api-idempotency.server";
import { hitRateLimits } from "~/models/rate-limit.server";
import { Refusal } from "~/models/refusal.server";
import { logger } from "~/utils/logger.server";
import { ApiError, errorCodeForStatus, type ErrorStatus } from "./__api-errors.server";

/**
 * One endpoint of the JSON API, described once: the schemas here validate what comes in, shape
 * what goes out, and are what the OpenAPI document is generated from (`__openapi.server.ts`).
 * `serveApi` runs every endpoint the same way: the bearer token (401), its scope (403), the
 * token's rate limit, the input's schema (400), the handler, which asks the policy as the
 * token's owner, and the output's schema, so a field the document doesn't name never leaves.
 */
export type Endpoint<
  Params extends z.ZodObject = z.ZodObject,
  Query extends z.ZodObject = z.ZodObject,
  Body extends z.ZodType = z.ZodType,
  Output extends z.ZodType = z.ZodType,
> = {
  method: "get" | "post" | "put" | "delete";
  /** The path below /api/v1, in OpenAPI's form: `/ideas/{ideaId}`. */
  path: string;
  operationId: string;
  summary: string;
  description: string;
  tag: string;
  scope: ApiTokenScope;
  params?: Params;
  query?: Query;
  body?: Body;
  /** Success status; 204 answers with no body. */
  status?: 200 | 201 | 204;
  response: Output;
  /** The failures this endpoint can answer besides the ones every endpoint can. */
  errors?: ErrorStatus[];
  /** Whether a retried create may carry an `Idempotency-Key`. */
  idempotent?: boolean;
  handle(input: {
    viewer: SessionUser;
    token: TokenHolder["token"];
    params: z.output<Params>;
    query: z.output<Query>;
    body: z.output<Body>;
  }): Promise<z.input<Output>>;
};

export const endpoint = <
  Params extends z.ZodObject,
  Query extends z.ZodObject,
  Body extends z.ZodType,
  Output extends z.ZodType,
>(
  spec: Endpoint<Params, Query, Body, Output>,
) => spec as unknown as Endpoint;

/** Calls one token may make in an hour. */
export const API_RATE_LIMIT = { limit: 5_000, windowMs: 3_600_000 };
/** Calls all of one person's tokens may make in an hour. */
const API_PERSON_RATE_LIMIT = { limit: 15_000, windowMs: 3_600_000 };
/** Bodies larger than this are refused before they are read. */
const MAX_BODY_BYTES = 1_000_000;

const EMPTY = z.object({});

/** Answers a call to one address, with whichever of its endpoints takes the request's method. */
export async function serveApi(
  specs: Endpoint[],
  { request, params, context }: Pick<LoaderFunctionArgs, "request" | "params" | "context">,
): Promise<Response> {
  const headers = new Headers({
    "Content-Type": "application/json; charset=utf-8",
    // Never stored: answers hold what only this token's owner may see. ETags still save the body.
    "Cache-Control": "private, no-store",
    Vary: "Authorization",
  });
  try {
    const spec = specs.find((candidate) => candidate.method === request.method.toLowerCase());
    if (!spec) {
      const allowed = specs.map((candidate) => candidate.method.toUpperCase()).join(", ");
      headers.set("Allow", allowed);
      throw new ApiError(405, `This address answers ${allowed} only.`);
    }
    const holder = await authenticate(request, String(context.clientIp ?? ""));
    if (!holder.token.scopes.includes(spec.scope)) {
      throw new ApiError(403, `This token lacks the ${spec.scope} scope this call needs.`, {
        code: "insufficient_scope",
      });
    }
    // Per token, and per person across all their tokens (a new token is no fresh budget).
    const [limit, personLimit] = await hitRateLimits([
      { key: `api:${holder.token.id}`, rule: API_RATE_LIMIT },
      { key: `api:user:${holder.user.id}`, rule: API_PERSON_RATE_LIMIT },
    ]);
    headers.set("X-RateLimit-Limit", String(API_RATE_LIMIT.limit));
    headers.set("X-RateLimit-Remaining", String(Math.max(0, API_RATE_LIMIT.limit - limit.count)));
    headers.set("X-RateLimit-Reset", String(Math.ceil((Date.now() + limit.retryAfterMs) / 1000)));
    if (limit.limited || personLimit.limited) {
      const wait = Math.max(
        limit.limited ? limit.retryAfterMs : 0,
        personLimit.limited ? personLimit.retryAfterMs : 0,
      );
      headers.set("Retry-After", String(Math.ceil(wait / 1000)));
      throw new ApiError(429, "This token made too many calls this hour: wait, then try again.");
    }
    const url = new URL(request.url);
    const input = {
      params: parse(spec.params ?? EMPTY, params, "path"),
      query: parse(spec.query ?? EMPTY, Object.fromEntries(url.searchParams), "query"),
      body: spec.body ? parse(spec.body, await readJson(request), "body") : undefined,
    };
    const run = async () => {
      const output = await spec.handle({ viewer: holder.user, token: holder.token, ...input });
      return spec.status === 204 ? null : spec.response.parse(output);
    };
    const key = request.headers.get("Idempotency-Key");
    if (spec.idempotent && key !== null) {
      return await serveOnce(holder.token.id, key, request, input.body, run, spec, headers);
    }
    return answerWith(spec.status ?? 200, await run(), request, headers);
  } catch (error) {
    return failure(error, headers);
  }
}

async function authenticate(request: Request, ip: string) {
  const header = request.headers.get("Authorization") ?? "";
  if (!header.startsWith("Bearer ")) {
    throw new ApiError(401, "Send a personal access token: `Authorization: Bearer <token>`.");
  }
  const holder = await authenticateApiToken(header.slice("Bearer ".length).trim(), ip);
  if (!holder) {
    throw new ApiError(
      401,
      "This token is unknown, revoked or expired, or its owner can't sign in.",
    );
  }
  return holder;
}

function parse<T extends z.ZodType>(schema: T, value: unknown, where: string): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new ApiError(400, `The request's ${where} doesn't fit this endpoint: see details.`, {
    details: result.error.issues.slice(0, 20).map((issue) => ({
      in: where,
      path: issue.path.map(String).join("."),
      message: issue.message,
    })),
  });
}

async function readJson(request: Request): Promise<unknown> {
  if (!(request.headers.get("Content-Type") ?? "").startsWith("application/json")) {
    throw new ApiError(415, "Send the body as JSON, with `Content-Type: application/json`.");
  }
  const length = Number(request.headers.get("Content-Length") ?? 0);
  if (length > MAX_BODY_BYTES) throw new ApiError(413, "The body is larger than 1 MB.");
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) throw new ApiError(413, "The body is larger than 1 MB.");
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, "The body is not valid JSON.");
  }
}

/**
 * A create that may be retried: the first request with a key runs and its answer is kept; a
 * retry with the same key and body gets that answer again (`Idempotent-Replayed: true`).
 */
async function serveOnce(
  tokenId: string,
  key: string,
  request: Request,
  body: unknown,
  run: () => Promise<unknown>,
  spec: Endpoint,
  headers: Headers,
) {
  if (key.length === 0 || key.length > 255) {
    throw new ApiError(400, "An Idempotency-Key is 1 to 255 characters.");
  }
  const fingerprint = createHash("sha256")
    .update(`${request.method} ${new URL(request.url).pathname} ${JSON.stringify(body ?? null)}`)
    .digest("hex");
  const claim = await claimIdempotencyKey(tokenId, key, fingerprint);
  if (claim.kind === "replay") {
    headers.set("Idempotent-Replayed", "true");
    return new Response(claim.body, { status: claim.status, headers });
  }
  try {
    const response = answerWith(spec.status ?? 200, await run(), request, headers);
    await settleIdempotencyKey(tokenId, key, {
      status: response.status,
      body: await response.clone().text(),
    });
    return response;
  } catch (error) {
    const response = failure(error, headers);
    // A server failure leaves the key free, so the retry it invites can succeed.
    await settleIdempotencyKey(
      tokenId,
      key,
      response.status >= 500
        ? null
        : { status: response.status, body: await response.clone().text() },
    );
    return response;
  }
}

/** A success: JSON with a weak ETag, or 304 when the client already holds this version. */
function answerWith(status: number, output: unknown, request: Request, headers: Headers) {
  if (status === 204) return new Response(null, { status, headers });
  const text = JSON.stringify(output);
  if (request.method === "GET") {
    const etag = `W/"${createHash("sha1").update(text).digest("base64url")}"`;
    headers.set("ETag", etag);
    const held = request.headers.get("If-None-Match");
    if (held && held.split(",").some((tag) => tag.trim() === etag)) {
      return new Response(null, { status: 304, headers });
    }
    const next = (output as { nextCursor?: unknown }).nextCursor;
    if (typeof next === "string") {
      const url = new URL(request.url);
      url.searchParams.set("cursor", next);
      headers.set("Link", `<${url.pathname}${url.search}>; rel="next"`);
    }
  }
  return new Response(text, { status, headers });
}

/** Every failure in the one shape: `{ error: { code, message, details? } }`. */
function failure(error: unknown, headers: Headers): Response {
  let problem: ApiError;
  if (error instanceof ApiError) problem = error;
  else if (error instanceof Refusal) {
    problem = new ApiError(error.status, error.message, {
      details: error.field
        ? [{ in: "body", path: error.field, message: error.message }]
        : undefined,
    });
  } else if (isDatabaseUnavailable(error)) {
    headers.set("Retry-After", "30");
    problem = new ApiError(
      503,
      "We can't reach the database right now. Please try again in a minute.",
    );
  } else {
    logger.error({ err: error }, "API call failed");
    problem = new ApiError(500, "Something went wrong on our side. It is logged; try again later.");
  }
  if (problem.status === 401) headers.set("WWW-Authenticate", 'Bearer realm="vanguard"');
  const body = {
    error: {
      code: problem.code ?? errorCodeForStatus(problem.status),
      message: problem.message,
      ...(problem.details ? { details: problem.details } : {}),
    },
  };
  return new Response(JSON.stringify(body), { status: problem.status, headers });
}
