import { z } from "zod";
import { STAFF_EXPORT_FORMATS, STAFF_EXPORT_KINDS } from "#db/schema/values";

export const StaffExportRequestSchema = z.object({
  kind: z.enum(STAFF_EXPORT_KINDS, { error: "Choose what to export." }),
  format: z.enum(STAFF_EXPORT_FORMATS, { error: "Choose CSV or JSON." }),
});
