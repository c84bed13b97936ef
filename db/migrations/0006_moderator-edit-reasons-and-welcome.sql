ALTER TABLE "community_settings" ADD COLUMN "welcome_thread_id" uuid;--> statement-breakpoint
ALTER TABLE "post_revisions" ADD COLUMN "reason" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "welcome_dismissed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "community_settings" ADD CONSTRAINT "community_settings_welcome_thread_id_threads_id_fk" FOREIGN KEY ("welcome_thread_id") REFERENCES "public"."threads"("id") ON DELETE set null ON UPDATE no action;