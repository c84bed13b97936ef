import * as oidc from "openid-client";
import { getEnv } from "~/env.server";
import { publicOrigin } from "~/utils/request.server";

// The company's identity provider, as configured by environment variables: found once per
// process through its discovery document, and found again after a failure.

export type SsoSetup = {
  issuer: URL;
  clientId: string;
  clientSecret: string | undefined;
  /** How pages name it: "Sign in with …". */
  name: string;
};

/** The configured provider, or null when single sign-on is not set up. */
export function ssoSetup(): SsoSetup | null {
  const env = getEnv();
  if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID) return null;
  return {
    issuer: new URL(env.OIDC_ISSUER),
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    name: env.OIDC_NAME,
  };
}

let discovered: Promise<oidc.Configuration> | null = null;

/**
 * The provider's configuration from its discovery document. openid-client checks that the
 * document names the configured issuer, so a provider answering for another issuer is refused.
 */
export function providerConfiguration(setup: SsoSetup): Promise<oidc.Configuration> {
  discovered ??= oidc
    .discovery(
      setup.issuer,
      setup.clientId,
      setup.clientSecret,
      setup.clientSecret ? oidc.ClientSecretBasic(setup.clientSecret) : oidc.None(),
      {
        // Plain http only for a provider on this machine (development and tests).
        execute: isLoopback(setup.issuer) ? [oidc.allowInsecureRequests] : [],
        timeout: 10,
      },
    )
    .catch((error: unknown) => {
      discovered = null;
      throw error;
    });
  return discovered;
}

function isLoopback(url: URL): boolean {
  return ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
}

/** Where the provider sends people back: registered with the provider as the redirect URI. */
export function ssoCallbackUrl(): string {
  return `${publicOrigin()}/sso/callback`;
}
