CREATE TYPE "public"."backlog_status" AS ENUM('triage', 'planned', 'in_progress', 'shipped', 'wont_do');--> statement-breakpoint
CREATE TYPE "public"."credit_choice" AS ENUM('named', 'anonymous', 'none');--> statement-breakpoint
CREATE TYPE "public"."evidence_kind" AS ENUM('thread', 'post', 'excerpt');--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'backlog_update';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'changelog_entry';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'credit_request';--> statement-breakpoint
CREATE TABLE "backlog_evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"kind" "evidence_kind" NOT NULL,
	"thread_id" uuid NOT NULL,
	"post_id" uuid,
	"quote" text,
	"added_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "backlog_item_tags" (
	"item_id" uuid NOT NULL,
	"tag_id" uuid NOT NULL,
	CONSTRAINT "backlog_item_tags_item_id_tag_id_pk" PRIMARY KEY("item_id","tag_id")
);
--> statement-breakpoint
CREATE TABLE "backlog_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"description" jsonb,
	"description_html" text DEFAULT '' NOT NULL,
	"description_text" text DEFAULT '' NOT NULL,
	"status" "backlog_status" DEFAULT 'triage' NOT NULL,
	"owner_id" uuid,
	"target" text DEFAULT '' NOT NULL,
	"external_url" text,
	"is_public" boolean DEFAULT false NOT NULL,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status_changed_at" timestamp with time zone,
	"shipped_at" timestamp with time zone,
	"member_count" integer DEFAULT 0 NOT NULL,
	"account_count" integer DEFAULT 0 NOT NULL,
	"revenue_cents" bigint DEFAULT 0 NOT NULL,
	"lifetime_value_cents" bigint DEFAULT 0 NOT NULL,
	"top1_revenue_cents" bigint DEFAULT 0 NOT NULL,
	"top10_revenue_cents" bigint DEFAULT 0 NOT NULL,
	"top1_account_count" integer DEFAULT 0 NOT NULL,
	"top10_account_count" integer DEFAULT 0 NOT NULL,
	"critical_count" integer DEFAULT 0 NOT NULL,
	"important_count" integer DEFAULT 0 NOT NULL,
	"nice_to_have_count" integer DEFAULT 0 NOT NULL,
	"weighted_score" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "backlog_status_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"from_status" "backlog_status" NOT NULL,
	"to_status" "backlog_status" NOT NULL,
	"changed_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "changelog_subscriptions" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "credit_consents" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"choice" "credit_choice",
	"asked_at" timestamp with time zone,
	"answered_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "internal_notes" ALTER COLUMN "thread_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ALTER COLUMN "thread_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ALTER COLUMN "post_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "internal_notes" ADD COLUMN "backlog_item_id" uuid;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "backlog_item_id" uuid;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "details" jsonb;--> statement-breakpoint
ALTER TABLE "backlog_evidence" ADD CONSTRAINT "backlog_evidence_item_id_backlog_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."backlog_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "backlog_evidence" ADD CONSTRAINT "backlog_evidence_thread_id_threads_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."threads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "backlog_evidence" ADD CONSTRAINT "backlog_evidence_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "backlog_evidence" ADD CONSTRAINT "backlog_evidence_added_by_id_users_id_fk" FOREIGN KEY ("added_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "backlog_item_tags" ADD CONSTRAINT "backlog_item_tags_item_id_backlog_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."backlog_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "backlog_item_tags" ADD CONSTRAINT "backlog_item_tags_tag_id_tags_id_fk" FOREIGN KEY ("tag_id") REFERENCES "public"."tags"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "backlog_items" ADD CONSTRAINT "backlog_items_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "backlog_items" ADD CONSTRAINT "backlog_items_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "backlog_status_changes" ADD CONSTRAINT "backlog_status_changes_item_id_backlog_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."backlog_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "backlog_status_changes" ADD CONSTRAINT "backlog_status_changes_changed_by_id_users_id_fk" FOREIGN KEY ("changed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "changelog_subscriptions" ADD CONSTRAINT "changelog_subscriptions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_consents" ADD CONSTRAINT "credit_consents_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "backlog_evidence_item_idx" ON "backlog_evidence" USING btree ("item_id","created_at");--> statement-breakpoint
CREATE INDEX "backlog_evidence_thread_idx" ON "backlog_evidence" USING btree ("thread_id");--> statement-breakpoint
CREATE INDEX "backlog_evidence_post_idx" ON "backlog_evidence" USING btree ("post_id");--> statement-breakpoint
CREATE UNIQUE INDEX "backlog_evidence_thread_key" ON "backlog_evidence" USING btree ("item_id","thread_id") WHERE "backlog_evidence"."kind" = 'thread';--> statement-breakpoint
CREATE UNIQUE INDEX "backlog_evidence_post_key" ON "backlog_evidence" USING btree ("item_id","post_id") WHERE "backlog_evidence"."kind" = 'post';--> statement-breakpoint
CREATE INDEX "backlog_item_tags_tag_idx" ON "backlog_item_tags" USING btree ("tag_id");--> statement-breakpoint
CREATE INDEX "backlog_items_status_idx" ON "backlog_items" USING btree ("status");--> statement-breakpoint
CREATE INDEX "backlog_items_weighted_idx" ON "backlog_items" USING btree ("weighted_score" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "backlog_items_members_idx" ON "backlog_items" USING btree ("member_count" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "backlog_items_shipped_idx" ON "backlog_items" USING btree ("shipped_at" DESC NULLS LAST) WHERE "backlog_items"."status" = 'shipped' and "backlog_items"."is_public";--> statement-breakpoint
CREATE INDEX "backlog_status_changes_item_idx" ON "backlog_status_changes" USING btree ("item_id","created_at");--> statement-breakpoint
ALTER TABLE "internal_notes" ADD CONSTRAINT "internal_notes_backlog_item_id_backlog_items_id_fk" FOREIGN KEY ("backlog_item_id") REFERENCES "public"."backlog_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_backlog_item_id_backlog_items_id_fk" FOREIGN KEY ("backlog_item_id") REFERENCES "public"."backlog_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "internal_notes_backlog_item_idx" ON "internal_notes" USING btree ("backlog_item_id","created_at");--> statement-breakpoint
CREATE INDEX "notifications_backlog_item_idx" ON "notifications" USING btree ("backlog_item_id");--> statement-breakpoint
ALTER TABLE "internal_notes" ADD CONSTRAINT "internal_notes_one_target" CHECK (("internal_notes"."thread_id" is null) <> ("internal_notes"."backlog_item_id" is null));--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_one_target" CHECK (("notifications"."post_id" is not null and "notifications"."thread_id" is not null and "notifications"."backlog_item_id" is null) or ("notifications"."post_id" is null and "notifications"."thread_id" is null and "notifications"."backlog_item_id" is not null));