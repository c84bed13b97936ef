import { createHmac, timingSafeEqual } from "node:crypto";
import type { NotificationKind } from "#db/schema";
import { NOTIFICATION_KINDS, UUID_PATTERN } from "#db/schema/values";
import { getEnv } from "~/env.server";
import { publicOrigin } from "~/utils/request.server";

/** What one link unsubscribes from: one kind of notification, or the daily digest. */
export type EmailTopic = NotificationKind | "digest";
export const EMAIL_TOPICS: readonly EmailTopic[] = [...NOTIFICATION_KINDS, "digest"];

// Names what the signature is for, so a signature made with the same secret for another purpose
// can never pass as an unsubscribe link.
const PURPOSE = "vanguard:unsubscribe:v1";
const MAC_LENGTH = 43; // 32 bytes of HMAC-SHA256 in base64url
const MAX_TOKEN_LENGTH = 200;
const UUID = new RegExp(`^${UUID_PATTERN}$`);
const MAC = /^[A-Za-z0-9_-]+$/;

function secret(): string {
  const { APP_SECRET } = getEnv();
  // The server does not start without one (app/http/app-secret.server.ts).
  if (!APP_SECRET) throw new Error("APP_SECRET is not set: unsubscribe links can't be signed");
  return APP_SECRET;
}

function mac(userId: string, topic: EmailTopic): string {
  return createHmac("sha256", secret())
    .update(`${PURPOSE}\n${userId}\n${topic}`)
    .digest("base64url");
}

/**
 * The token of a one-click unsubscribe link: the person and the topic it names, signed with the
 * app's secret, so it can't be made for anyone else or turned to another topic. It does not
 * expire and survives password changes on purpose: all it can do is stop emails, which is what
 * whoever holds that person's email may ask for (RFC 8058 asks for links that keep working).
 */
export function unsubscribeToken(userId: string, topic: EmailTopic): string {
  return `${userId}.${topic}.${mac(userId, topic)}`;
}

export function unsubscribeUrl(userId: string, topic: EmailTopic): string {
  return `${publicOrigin()}/unsubscribe/${unsubscribeToken(userId, topic)}`;
}

/** Who and what a token names, or null for anything this app did not sign just so. */
export function readUnsubscribeToken(token: string): { userId: string; topic: EmailTopic } | null {
  if (token.length > MAX_TOKEN_LENGTH) return null;
  const [userId, topic, signature, ...rest] = token.split(".");
  if (rest.length > 0 || !userId || !topic || !signature) return null;
  if (!UUID.test(userId) || !(EMAIL_TOPICS as readonly string[]).includes(topic)) return null;
  if (signature.length !== MAC_LENGTH || !MAC.test(signature)) return null;
  const expected = Buffer.from(mac(userId, topic as EmailTopic));
  const given = Buffer.from(signature);
  return timingSafeEqual(expected, given) ? { userId, topic: topic as EmailTopic } : null;
}
