import { z } from "zod";
import { crossFieldRule, EmailSchema, RoleSchema, storableString } from "./common";
import { VALUE_MEMBERSHIP_MODES } from "#db/schema/values";

const optionalText = (max: number, message: string) =>
  storableString()
    .trim()
    .max(max, message)
    .optional()
    .transform((value) => (value ? value : null));

/** Money typed by a person: "1,250,000", "$1250000.50". Stored as whole cents. */
export const MoneyAmountSchema = z
  .string({ error: "Enter an amount (0 if unknown)." })
  .trim()
  .min(1, "Enter an amount (0 if unknown).")
  .transform((value) => value.replace(/[$,\s]/g, ""))
  .pipe(
    z
      .string()
      .regex(/^\d{1,13}(\.\d{1,2})?$/, "Enter an amount in dollars, like 125000 or 125000.50."),
  )
  .transform((value) => Math.round(Number(value) * 100));

export const AccountSchema = z.object({
  name: storableString({ error: "Enter the account's name." })
    .trim()
    .min(1, "Enter the account's name.")
    .max(120, "Use at most 120 characters."),
  externalId: optionalText(120, "Use at most 120 characters."),
  segment: storableString().trim().max(60, "Use at most 60 characters.").default(""),
  revenue: MoneyAmountSchema,
  grossProfit: MoneyAmountSchema,
  lifetimeValue: MoneyAmountSchema,
  customerSince: z
    .string()
    .trim()
    .optional()
    .transform((value) => (value ? value : null))
    .pipe(
      z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter a date like 2021-03-15.")
        .refine((value) => !Number.isNaN(Date.parse(value)), "Enter a real date.")
        .refine((value) => Date.parse(value) <= Date.now(), "This date is in the future.")
        .nullable(),
    ),
});
export type AccountInput = z.infer<typeof AccountSchema>;

export const InviteSchema = z
  .object({
    email: EmailSchema,
    role: RoleSchema,
    accountId: z
      .string()
      .optional()
      .transform((value) => (value ? value : null))
      .pipe(z.uuid("Choose an account.").nullable()),
  })
  .refine(
    (value) => value.role !== "member" || value.accountId !== null,
    crossFieldRule({
      path: "accountId",
      reads: ["role", "accountId"],
      message: "Members belong to an account: choose one.",
    }),
  );

export const TierSettingsSchema = z
  .object({
    topTierPercent: z.coerce
      .number({ error: "Enter a percentage." })
      .gt(0, "Use a percentage above 0.")
      .max(50, "Use at most 50%."),
    highTierPercent: z.coerce
      .number({ error: "Enter a percentage." })
      .gt(0, "Use a percentage above 0.")
      .max(100, "Use at most 100%."),
  })
  .refine(
    (value) => value.topTierPercent < value.highTierPercent,
    crossFieldRule({
      path: "highTierPercent",
      reads: ["topTierPercent", "highTierPercent"],
      message: "The top tier must be a smaller share than the high tier.",
    }),
  );

/** The largest account file an import takes (the server lets its upload through, and no more). */
export const MAX_IMPORT_BYTES = 32 * 1024 * 1024;

export const AccountImportUploadSchema = z.object({
  file: z
    .instanceof(File, { error: "Choose a CSV file of accounts." })
    .refine((file) => file.size > 0, "Choose a CSV file of accounts: this one is empty.")
    .refine(
      (file) => file.size <= MAX_IMPORT_BYTES,
      "That file is larger than 32 MB. Split it into smaller files.",
    ),
});

export const AccountImportDecisionSchema = z.object({
  intent: z.enum(["apply", "discard"], { error: "Choose to apply or discard the import." }),
});

/** The value-based membership setting on the tiers page. */
export const ValueMembershipSchema = z.object({
  intent: z.literal("membership"),
  mode: z.enum(VALUE_MEMBERSHIP_MODES, { error: "Choose what happens." }),
});

/** A decision on the review page of prepared membership invitations. */
export const MembershipInvitationActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("send"), id: z.uuid("Choose an invitation.") }),
  z.object({ intent: z.literal("dismiss"), id: z.uuid("Choose an invitation.") }),
  z.object({ intent: z.literal("send-account"), accountId: z.uuid("Choose an account.") }),
]);

const fieldText = {
  label: storableString({ error: "Write the question, like “Your role”." })
    .trim()
    .min(1, "Write the question, like “Your role”.")
    .max(80, "Use at most 80 characters."),
  purpose: storableString({ error: "Say why you ask: members read it before they answer." })
    .trim()
    .min(1, "Say why you ask: members read it before they answer.")
    .max(300, "Use at most 300 characters."),
};

/** Adding a profile question, changing one, or retiring (and restoring) one. */
export const ProfileFieldActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("add"), ...fieldText }),
  z.object({ intent: z.literal("change"), fieldId: z.uuid(), ...fieldText }),
  z.object({ intent: z.literal("retire"), fieldId: z.uuid() }),
  z.object({ intent: z.literal("restore"), fieldId: z.uuid() }),
]);

/** Staff's changes to the peer benchmarks: add one, retire or restore one, import values. */
export const BenchmarkActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("add"),
    name: storableString({ error: "Name the benchmark, like “Seats in use”." })
      .trim()
      .min(1, "Name the benchmark, like “Seats in use”.")
      .max(80, "Use at most 80 characters."),
    description: storableString().trim().max(300, "Use at most 300 characters.").default(""),
    source: z.enum(["imported", "active_members_90d", "posts_90d", "ideas_shipped"], {
      error: "Choose where its figures come from.",
    }),
    unit: z.enum(["number", "percent", "currency"]).catch("number"),
    lowerIsBetter: z.literal("on").optional(),
  }),
  z.object({ intent: z.literal("retire"), metricId: z.uuid() }),
  z.object({ intent: z.literal("restore"), metricId: z.uuid() }),
  z.object({
    intent: z.literal("import"),
    metricId: z.uuid(),
    values: storableString({ error: "Paste one account and one value per line." })
      .min(1, "Paste one account and one value per line.")
      .max(1_000_000, "Paste at most 1 MB at a time."),
  }),
]);
