import type { ApiTokenScope } from "#db/schema";
import type { Viewer } from "./permissions.server";

/**
 * The scopes a person may give their own API tokens. A token never does more than its owner may
 * (every endpoint asks the policy for the owner as well); scopes only narrow it. Everyone may
 * read what they may read and write what they may write (a member their votes, staff proxy
 * votes); only admins run the admin endpoints.
 */
export function tokenScopesFor(viewer: Viewer): ApiTokenScope[] {
  return viewer.role === "admin" ? ["read", "write", "admin"] : ["read", "write"];
}
