import { z } from "zod";
import type { AuditLogFilter } from "~/models/audit.server";
import { AUDIT_CATEGORIES } from "~/utils/audit-labels";
import { PageSchema, storableString } from "~/validation/common";

const text = (max: number) => storableString().trim().max(max).optional().catch(undefined);
const day = z.iso
  .date()
  .refine((value) => value >= "1000-01-01")
  .optional()
  .catch(undefined);

// Server-only so the page ships no validation library; anything odd falls back to the default,
// so a hand-edited address shows the whole log instead of an error.
export const AuditLogQuerySchema = z.object({
  /** The handle of the person who acted. */
  actor: text(40),
  kind: z.enum(AUDIT_CATEGORIES).optional().catch(undefined),
  /** What the entries are about (from "see the log for this" links), e.g. post + its id. */
  type: z
    .string()
    .regex(/^[a-z_]{1,40}$/)
    .optional()
    .catch(undefined),
  target: z
    .string()
    .regex(/^[\w.:-]{1,100}$/)
    .optional()
    .catch(undefined),
  from: day,
  to: day,
  /** Text the reason contains. */
  q: text(200),
  page: PageSchema,
});

export type AuditLogQuery = z.infer<typeof AuditLogQuerySchema>;

export function readAuditLogQuery(request: Request): {
  query: AuditLogQuery;
  modelQuery: AuditLogFilter;
} {
  const query = AuditLogQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  // Two days the wrong way round mean the span between them.
  const [from, to] =
    query.from && query.to && query.from > query.to
      ? [query.to, query.from]
      : [query.from, query.to];
  return {
    query,
    modelQuery: {
      actor: query.actor?.replace(/^@/, "") || undefined,
      action: query.kind,
      targetType: query.type,
      targetId: query.target,
      from,
      to,
      reason: query.q || undefined,
      page: query.page,
    },
  };
}
