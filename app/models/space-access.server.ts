import { sql, type SQL } from "drizzle-orm";
import { accountTiers, spaceMembers, spaces, users } from "#db/schema";
import { can, rolesWith, type Viewer } from "~/auth/policy.server";

type Person = { id: SQL; role: SQL; accountId: SQL };

/**
 * The one rule for who sees a space, as SQL over the `spaces` table, for a person given as SQL
 * expressions, so lists, counts, search and notification recipients are all filtered inside the
 * database by the same words. Seeing a space also means posting in it. Staff and admins see all.
 */
function visibleToPerson(person: Person): SQL {
  return sql`(
    ${person.role} in ${rolesWith("read:space:any")}
    or ${spaces.visibility} = 'members'
    or (${spaces.visibility} = 'tier' and exists (
      select 1 from ${accountTiers}
      where ${accountTiers.accountId} = ${person.accountId}
        and (${accountTiers.tier} = 'top1' or (${spaces.minTier} = 'top10' and ${accountTiers.tier} = 'top10'))
    ))
    or (${spaces.visibility} = 'private' and exists (
      select 1 from ${spaceMembers}
      where ${spaceMembers.spaceId} = ${spaces.id} and ${spaceMembers.userId} = ${person.id}
    ))
  )`;
}

export function spaceVisibleTo(viewer: Viewer): SQL {
  if (can(viewer, "read:space:any")) return sql`true`;
  return visibleToPerson({
    id: sql`${viewer.id}::uuid`,
    role: sql`${viewer.role}::user_role`,
    accountId: sql`${viewer.accountId}::uuid`,
  });
}

/** The same rule for every row of `users` in the query (e.g. choosing who to notify). */
export function spaceVisibleToUsersRow(): SQL {
  return visibleToPerson({
    id: sql`${users.id}`,
    role: sql`${users.role}`,
    accountId: sql`${users.accountId}`,
  });
}
