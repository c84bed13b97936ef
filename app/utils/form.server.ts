import { parseWithZod } from "@conform-to/zod/v4";
import type { z } from "zod";
import { expectedFailure } from "./responses.server";

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];
// Our longest list field (tags, triage entries) takes a few hundred values; anything beyond this
// is not a person filling in a form.
const MAX_VALUES_PER_FIELD = 500;
// Every answer names the form it is about by its `intent` (a page with several forms tells
// them apart by it), whether or not that form's schema reads it.
const ALWAYS_KEPT = ["intent"];

/**
 * The body of a form post, or an expected failure: another kind of body (JSON, text) or one that
 * can't be read answers 415/400 with words, never a stack trace.
 */
export async function readFormData(request: Request): Promise<FormData> {
  const type = (request.headers.get("Content-Type") ?? "").split(";")[0].trim().toLowerCase();
  if (!FORM_TYPES.includes(type)) {
    throw expectedFailure("This address takes a form. Send it from the page's form.", {
      status: 415,
    });
  }
  try {
    return await request.formData();
  } catch {
    throw expectedFailure("We couldn't read that form. Reload the page and try again.", {
      status: 400,
    });
  }
}

/**
 * The one way an action reads a form: only the fields the schema names are kept (each at most
 * MAX_VALUES_PER_FIELD times) before anything is parsed. The form library expands names such as
 * `x[100000000]` or `a.a.a…` into arrays and objects and echoes every field back in its reply, so a
 * stray name could otherwise make one request build and send gigabytes.
 */
export async function parseSubmission<Schema extends z.ZodType>(request: Request, schema: Schema) {
  return parseKnownFields(await readFormData(request), schema);
}

/** `parseSubmission` for a form already read (an action that first reads its intent). */
export function parseKnownFields<Schema extends z.ZodType>(formData: FormData, schema: Schema) {
  return parseWithZod(onlyKnownFields(formData, fieldNames(schema)), { schema });
}

export function onlyKnownFields(formData: FormData, names: ReadonlySet<string>): FormData {
  const kept = new FormData();
  const counts = new Map<string, number>();
  for (const [name, value] of formData) {
    if (!names.has(name)) continue;
    const count = (counts.get(name) ?? 0) + 1;
    if (count > MAX_VALUES_PER_FIELD) continue;
    counts.set(name, count);
    kept.append(name, value);
  }
  return kept;
}

const namesBySchema = new WeakMap<object, ReadonlySet<string>>();

/**
 * The top-level field names a schema reads, through the wrappers forms use (unions of intents,
 * intersections, pipes and refinements, optional and default values).
 */
export function fieldNames(schema: z.ZodType): ReadonlySet<string> {
  let names = namesBySchema.get(schema);
  if (!names) {
    const found = new Set<string>();
    collectFieldNames(schema, found, 0);
    if (found.size === 0) throw new Error("A form schema must be an object of named fields.");
    for (const name of ALWAYS_KEPT) found.add(name);
    names = found;
    namesBySchema.set(schema, names);
  }
  return names;
}

type Definition = {
  type?: string;
  shape?: Record<string, unknown>;
  options?: unknown[];
  left?: unknown;
  right?: unknown;
  in?: unknown;
  out?: unknown;
  innerType?: unknown;
};

function collectFieldNames(schema: unknown, found: Set<string>, depth: number) {
  const definition = (schema as { _zod?: { def?: Definition } } | undefined)?._zod?.def;
  if (!definition || depth > 20) return;
  if (definition.type === "object" && definition.shape) {
    for (const name of Object.keys(definition.shape)) found.add(name);
    return;
  }
  const inner = [
    ...(definition.options ?? []),
    definition.left,
    definition.right,
    definition.in,
    definition.out,
    definition.innerType,
  ];
  for (const part of inner) if (part) collectFieldNames(part, found, depth + 1);
}
