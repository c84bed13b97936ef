CREATE TYPE "public"."content_moderation" AS ENUM('held', 'hidden', 'removed');--> statement-breakpoint
CREATE TYPE "public"."appeal_status" AS ENUM('open', 'answered', 'closed');--> statement-breakpoint
CREATE TYPE "public"."flag_reason" AS ENUM('spam', 'abusive', 'off_topic', 'confidential', 'other');--> statement-breakpoint
CREATE TYPE "public"."flag_status" AS ENUM('open', 'upheld', 'dismissed');--> statement-breakpoint
CREATE TYPE "public"."flag_target_type" AS ENUM('post', 'thread', 'user');--> statement-breakpoint
CREATE TYPE "public"."review_status" AS ENUM('pending', 'resolved');--> statement-breakpoint
CREATE TYPE "public"."watched_word_action" AS ENUM('block', 'hold');--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'moderation_notice';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'appeal_reply';--> statement-breakpoint
CREATE TABLE "flags" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"review_id" uuid NOT NULL,
	"flagger_id" uuid NOT NULL,
	"reason" "flag_reason" NOT NULL,
	"note" text,
	"status" "flag_status" DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "moderation_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"action" text NOT NULL,
	"reason" text NOT NULL,
	"post_id" uuid,
	"thread_id" uuid,
	"subject" text NOT NULL,
	"actor_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"appeal_status" "appeal_status",
	"appeal_updated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "moderation_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"target_key" text NOT NULL,
	"target_type" "flag_target_type" NOT NULL,
	"post_id" uuid,
	"thread_id" uuid,
	"subject_user_id" uuid,
	"status" "review_status" DEFAULT 'pending' NOT NULL,
	"held_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_activity_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by_id" uuid,
	"resolution" text
);
--> statement-breakpoint
CREATE TABLE "notice_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"notice_id" uuid NOT NULL,
	"author_id" uuid,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_visit_days" (
	"user_id" uuid NOT NULL,
	"day" date NOT NULL,
	CONSTRAINT "user_visit_days_user_id_day_pk" PRIMARY KEY("user_id","day")
);
--> statement-breakpoint
CREATE TABLE "watched_words" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"phrase" text NOT NULL,
	"action" "watched_word_action" NOT NULL,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_one_target";--> statement-breakpoint
ALTER TABLE "community_settings" ADD COLUMN "flags_to_hide" integer DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE "posts" ADD COLUMN "moderation" "content_moderation";--> statement-breakpoint
ALTER TABLE "posts" ADD COLUMN "moderation_reason" text;--> statement-breakpoint
ALTER TABLE "posts" ADD COLUMN "moderated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "threads" ADD COLUMN "moderation" "content_moderation";--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "notice_id" uuid;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "trust_level" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "silenced_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "silenced_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "silence_reason" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "suspended_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "suspension_reason" text;--> statement-breakpoint
ALTER TABLE "flags" ADD CONSTRAINT "flags_review_id_moderation_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."moderation_reviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flags" ADD CONSTRAINT "flags_flagger_id_users_id_fk" FOREIGN KEY ("flagger_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_notices" ADD CONSTRAINT "moderation_notices_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_notices" ADD CONSTRAINT "moderation_notices_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_notices" ADD CONSTRAINT "moderation_notices_thread_id_threads_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."threads"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_notices" ADD CONSTRAINT "moderation_notices_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_reviews" ADD CONSTRAINT "moderation_reviews_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_reviews" ADD CONSTRAINT "moderation_reviews_thread_id_threads_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."threads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_reviews" ADD CONSTRAINT "moderation_reviews_subject_user_id_users_id_fk" FOREIGN KEY ("subject_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_reviews" ADD CONSTRAINT "moderation_reviews_resolved_by_id_users_id_fk" FOREIGN KEY ("resolved_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_messages" ADD CONSTRAINT "notice_messages_notice_id_moderation_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."moderation_notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_messages" ADD CONSTRAINT "notice_messages_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_visit_days" ADD CONSTRAINT "user_visit_days_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "watched_words" ADD CONSTRAINT "watched_words_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "flags_review_flagger_key" ON "flags" USING btree ("review_id","flagger_id");--> statement-breakpoint
CREATE INDEX "flags_flagger_idx" ON "flags" USING btree ("flagger_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "moderation_notices_user_idx" ON "moderation_notices" USING btree ("user_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "moderation_notices_open_appeals_idx" ON "moderation_notices" USING btree ("appeal_updated_at" DESC NULLS LAST) WHERE "moderation_notices"."appeal_status" = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX "moderation_reviews_pending_target_key" ON "moderation_reviews" USING btree ("target_key") WHERE "moderation_reviews"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "moderation_reviews_pending_idx" ON "moderation_reviews" USING btree ("last_activity_at" DESC NULLS LAST) WHERE "moderation_reviews"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "moderation_reviews_subject_idx" ON "moderation_reviews" USING btree ("subject_user_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "notice_messages_notice_idx" ON "notice_messages" USING btree ("notice_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "watched_words_phrase_key" ON "watched_words" USING btree ("phrase");--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_notice_id_moderation_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."moderation_notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notifications_notice_idx" ON "notifications" USING btree ("notice_id");--> statement-breakpoint
ALTER TABLE "community_settings" ADD CONSTRAINT "community_settings_flags_to_hide" CHECK ("community_settings"."flags_to_hide" between 1 and 50);--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_one_target" CHECK (("notifications"."post_id" is not null and "notifications"."thread_id" is not null and "notifications"."backlog_item_id" is null and "notifications"."notice_id" is null) or ("notifications"."post_id" is null and "notifications"."thread_id" is null and "notifications"."backlog_item_id" is not null and "notifications"."notice_id" is null) or ("notifications"."post_id" is null and "notifications"."thread_id" is null and "notifications"."backlog_item_id" is null and "notifications"."notice_id" is not null));--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_trust_level_range" CHECK ("users"."trust_level" between 0 and 3);