import { z } from "zod";
import { API_TOKEN_SCOPES } from "#db/schema/values";
import { storableString } from "./common";

/** The lifetimes a token may be given, in days (mirrors TOKEN_LIFETIMES_DAYS in the model). */
export const TOKEN_LIFETIME_CHOICES = ["7", "30", "90", "365"] as const;

/** Making a token, or revoking one, on the API tokens page. */
export const ApiTokenActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("create"),
    name: storableString({ error: "Name the token after what will use it." })
      .trim()
      .min(1, "Name the token after what will use it.")
      .max(80, "Keep the name to 80 characters."),
    scopes: z
      .array(z.enum(API_TOKEN_SCOPES, { error: "Choose what the token may do." }), {
        error: "Choose what the token may do.",
      })
      .min(1, "Choose what the token may do.")
      .max(API_TOKEN_SCOPES.length),
    lifetime: z.enum(TOKEN_LIFETIME_CHOICES, { error: "Choose when the token expires." }),
    // Empty when a fresh sign-in through single sign-on confirms who it is (the server decides).
    password: z.string().max(1_000).default(""),
  }),
  z.object({ intent: z.literal("revoke"), tokenId: z.uuid({ error: "Choose a token." }) }),
]);
