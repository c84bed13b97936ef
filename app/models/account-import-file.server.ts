import { parse } from "csv-parse/sync";
import { z } from "zod";
import { EmailSchema, storableString } from "~/validation/common";
import { MAX_IMPORT_BYTES, MoneyAmountSchema } from "~/validation/admin";

/**
 * Reading an account CSV into validated rows and row-level problems, with no database: the file
 * is bounded before it is parsed, every record and cell after, and every problem names its line
 * and column so an admin can fix the file.
 */

export const MAX_IMPORT_ROWS = 200_000;
/** Problems kept for the preview; the count of all of them is kept too. */
export const MAX_IMPORT_PROBLEMS = 200;
const MAX_LIST_ITEMS = 50;

export type ImportProblem = { line: number; column: string; message: string };

export type ImportRow = {
  line: number;
  externalId: string;
  name: string;
  segment: string;
  region: string;
  revenueCents: number;
  grossProfitCents: number;
  lifetimeValueCents: number;
  customerSince: string | null;
  renewalDate: string | null;
  ownerEmail: string | null;
  acquisitionSource: string;
  firstProduct: string;
  products: string[];
  contactEmails: string[];
  asOf: string;
};

const text = (max: number) => storableString().trim().max(max, `Use at most ${max} characters.`);
const required = (max: number, what: string) => text(max).min(1, `Enter ${what}.`);

const DateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Write the date as YYYY-MM-DD, like 2026-03-31.")
  .refine((value) => !Number.isNaN(Date.parse(value)), "This is not a real date.");
const PastDateSchema = DateSchema.refine(
  (value) => Date.parse(value) <= Date.now(),
  "This date is in the future.",
);
const optionalDate = (schema: z.ZodType<string>) =>
  z.string().transform((value, context) => {
    if (!value) return null;
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      context.addIssue({ code: "custom", message: parsed.error.issues[0].message });
      return z.NEVER;
    }
    return parsed.data;
  });

/** A `;`-separated list, each item checked by `item`, at most MAX_LIST_ITEMS of them. */
const list = <T>(item: z.ZodType<T>) =>
  z.string().transform((value, context) => {
    const items = value
      .split(";")
      .map((part) => part.trim())
      .filter(Boolean);
    if (items.length > MAX_LIST_ITEMS) {
      context.addIssue({ code: "custom", message: `List at most ${MAX_LIST_ITEMS} items.` });
      return z.NEVER;
    }
    const out: T[] = [];
    for (const entry of items) {
      const parsed = item.safeParse(entry);
      if (!parsed.success) {
        context.addIssue({
          code: "custom",
          message: `“${entry.slice(0, 60)}”: ${parsed.error.issues[0].message}`,
        });
        return z.NEVER;
      }
      if (!out.includes(parsed.data)) out.push(parsed.data);
    }
    return out;
  });

/**
 * The columns a file may carry, by the header people write (case, spaces and dashes do not
 * matter), each with the check for its cells. The required ones identify an account and its
 * values; a column left out of the file leaves that field of existing accounts as it is.
 */
export const IMPORT_COLUMNS = {
  externalId: {
    headers: ["external_id", "external id", "id"],
    required: true,
    schema: required(120, "the account's id in your CRM"),
  },
  name: {
    headers: ["name", "account", "account_name"],
    required: true,
    schema: required(120, "the account's name"),
  },
  segment: { headers: ["segment"], required: false, schema: text(60) },
  region: { headers: ["region"], required: false, schema: text(60) },
  revenueCents: {
    headers: ["revenue", "revenue_12_months", "revenue_12m"],
    required: true,
    schema: MoneyAmountSchema,
  },
  grossProfitCents: { headers: ["gross_profit"], required: true, schema: MoneyAmountSchema },
  lifetimeValueCents: {
    headers: ["lifetime_value", "ltv"],
    required: true,
    schema: MoneyAmountSchema,
  },
  customerSince: {
    headers: ["customer_since"],
    required: false,
    schema: optionalDate(PastDateSchema),
  },
  renewalDate: { headers: ["renewal_date"], required: false, schema: optionalDate(DateSchema) },
  ownerEmail: {
    headers: ["account_owner", "owner", "owner_email"],
    required: false,
    schema: z.string().transform((value, context) => {
      if (!value.trim()) return null;
      const parsed = EmailSchema.safeParse(value);
      if (!parsed.success) {
        context.addIssue({ code: "custom", message: "Write the owner's email address." });
        return z.NEVER;
      }
      return parsed.data;
    }),
  },
  acquisitionSource: {
    headers: ["acquisition_source", "source"],
    required: false,
    schema: text(80),
  },
  firstProduct: {
    headers: ["first_product", "first_product_bought"],
    required: false,
    schema: text(80),
  },
  products: { headers: ["products"], required: false, schema: list(required(80, "a product")) },
  contactEmails: {
    headers: ["contact_emails", "contacts"],
    required: false,
    schema: list(EmailSchema),
  },
  asOf: { headers: ["as_of", "as_of_date"], required: true, schema: PastDateSchema },
} as const;

export type ImportField = keyof typeof IMPORT_COLUMNS;
const FIELDS = Object.keys(IMPORT_COLUMNS) as ImportField[];

