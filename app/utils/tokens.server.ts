import { createHash, randomBytes } from "node:crypto";

/** A URL-safe secret with 256 bits of entropy, for links sent by email. */
export function generateToken(): string {
  return randomBytes(32).toString("base64url");
}

/** What we store instead of the token: a leaked row cannot be turned back into a working link. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
