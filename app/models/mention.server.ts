import { and, asc, eq, ilike, inArray, ne, or, sql } from "drizzle-orm";
import { spaces, users } from "#db/schema";
import { rolesWith } from "~/auth/policy.server";
import { db } from "~/db.server";
import { spaceVisibleToUsersRow } from "./space-access.server";

/** A handle, a name or a later word of the name starting with `query` (LIKE wildcards escaped). */
function nameStartsWith(query: string) {
  const prefix = `${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return or(
    ilike(users.handle, prefix),
    ilike(users.displayName, prefix),
    ilike(users.displayName, `% ${prefix}`),
  );
}

/**
 * People whose handle or name starts with `query` and who can see the space: mention candidates.
 * The writer is left out (mentioning yourself notifies nobody).
 */
export async function searchMentionCandidates(spaceId: string, query: string, writerId?: string) {
  return db
    .select({ id: users.id, handle: users.handle, displayName: users.displayName })
    .from(users)
    .innerJoin(spaces, eq(spaces.id, spaceId))
    .where(
      and(
        eq(users.status, "active"),
        writerId ? ne(users.id, writerId) : undefined,
        nameStartsWith(query),
        spaceVisibleToUsersRow(),
      ),
    )
    .orderBy(sql`lower(${users.handle}) = lower(${query}) desc`, asc(users.displayName))
    .limit(8);
}

/** Staff whose handle or name starts with `query`: who a note on a backlog item can mention. */
export async function searchStaffMentionCandidates(query: string, writerId: string) {
  return db
    .select({ id: users.id, handle: users.handle, displayName: users.displayName })
    .from(users)
    .where(
      and(
        eq(users.status, "active"),
        ne(users.id, writerId),
        inArray(users.role, rolesWith("write:internal-note:any")),
        nameStartsWith(query),
      ),
    )
    .orderBy(sql`lower(${users.handle}) = lower(${query}) desc`, asc(users.displayName))
    .limit(8);
}
