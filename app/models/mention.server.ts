import { and, asc, eq, ilike, ne, or, sql } from "drizzle-orm";
import { spaces, users } from "#db/schema";
import { db } from "~/db.server";
import { spaceVisibleToUsersRow } from "./space-access.server";

/**
 * People whose handle or name starts with `query` and who can see the space: mention candidates.
 * The writer is left out (mentioning yourself notifies nobody).
 */
export async function searchMentionCandidates(spaceId: string, query: string, writerId?: string) {
  const prefix = `${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .select({ id: users.id, handle: users.handle, displayName: users.displayName })
    .from(users)
    .innerJoin(spaces, eq(spaces.id, spaceId))
    .where(
      and(
        eq(users.status, "active"),
        writerId ? ne(users.id, writerId) : undefined,
        or(
          ilike(users.handle, prefix),
          ilike(users.displayName, prefix),
          ilike(users.displayName, `% ${prefix}`),
        ),
        spaceVisibleToUsersRow(),
      ),
    )
    .orderBy(sql`lower(${users.handle}) = lower(${query}) desc`, asc(users.displayName))
    .limit(8);
}