/** The header as written, without case, spacing or a unit in brackets: "Revenue (12 months)". */
function headerKey(header: string): string {
  const open = header.indexOf("(");
  const bare =
    open === -1 ? header : `${header.slice(0, open)} ${header.slice(open + 1).replace(")", "")}`;
  return bare
    .trim()
    .toLowerCase()
    .split(/[\s_-]+/)
    .filter(Boolean)
    .join("_");
}

const FIELD_BY_HEADER = new Map<string, ImportField>(
  FIELDS.flatMap((field) =>
    IMPORT_COLUMNS[field].headers.map((header) => [headerKey(header), field] as const),
  ),
);

/** The name an admin knows a column by: its first header. */
export const columnName = (field: ImportField) => IMPORT_COLUMNS[field].headers[0];

export type ReadFile =
  | { ok: false; message: string }
  | {
      ok: true;
      rows: ImportRow[];
      /** The optional columns the file carries (required ones are always there). */
      columns: ImportField[];
      problems: ImportProblem[];
      problemCount: number;
      rowCount: number;
    };

/** Reads an account CSV: the whole file refused with a message, or its rows and problems. */
export function readAccountFile(content: string): ReadFile {
  if (Buffer.byteLength(content) > MAX_IMPORT_BYTES) {
    return { ok: false, message: "That file is larger than 32 MB. Split it into smaller files." };
  }
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(content, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: 64 * 1024,
      to: MAX_IMPORT_ROWS + 2,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const where = (error as { lines?: number }).lines;
    return {
      ok: false,
      message: `We couldn't read this file as CSV${where ? ` (near line ${where})` : ""}: check that it is saved as CSV and that every quoted value is closed.`,
    };
  }
  if (records.length === 0) return { ok: false, message: "That file is empty." };
  if (records.length > MAX_IMPORT_ROWS + 1) {
    return {
      ok: false,
      message: `That file has more than ${MAX_IMPORT_ROWS.toLocaleString("en-US")} accounts. Split it into smaller files.`,
    };
  }
  const header = records[0].record;
  const fieldAt: (ImportField | null)[] = header.map(
    (cell) => FIELD_BY_HEADER.get(headerKey(cell)) ?? null,
  );
  const missing = FIELDS.filter(
    (field) => IMPORT_COLUMNS[field].required && !fieldAt.includes(field),
  );
  if (missing.length > 0) {
    return {
      ok: false,
      message: `The first line must name the columns; missing: ${missing.map(columnName).join(", ")}.`,
    };
  }
  const repeated = fieldAt.find((field, index) => field && fieldAt.indexOf(field) !== index);
  if (repeated) return { ok: false, message: `The column ${columnName(repeated)} appears twice.` };

  const problems: ImportProblem[] = [];
  let problemCount = 0;
  const problem = (line: number, column: string, message: string) => {
    problemCount += 1;
    if (problems.length < MAX_IMPORT_PROBLEMS) problems.push({ line, column, message });
  };
  const rows: ImportRow[] = [];
  const lineByExternalId = new Map<string, number>();
  for (const { record, info } of records.slice(1)) {
    const line = info.lines;
    if (record.length !== header.length) {
      problem(line, "", `This line has ${record.length} values; the header has ${header.length}.`);
      continue;
    }
    const row: Partial<Record<ImportField, unknown>> = {};
    let valid = true;
    for (let index = 0; index < record.length; index++) {
      const field = fieldAt[index];
      if (!field) continue;
      const parsed = IMPORT_COLUMNS[field].schema.safeParse(record[index]);
      if (parsed.success) row[field] = parsed.data;
      else {
        valid = false;
        problem(line, columnName(field), parsed.error.issues[0].message);
      }
    }
    if (!valid) continue;
    const externalId = row.externalId as string;
    const earlier = lineByExternalId.get(externalId);
    if (earlier !== undefined) {
      problem(line, columnName("externalId"), `This id is already on line ${earlier}.`);
      continue;
    }
    lineByExternalId.set(externalId, line);
    rows.push({
      line,
      externalId,
      name: row.name as string,
      segment: (row.segment as string | undefined) ?? "",
      region: (row.region as string | undefined) ?? "",
      revenueCents: row.revenueCents as number,
      grossProfitCents: row.grossProfitCents as number,
      lifetimeValueCents: row.lifetimeValueCents as number,
      customerSince: (row.customerSince as string | null | undefined) ?? null,
      renewalDate: (row.renewalDate as string | null | undefined) ?? null,
      ownerEmail: (row.ownerEmail as string | null | undefined) ?? null,
      acquisitionSource: (row.acquisitionSource as string | undefined) ?? "",
      firstProduct: (row.firstProduct as string | undefined) ?? "",
      products: (row.products as string[] | undefined) ?? [],
      contactEmails: (row.contactEmails as string[] | undefined) ?? [],
      asOf: row.asOf as string,
    });
  }
  if (records.length === 1)
    return { ok: false, message: "That file has a header but no accounts." };
  return {
    ok: true,
    rows,
    columns: FIELDS.filter((field) => !IMPORT_COLUMNS[field].required && fieldAt.includes(field)),
    problems,
    problemCount,
    rowCount: records.length - 1,
  };
}
