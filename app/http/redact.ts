// Reset and invitation links carry a sign-in capability in their last path segment, and an
// unsubscribe link the power to change someone's email settings, and a private feed address
// the power to read as its member. Anything that writes a URL to a
// log passes it through here first, whether it is a path, a full URL or a redirectTo inside a
// query string (where the slashes are percent-encoded).
const SECRET_SEGMENT = /(\/|%2F)(reset-password|invitations|unsubscribe|feeds)(\/|%2F)[^/?#&%]+/gi;

// The identity provider's answer (an authorization code and a state) rides in the callback's query.
const SSO_CALLBACK_QUERY = /(\/sso\/callback)\?[^#]*/gi;

export function redactSecrets(url: string): string {
  return url
    .replace(SECRET_SEGMENT, "$1$2$3[redacted]")
    .replace(SSO_CALLBACK_QUERY, "$1?[redacted]");
}
