CREATE TABLE "idea_merge_votes" (
	"merge_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"importance" "idea_importance" NOT NULL,
	"added_by_id" uuid,
	"proxy_note" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"target_importance_before" "idea_importance",
	CONSTRAINT "idea_merge_votes_merge_id_user_id_pk" PRIMARY KEY("merge_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "idea_merges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"from_idea_id" uuid NOT NULL,
	"into_idea_id" uuid NOT NULL,
	"merged_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"undone_at" timestamp with time zone,
	"undone_by_id" uuid
);
--> statement-breakpoint
ALTER TABLE "ideas" ADD COLUMN "merged_into_id" uuid;--> statement-breakpoint
ALTER TABLE "idea_merge_votes" ADD CONSTRAINT "idea_merge_votes_merge_id_idea_merges_id_fk" FOREIGN KEY ("merge_id") REFERENCES "public"."idea_merges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_merge_votes" ADD CONSTRAINT "idea_merge_votes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_merge_votes" ADD CONSTRAINT "idea_merge_votes_added_by_id_users_id_fk" FOREIGN KEY ("added_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_merges" ADD CONSTRAINT "idea_merges_from_idea_id_ideas_thread_id_fk" FOREIGN KEY ("from_idea_id") REFERENCES "public"."ideas"("thread_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_merges" ADD CONSTRAINT "idea_merges_into_idea_id_ideas_thread_id_fk" FOREIGN KEY ("into_idea_id") REFERENCES "public"."ideas"("thread_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_merges" ADD CONSTRAINT "idea_merges_merged_by_id_users_id_fk" FOREIGN KEY ("merged_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_merges" ADD CONSTRAINT "idea_merges_undone_by_id_users_id_fk" FOREIGN KEY ("undone_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idea_merges_from_idx" ON "idea_merges" USING btree ("from_idea_id");--> statement-breakpoint
CREATE INDEX "idea_merges_into_idx" ON "idea_merges" USING btree ("into_idea_id");--> statement-breakpoint
ALTER TABLE "ideas" ADD CONSTRAINT "ideas_merged_into_id_ideas_thread_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."ideas"("thread_id") ON DELETE set null ON UPDATE no action;