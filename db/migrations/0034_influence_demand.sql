ALTER TABLE "backlog_items" ADD COLUMN "influence_weighted" double precision DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Edges are derived and rewritten by the next run: the earlier run's have no first interaction time.
TRUNCATE "influence_edges";--> statement-breakpoint
ALTER TABLE "influence_edges" ADD COLUMN "first_at" timestamp with time zone NOT NULL;--> statement-breakpoint
CREATE INDEX "posts_reply_to_idx" ON "posts" USING btree ("reply_to_post_id") WHERE "posts"."reply_to_post_id" is not null;
