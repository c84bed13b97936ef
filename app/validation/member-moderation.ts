import { z } from "zod";
import { storableString } from "./common";

/** How long a moderator's reason for silencing or suspending may be, and how short. */
export const MEMBER_MODERATION_REASON_MIN = 3;
export const MEMBER_MODERATION_REASON_MAX = 500;

/** The lengths a silence or suspension can be given for, as offered in the "For" select. */
export const MODERATION_DURATIONS = ["1h", "1d", "3d", "7d", "30d", "indefinite"] as const;
export type ModerationDuration = (typeof MODERATION_DURATIONS)[number];

export const moderationDurationLabels: Record<ModerationDuration, string> = {
  "1h": "1 hour",
  "1d": "1 day",
  "3d": "3 days",
  "7d": "7 days",
  "30d": "30 days",
  indefinite: "Until lifted",
};

const HOUR_MS = 60 * 60 * 1000;
const durationMs: Record<Exclude<ModerationDuration, "indefinite">, number> = {
  "1h": HOUR_MS,
  "1d": 24 * HOUR_MS,
  "3d": 3 * 24 * HOUR_MS,
  "7d": 7 * 24 * HOUR_MS,
  "30d": 30 * 24 * HOUR_MS,
};

/** When a silence or suspension given now for `duration` ends; null: until someone lifts it. */
export function untilFromDuration(duration: ModerationDuration, now = new Date()): Date | null {
  return duration === "indefinite" ? null : new Date(now.getTime() + durationMs[duration]);
}

const REASON_REQUIRED = "Say why: they read this, and it is kept in the log.";

export const MemberModerationReasonSchema = storableString({ error: REASON_REQUIRED })
  .trim()
  .min(MEMBER_MODERATION_REASON_MIN, REASON_REQUIRED)
  .max(MEMBER_MODERATION_REASON_MAX, `Use at most ${MEMBER_MODERATION_REASON_MAX} characters.`);

export const ModerationDurationSchema = z.enum(MODERATION_DURATIONS, {
  error: "Choose how long it lasts.",
});

/** Lifting early may say why (kept in the log); it needn't. */
const LiftReasonSchema = storableString()
  .trim()
  .max(MEMBER_MODERATION_REASON_MAX, `Use at most ${MEMBER_MODERATION_REASON_MAX} characters.`)
  .optional();

export const MemberModerationSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("silence"),
    reason: MemberModerationReasonSchema,
    duration: ModerationDurationSchema,
  }),
  z.object({
    intent: z.literal("suspend"),
    reason: MemberModerationReasonSchema,
    duration: ModerationDurationSchema,
  }),
  z.object({ intent: z.literal("lift-silence"), reason: LiftReasonSchema }),
  z.object({ intent: z.literal("lift-suspension"), reason: LiftReasonSchema }),
]);
export type MemberModerationInput = z.infer<typeof MemberModerationSchema>;
