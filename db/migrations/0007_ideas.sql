CREATE TYPE "public"."idea_importance" AS ENUM('nice_to_have', 'important', 'critical');--> statement-breakpoint
CREATE TYPE "public"."idea_status" AS ENUM('open', 'under_review', 'planned', 'in_progress', 'shipped', 'declined');--> statement-breakpoint
ALTER TYPE "public"."thread_kind" ADD VALUE 'idea';--> statement-breakpoint
CREATE TABLE "idea_status_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"idea_id" uuid NOT NULL,
	"from_status" "idea_status" NOT NULL,
	"to_status" "idea_status" NOT NULL,
	"changed_by_id" uuid,
	"post_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idea_votes" (
	"idea_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"importance" "idea_importance" NOT NULL,
	"added_by_id" uuid,
	"proxy_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idea_votes_idea_id_user_id_pk" PRIMARY KEY("idea_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "ideas" (
	"thread_id" uuid PRIMARY KEY NOT NULL,
	"status" "idea_status" DEFAULT 'open' NOT NULL,
	"status_changed_at" timestamp with time zone,
	"vote_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ideas_vote_count_nonnegative" CHECK ("ideas"."vote_count" >= 0)
);
--> statement-breakpoint
ALTER TABLE "spaces" ADD COLUMN "ideas_enabled" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "show_votes" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "idea_status_changes" ADD CONSTRAINT "idea_status_changes_idea_id_ideas_thread_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."ideas"("thread_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_status_changes" ADD CONSTRAINT "idea_status_changes_changed_by_id_users_id_fk" FOREIGN KEY ("changed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_status_changes" ADD CONSTRAINT "idea_status_changes_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_votes" ADD CONSTRAINT "idea_votes_idea_id_ideas_thread_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."ideas"("thread_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_votes" ADD CONSTRAINT "idea_votes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_votes" ADD CONSTRAINT "idea_votes_added_by_id_users_id_fk" FOREIGN KEY ("added_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ideas" ADD CONSTRAINT "ideas_thread_id_threads_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."threads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idea_status_changes_idea_idx" ON "idea_status_changes" USING btree ("idea_id","created_at");--> statement-breakpoint
CREATE INDEX "idea_votes_user_idx" ON "idea_votes" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "idea_votes_created_idx" ON "idea_votes" USING btree ("idea_id","created_at");--> statement-breakpoint
CREATE INDEX "ideas_status_votes_idx" ON "ideas" USING btree ("status","vote_count" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "ideas_votes_idx" ON "ideas" USING btree ("vote_count" DESC NULLS LAST);