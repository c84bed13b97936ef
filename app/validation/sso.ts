import { z } from "zod";
import { CheckboxSchema } from "./common";

/** Admin, Sign-in: who signs in through the company's identity provider. */
export const SsoSettingsSchema = z.object({
  staffSsoRequired: CheckboxSchema,
  memberSsoAllowed: CheckboxSchema,
});
