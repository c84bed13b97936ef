/** The app's client at the test identity provider (oidc-provider.ts), as the app is configured. */
export const TEST_OIDC_CLIENT = {
  clientId: "vanguard-test",
  clientSecret: "vanguard-test-secret-0123456789abcdef",
};
