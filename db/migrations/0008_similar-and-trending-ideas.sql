CREATE INDEX "posts_opening_search_idx" ON "posts" USING gin ("search") WHERE "posts"."position" = 1;--> statement-breakpoint
CREATE INDEX "threads_title_trgm_idx" ON "threads" USING gist ("title" gist_trgm_ops);--> statement-breakpoint
CREATE INDEX "idea_votes_recent_idx" ON "idea_votes" USING btree ("created_at","idea_id");