import { sql } from "drizzle-orm";
import {
  ideas,
  ideaVotes,
  proposalCoauthors,
  proposalEndorsements,
  proposals,
  spaces,
  threads,
  users,
  type IdeaImportance,
  type IdeaStatus,
  type ProposalStage,
} from "#db/schema";
import type { Viewer } from "~/auth/policy.server";
import { db } from "~/db.server";
import { requireAccountReader } from "./account-profile.server";
import { listItemsBackedByAccount } from "./backlog-demand.server";
import { threadVisibleTo } from "./space-access.server";

/**
 * What an account's people asked for and stand behind: the ideas they posted and voted for, the
 * proposals they wrote or endorsed, and the backlog items all of that is evidence for. Each list
 * is one query, filtered by the viewer's thread rule, and capped.
 */

export const CONTRIBUTIONS_SHOWN = 20;

export type AccountIdea = {
  threadId: string;
  title: string;
  status: IdeaStatus;
  voteCount: number;
  /** How many of the account's people posted or voted for it, and their strongest importance. */
  people: number;
  posted: boolean;
  importance: IdeaImportance | null;
};

export type AccountProposal = {
  threadId: string;
  title: string;
  stage: ProposalStage;
  endorsementCount: number;
  coauthors: number;
  endorsers: number;
};

export async function listAccountContributions(viewer: Viewer, accountId: string) {
  requireAccountReader(viewer);
  const visible = threadVisibleTo(viewer);
  const [ideaRows, proposalRows, backlogItems] = await Promise.all([
    db.execute<{
      thread_id: string;
      title: string;
      status: IdeaStatus;
      vote_count: number;
      people: number;
      posted: boolean;
      importance: IdeaImportance | null;
    }>(sql`
      with involved as (
        select ${threads.id} as thread_id, ${threads.authorId} as user_id, null::idea_importance as importance,
          true as posted
        from ${threads} join ${users} on ${users.id} = ${threads.authorId}
        where ${threads.kind} = 'idea' and ${users.accountId} = ${accountId} and ${users.role} = 'member'
        union all
        select ${ideaVotes.ideaId}, ${ideaVotes.userId}, ${ideaVotes.importance}, false
        from ${ideaVotes} join ${users} on ${users.id} = ${ideaVotes.userId}
        where ${users.accountId} = ${accountId} and ${users.role} = 'member'
      )
      select ${threads.id} as thread_id, ${threads.title} as title, ${ideas.status} as status,
        ${ideas.voteCount} as vote_count, count(distinct i.user_id)::int as people,
        bool_or(i.posted) as posted,
        (array_agg(i.importance order by case i.importance when 'critical' then 3
          when 'important' then 2 when 'nice_to_have' then 1 else 0 end desc))[1] as importance
      from involved i
      join ${threads} on ${threads.id} = i.thread_id
      join ${spaces} on ${spaces.id} = ${threads.spaceId}
      join ${ideas} on ${ideas.threadId} = ${threads.id}
      where ${visible}
      group by ${threads.id}, ${threads.title}, ${ideas.status}, ${ideas.voteCount}
      order by bool_or(i.posted) desc, count(distinct i.user_id) desc, ${ideas.voteCount} desc
      limit ${CONTRIBUTIONS_SHOWN}`),
    db.execute<{
      thread_id: string;
      title: string;
      stage: ProposalStage;
      endorsement_count: number;
      coauthors: number;
      endorsers: number;
    }>(sql`
      with involved as (
        select ${proposalCoauthors.threadId} as thread_id, ${proposalCoauthors.userId} as user_id,
          'coauthor' as way
        from ${proposalCoauthors} join ${users} on ${users.id} = ${proposalCoauthors.userId}
        where ${proposalCoauthors.status} = 'accepted' and ${users.accountId} = ${accountId}
          and ${users.role} = 'member'
        union all
        select ${proposalEndorsements.threadId}, ${proposalEndorsements.userId}, 'endorser'
        from ${proposalEndorsements} join ${users} on ${users.id} = ${proposalEndorsements.userId}
        where ${users.accountId} = ${accountId} and ${users.role} = 'member'
      )
      select ${threads.id} as thread_id, ${threads.title} as title, ${proposals.stage} as stage,
        ${proposals.endorsementCount} as endorsement_count,
        count(distinct i.user_id) filter (where i.way = 'coauthor')::int as coauthors,
        count(distinct i.user_id) filter (where i.way = 'endorser')::int as endorsers
      from involved i
      join ${threads} on ${threads.id} = i.thread_id
      join ${spaces} on ${spaces.id} = ${threads.spaceId}
      join ${proposals} on ${proposals.threadId} = ${threads.id}
      where ${visible}
      group by ${threads.id}, ${threads.title}, ${proposals.stage}, ${proposals.endorsementCount}
      order by count(*) filter (where i.way = 'coauthor') desc, ${proposals.endorsementCount} desc
      limit ${CONTRIBUTIONS_SHOWN}`),
    listItemsBackedByAccount(accountId, CONTRIBUTIONS_SHOWN),
  ]);
  const ideaList: AccountIdea[] = [...ideaRows].map((row) => ({
    threadId: row.thread_id,
    title: row.title,
    status: row.status,
    voteCount: row.vote_count,
    people: row.people,
    posted: row.posted,
    importance: row.importance,
  }));
  const proposalList: AccountProposal[] = [...proposalRows].map((row) => ({
    threadId: row.thread_id,
    title: row.title,
    stage: row.stage,
    endorsementCount: row.endorsement_count,
    coauthors: row.coauthors,
    endorsers: row.endorsers,
  }));
  return { ideas: ideaList, proposals: proposalList, backlogItems };
}
