import { z } from "zod";
import { PageSchema } from "~/validation/common";

// Request parsing for reader pages lives in server-only modules, so those pages' browser bundles
// carry no validation library.

/** The `page` search parameter, 1 when missing or nonsense. */
export function pageParam(request: Request): number {
  return PageSchema.parse(new URL(request.url).searchParams.get("page") ?? undefined);
}

/** A uuid route parameter, or null. */
export function uuidParam(value: string | undefined): string | null {
  const parsed = z.uuid().safeParse(value);
  return parsed.success ? parsed.data : null;
}
