CREATE TYPE "public"."coauthor_status" AS ENUM('invited', 'accepted', 'declined');--> statement-breakpoint
CREATE TYPE "public"."proposal_section" AS ENUM('problem', 'proposal', 'who_benefits', 'success_measures', 'open_questions');--> statement-breakpoint
CREATE TYPE "public"."proposal_stage" AS ENUM('draft', 'open', 'under_review', 'accepted', 'declined');--> statement-breakpoint
ALTER TYPE "public"."thread_kind" ADD VALUE 'proposal';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'proposal_invite';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'proposal_stage';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'proposal_comment';--> statement-breakpoint
CREATE TABLE "proposal_coauthors" (
	"thread_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"status" "coauthor_status" NOT NULL,
	"invited_by_id" uuid,
	"invited_at" timestamp with time zone DEFAULT now() NOT NULL,
	"responded_at" timestamp with time zone,
	CONSTRAINT "proposal_coauthors_thread_id_user_id_pk" PRIMARY KEY("thread_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "proposal_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"thread_id" uuid NOT NULL,
	"section" "proposal_section" NOT NULL,
	"parent_id" uuid,
	"author_id" uuid,
	"body" text NOT NULL,
	"quote" text,
	"revision" integer NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by_id" uuid,
	"outdated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proposal_editors" (
	"thread_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "proposal_editors_thread_id_user_id_pk" PRIMARY KEY("thread_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "proposal_endorsements" (
	"thread_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "proposal_endorsements_thread_id_user_id_pk" PRIMARY KEY("thread_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "proposal_revisions" (
	"thread_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"author_id" uuid,
	"title" text NOT NULL,
	"sections" jsonb NOT NULL,
	"changed" "proposal_section"[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "proposal_revisions_thread_id_revision_pk" PRIMARY KEY("thread_id","revision")
);
--> statement-breakpoint
CREATE TABLE "proposal_stage_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"thread_id" uuid NOT NULL,
	"from_stage" "proposal_stage" NOT NULL,
	"to_stage" "proposal_stage" NOT NULL,
	"actor_id" uuid,
	"rationale" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proposals" (
	"thread_id" uuid PRIMARY KEY NOT NULL,
	"stage" "proposal_stage" DEFAULT 'draft' NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"sections" jsonb NOT NULL,
	"sections_html" jsonb NOT NULL,
	"source_idea_id" uuid,
	"endorsement_count" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"stage_changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "proposal_coauthors" ADD CONSTRAINT "proposal_coauthors_thread_id_threads_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."threads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_coauthors" ADD CONSTRAINT "proposal_coauthors_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_coauthors" ADD CONSTRAINT "proposal_coauthors_invited_by_id_users_id_fk" FOREIGN KEY ("invited_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_comments" ADD CONSTRAINT "proposal_comments_thread_id_threads_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."threads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_comments" ADD CONSTRAINT "proposal_comments_parent_id_proposal_comments_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."proposal_comments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_comments" ADD CONSTRAINT "proposal_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_comments" ADD CONSTRAINT "proposal_comments_resolved_by_id_users_id_fk" FOREIGN KEY ("resolved_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_editors" ADD CONSTRAINT "proposal_editors_thread_id_threads_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."threads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_editors" ADD CONSTRAINT "proposal_editors_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_endorsements" ADD CONSTRAINT "proposal_endorsements_thread_id_threads_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."threads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_endorsements" ADD CONSTRAINT "proposal_endorsements_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_revisions" ADD CONSTRAINT "proposal_revisions_thread_id_threads_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."threads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_revisions" ADD CONSTRAINT "proposal_revisions_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_stage_changes" ADD CONSTRAINT "proposal_stage_changes_thread_id_threads_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."threads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_stage_changes" ADD CONSTRAINT "proposal_stage_changes_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_thread_id_threads_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."threads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_source_idea_id_threads_id_fk" FOREIGN KEY ("source_idea_id") REFERENCES "public"."threads"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "proposal_coauthors_user_idx" ON "proposal_coauthors" USING btree ("user_id","status");--> statement-breakpoint
CREATE INDEX "proposal_comments_thread_idx" ON "proposal_comments" USING btree ("thread_id","section","created_at");--> statement-breakpoint
CREATE INDEX "proposal_endorsements_user_idx" ON "proposal_endorsements" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "proposal_stage_changes_thread_idx" ON "proposal_stage_changes" USING btree ("thread_id","created_at");--> statement-breakpoint
CREATE INDEX "proposals_stage_updated_idx" ON "proposals" USING btree ("stage","updated_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "proposals_source_idea_idx" ON "proposals" USING btree ("source_idea_id");