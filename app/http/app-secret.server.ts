import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export const MIN_APP_SECRET_LENGTH = 32;

export const MISSING_APP_SECRET =
  "APP_SECRET is not set. It signs the one-click unsubscribe links in emails, and every app " +
  "process must share it: set it to a long random string, e.g. `openssl rand -hex 32`.";

/**
 * Makes sure APP_SECRET is set before the app starts, and says why not when it can't be.
 *
 * The secret signs links that work without signing in (the one-click unsubscribe in every
 * notification email), so every process of one deployment must hold the same one and it must
 * outlive restarts, or yesterday's emails stop working. A production server on a configured
 * database may be one of many processes, so it must be given one; nothing is made up for it.
 * The zero-config demo and development (one process, its data in `.data/`) keep a secret
 * generated on first start in `.data/app-secret`, beside the embedded database it goes with.
 */
export function ensureAppSecret(options: {
  production: boolean;
  databaseConfigured: boolean;
  file?: string;
}): { ok: true; generated: boolean } | { ok: false; message: string } {
  const given = process.env.APP_SECRET;
  if (given !== undefined && given !== "") {
    return given.length >= MIN_APP_SECRET_LENGTH
      ? { ok: true, generated: false }
      : { ok: false, message: `APP_SECRET must be at least ${MIN_APP_SECRET_LENGTH} characters.` };
  }
  if (options.production && options.databaseConfigured) {
    return { ok: false, message: MISSING_APP_SECRET };
  }
  const file = options.file ?? path.resolve(".data/app-secret");
  process.env.APP_SECRET = readOrCreateSecret(file);
  return { ok: true, generated: true };
}

function readOrCreateSecret(file: string): string {
  try {
    const kept = readFileSync(file, "utf8").trim();
    if (kept.length >= MIN_APP_SECRET_LENGTH) return kept;
  } catch {
    // Not there yet: made below.
  }
  const secret = randomBytes(32).toString("hex");
  mkdirSync(path.dirname(file), { recursive: true });
  // Readable by this user only: whoever reads it can unsubscribe anyone.
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
