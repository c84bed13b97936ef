import { and, eq, gt } from "drizzle-orm";
import * as oidc from "openid-client";
import { ssoSignInAttempts } from "#db/schema";
import { db } from "~/db.server";
import { hitRateLimit, minutesUntil } from "~/models/rate-limit.server";
import { recordSignIn } from "~/models/sign-in-history.server";
import { logger } from "~/utils/logger.server";
import { generateToken, hashToken } from "~/utils/tokens.server";
import { EmailSchema } from "~/validation/common";
import { secureCookies, startSession, type ClientInfo } from "./session.server";
import { findSsoPerson, type SsoPersonResult } from "./sso-account.server";
import { providerConfiguration, ssoCallbackUrl, ssoSetup } from "./sso-provider.server";

// Single sign-on with OpenID Connect: the authorization code flow with PKCE, a nonce and a
// state, through openid-client. The sign-in's secrets wait in a row whose key only the browser
// that started it holds (a cookie), and the row is spent by the first callback, so a replayed or
// forwarded callback signs nobody in.

const ATTEMPT_TTL_MS = 10 * 60 * 1000;
/**
 * `__Host-` over https: no sibling subdomain can plant its own attempt in the browser (a
 * sign-in as someone else). Plain http (development) can't carry the prefix.
 */
const attemptCookieName = () => (secureCookies() ? "__Host-vanguard_sso" : "vanguard_sso");
/** Sign-ins started per client address: each one writes a row. */
export const SSO_STARTS_PER_IP = { limit: 60, windowMs: 15 * 60 * 1000 };

export type SsoStart =
  | { ok: true; location: string; setCookie: string }
  | { ok: false; reason: "not-configured" | "provider-unreachable" }
  | { ok: false; reason: "address-limited"; retryInMinutes: number };

/** Sends the browser to the identity provider, remembering where to bring it back afterwards. */
export async function startSsoSignIn(input: {
  redirectTo: string;
  client: ClientInfo;
}): Promise<SsoStart> {
  const setup = ssoSetup();
  if (!setup) return { ok: false, reason: "not-configured" };
  const limit = await hitRateLimit(`sso-start:ip:${input.client.ip}`, SSO_STARTS_PER_IP);
  if (limit.limited) {
    return {
      ok: false,
      reason: "address-limited",
      retryInMinutes: minutesUntil(limit.retryAfterMs),
    };
  }
  let configuration: oidc.Configuration;
  try {
    configuration = await providerConfiguration(setup);
  } catch (error) {
    logger.warn({ err: describe(error) }, "single sign-on: the identity provider can't be read");
    return { ok: false, reason: "provider-unreachable" };
  }
  const key = generateToken();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const codeVerifier = oidc.randomPKCECodeVerifier();
  await db.insert(ssoSignInAttempts).values({
    id: hashToken(key),
    state,
    nonce,
    codeVerifier,
    redirectTo: input.redirectTo,
    expiresAt: new Date(Date.now() + ATTEMPT_TTL_MS),
  });
  const location = oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: ssoCallbackUrl(),
    scope: "openid email profile",
    state,
    nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
  });
  return { ok: true, location: location.href, setCookie: attemptCookie(key, ATTEMPT_TTL_MS) };
}

export type SsoFinish = { setCookie: string } & (
  | { ok: true; sessionCookie: string; redirectTo: string }
  | { ok: false; reason: "not-configured" | "expired" | "provider-refused" | "unverified-email" }
  | Exclude<SsoPersonResult, { ok: true }>
);

/**
 * Completes a sign-in from the provider's callback: checks the answer (state, PKCE, the ID
 * token's issuer, audience, nonce, signature and expiry, all by openid-client), then finds the
 * person by their verified email and starts a session marked as single sign-on.
 */
export async function finishSsoSignIn(request: Request, client: ClientInfo): Promise<SsoFinish> {
  // Whatever happens next, this browser's attempt is spent.
  const setCookie = attemptCookie("", 0);
  const setup = ssoSetup();
  if (!setup) return { ok: false, reason: "not-configured", setCookie };
  const key = attemptKeyFrom(request);
  const [attempt] = key
    ? await db
        .delete(ssoSignInAttempts)
        .where(
          and(
            eq(ssoSignInAttempts.id, hashToken(key)),
            gt(ssoSignInAttempts.expiresAt, new Date()),
          ),
        )
        .returning()
    : [];
  if (!attempt) return { ok: false, reason: "expired", setCookie };

  const answer = new URL(ssoCallbackUrl());
  answer.search = new URL(request.url).search;
  let claims: {
    iss: string;
    sub: string;
    email?: unknown;
    email_verified?: unknown;
    name?: unknown;
  };
  try {
    const configuration = await providerConfiguration(setup);
    const tokens = await oidc.authorizationCodeGrant(configuration, answer, {
      pkceCodeVerifier: attempt.codeVerifier,
      expectedState: attempt.state,
      expectedNonce: attempt.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims();
    if (!idClaims) return { ok: false, reason: "provider-refused", setCookie };
    // Providers that keep the email out of the ID token give it at the userinfo endpoint,
    // checked against the ID token's subject.
    claims =
      idClaims.email === undefined
        ? {
            ...(await oidc.fetchUserInfo(configuration, tokens.access_token, idClaims.sub)),
            iss: idClaims.iss,
          }
        : idClaims;
  } catch (error) {
    logger.warn({ err: describe(error) }, "single sign-on: the provider's answer was refused");
    return { ok: false, reason: "provider-refused", setCookie };
  }

  const email = EmailSchema.safeParse(claims.email);
  if (claims.email_verified !== true || !email.success) {
    return { ok: false, reason: "unverified-email", setCookie };
  }
  const person = await findSsoPerson({
    issuer: claims.iss,
    subject: claims.sub,
    email: email.data,
    name: typeof claims.name === "string" ? claims.name : undefined,
  });
  if (!person.ok) return { ...person, setCookie };
  await recordSignIn(person.userId, true, client);
  const sessionCookie = await startSession(person.userId, client, "sso");
  return { ok: true, sessionCookie, redirectTo: attempt.redirectTo, setCookie };
}

function attemptCookie(value: string, maxAgeMs: number): string {
  const parts = [
    `${attemptCookieName()}=${value}`,
    "Path=/",
    "HttpOnly",
    // Lax: the provider sends the browser back with a top-level GET from its own site.
    "SameSite=Lax",
    `Max-Age=${Math.floor(maxAgeMs / 1000)}`,
  ];
  if (secureCookies()) parts.push("Secure");
  return parts.join("; ");
}

function attemptKeyFrom(request: Request): string | null {
  for (const part of (request.headers.get("Cookie") ?? "").split(";")) {
    const [name, value] = part.trim().split("=", 2);
    if (name === attemptCookieName() && value && value.length <= 100) return value;
  }
  return null;
}

/** An error as the log may keep it: its kind and message, never tokens or the answer's body. */
function describe(error: unknown) {
  if (!(error instanceof Error)) return { message: String(error) };
  const code = (error as { code?: unknown }).code;
  return { name: error.name, message: error.message.slice(0, 300), code };
}
