CREATE TABLE "account_activity_months" (
	"account_id" uuid NOT NULL,
	"month" date NOT NULL,
	"active_members" integer NOT NULL,
	"posts" integer NOT NULL,
	"ideas" integer NOT NULL,
	"replies" integer NOT NULL,
	"votes" integer NOT NULL,
	"reactions" integer NOT NULL,
	CONSTRAINT "account_activity_months_account_id_month_pk" PRIMARY KEY("account_id","month")
);
--> statement-breakpoint
CREATE TABLE "account_activity_recent" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"members" integer NOT NULL,
	"active_30" integer NOT NULL,
	"active_90" integer NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "account_activity_months" ADD CONSTRAINT "account_activity_months_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_activity_recent" ADD CONSTRAINT "account_activity_recent_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "post_reactions_created_idx" ON "post_reactions" USING btree ("created_at");--> statement-breakpoint
-- Enum values are compared as text: a function body is checked when it is created, and some of
-- these values were added in migrations that may run in the same transaction.
-- Each account's activity per month from `since`'s month on: its members' new threads (ideas
-- apart), replies, idea votes and reactions, and how many members did any of it. Removed posts do
-- not count; staff are not an account's activity.
CREATE FUNCTION refresh_account_activity(since date) RETURNS void LANGUAGE sql AS $$
  DELETE FROM account_activity_months
  WHERE month >= date_trunc('month', since::timestamp)::date;
  INSERT INTO account_activity_months (account_id, month, active_members, posts, ideas, replies,
    votes, reactions)
  SELECT u.account_id, e.month, count(DISTINCT e.user_id), sum(e.posts), sum(e.ideas),
    sum(e.replies), sum(e.votes), sum(e.reactions)
  FROM (
    SELECT p.author_id AS user_id,
      date_trunc('month', p.created_at AT TIME ZONE 'UTC')::date AS month,
      count(*) FILTER (WHERE p.position = 1 AND t.kind::text <> 'idea') AS posts,
      count(*) FILTER (WHERE p.position = 1 AND t.kind::text = 'idea') AS ideas,
      count(*) FILTER (WHERE p.position > 1) AS replies, 0 AS votes, 0 AS reactions
    FROM posts p JOIN threads t ON t.id = p.thread_id
    WHERE p.created_at >= date_trunc('month', since::timestamp) AT TIME ZONE 'UTC'
      AND p.deleted_at IS NULL AND p.moderation::text IS DISTINCT FROM 'removed'
    GROUP BY 1, 2
    UNION ALL
    SELECT v.user_id, date_trunc('month', v.created_at AT TIME ZONE 'UTC')::date, 0, 0, 0,
      count(*), 0
    FROM idea_votes v
    WHERE v.created_at >= date_trunc('month', since::timestamp) AT TIME ZONE 'UTC'
    GROUP BY 1, 2
    UNION ALL
    SELECT r.user_id, date_trunc('month', r.created_at AT TIME ZONE 'UTC')::date, 0, 0, 0, 0,
      count(*)
    FROM post_reactions r
    WHERE r.created_at >= date_trunc('month', since::timestamp) AT TIME ZONE 'UTC'
    GROUP BY 1, 2
  ) e
  JOIN users u ON u.id = e.user_id
  WHERE u.role::text = 'member' AND u.account_id IS NOT NULL
  GROUP BY u.account_id, e.month;
$$;
--> statement-breakpoint
-- Each account's members and how many did anything in the last 30 and 90 days.
CREATE FUNCTION refresh_account_activity_recent() RETURNS void LANGUAGE sql AS $$
  DELETE FROM account_activity_recent;
  INSERT INTO account_activity_recent (account_id, members, active_30, active_90)
  SELECT a.id, count(u.id),
    count(u.id) FILTER (WHERE l.last_at >= now() - interval '30 days'),
    count(u.id) FILTER (WHERE l.last_at >= now() - interval '90 days')
  FROM accounts a
  LEFT JOIN users u ON u.account_id = a.id AND u.role::text = 'member'
  LEFT JOIN (
    SELECT user_id, max(at) AS last_at FROM (
      SELECT author_id AS user_id, created_at AS at FROM posts
      WHERE created_at >= now() - interval '90 days' AND deleted_at IS NULL
        AND moderation::text IS DISTINCT FROM 'removed'
      UNION ALL
      SELECT user_id, created_at FROM idea_votes WHERE created_at >= now() - interval '90 days'
      UNION ALL
      SELECT user_id, created_at FROM post_reactions
      WHERE created_at >= now() - interval '90 days'
    ) recent
    GROUP BY user_id
  ) l ON l.user_id = u.id
  GROUP BY a.id;
$$;
--> statement-breakpoint
SELECT refresh_account_activity('-infinity'::date);
--> statement-breakpoint
SELECT refresh_account_activity_recent();
