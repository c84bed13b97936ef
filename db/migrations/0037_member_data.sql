CREATE TYPE "public"."data_export_state" AS ENUM('queued', 'building', 'ready', 'failed');--> statement-breakpoint
CREATE TYPE "public"."field_visibility" AS ENUM('self', 'staff', 'members');--> statement-breakpoint
CREATE TYPE "public"."benchmark_source" AS ENUM('imported', 'community');--> statement-breakpoint
CREATE TYPE "public"."benchmark_unit" AS ENUM('number', 'percent', 'currency');--> statement-breakpoint
CREATE TYPE "public"."community_benchmark" AS ENUM('active_members_90d', 'posts_90d', 'ideas_shipped');--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'data_export_ready';--> statement-breakpoint
CREATE TABLE "data_export_files" (
	"export_id" uuid PRIMARY KEY NOT NULL,
	"content" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "data_exports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"state" "data_export_state" DEFAULT 'queued' NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"byte_size" integer
);
--> statement-breakpoint
CREATE TABLE "profile_field_values" (
	"user_id" uuid NOT NULL,
	"field_id" uuid NOT NULL,
	"value" text NOT NULL,
	"visibility" "field_visibility" DEFAULT 'self' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "profile_field_values_user_id_field_id_pk" PRIMARY KEY("user_id","field_id"),
	CONSTRAINT "profile_field_values_length" CHECK (char_length("profile_field_values"."value") between 1 and 500)
);
--> statement-breakpoint
CREATE TABLE "profile_fields" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"label" text NOT NULL,
	"purpose" text NOT NULL,
	"position" smallint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retired_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "account_metric_values" (
	"metric_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"value" double precision NOT NULL,
	"as_of" date NOT NULL,
	CONSTRAINT "account_metric_values_metric_id_account_id_pk" PRIMARY KEY("metric_id","account_id")
);
--> statement-breakpoint
CREATE TABLE "benchmark_cohorts" (
	"metric_id" uuid NOT NULL,
	"segment" text,
	"accounts" integer NOT NULL,
	"p25" double precision NOT NULL,
	"median" double precision NOT NULL,
	"p75" double precision NOT NULL,
	CONSTRAINT "benchmark_cohorts_key" UNIQUE NULLS NOT DISTINCT("metric_id","segment")
);
--> statement-breakpoint
CREATE TABLE "benchmark_metrics" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"source" "benchmark_source" NOT NULL,
	"community" "community_benchmark",
	"unit" "benchmark_unit" DEFAULT 'number' NOT NULL,
	"higher_is_better" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retired_at" timestamp with time zone,
	CONSTRAINT "benchmark_metrics_source" CHECK (("benchmark_metrics"."source" = 'community') = ("benchmark_metrics"."community" is not null))
);
--> statement-breakpoint
CREATE TABLE "benchmark_standings" (
	"metric_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"value" double precision NOT NULL,
	"segment_below" integer NOT NULL,
	"all_below" integer NOT NULL,
	CONSTRAINT "benchmark_standings_account_id_metric_id_pk" PRIMARY KEY("account_id","metric_id")
);
--> statement-breakpoint
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_one_target";--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "deleted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "data_export_files" ADD CONSTRAINT "data_export_files_export_id_data_exports_id_fk" FOREIGN KEY ("export_id") REFERENCES "public"."data_exports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_exports" ADD CONSTRAINT "data_exports_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "profile_field_values" ADD CONSTRAINT "profile_field_values_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "profile_field_values" ADD CONSTRAINT "profile_field_values_field_id_profile_fields_id_fk" FOREIGN KEY ("field_id") REFERENCES "public"."profile_fields"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_metric_values" ADD CONSTRAINT "account_metric_values_metric_id_benchmark_metrics_id_fk" FOREIGN KEY ("metric_id") REFERENCES "public"."benchmark_metrics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_metric_values" ADD CONSTRAINT "account_metric_values_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benchmark_cohorts" ADD CONSTRAINT "benchmark_cohorts_metric_id_benchmark_metrics_id_fk" FOREIGN KEY ("metric_id") REFERENCES "public"."benchmark_metrics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benchmark_standings" ADD CONSTRAINT "benchmark_standings_metric_id_benchmark_metrics_id_fk" FOREIGN KEY ("metric_id") REFERENCES "public"."benchmark_metrics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benchmark_standings" ADD CONSTRAINT "benchmark_standings_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "data_exports_user_idx" ON "data_exports" USING btree ("user_id","requested_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "post_reactions_user_idx" ON "post_reactions" USING btree ("user_id");--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_one_target" CHECK (("notifications"."post_id" is not null and "notifications"."thread_id" is not null and "notifications"."backlog_item_id" is null and "notifications"."notice_id" is null) or ("notifications"."post_id" is null and "notifications"."thread_id" is null and "notifications"."backlog_item_id" is not null and "notifications"."notice_id" is null) or ("notifications"."post_id" is null and "notifications"."thread_id" is null and "notifications"."backlog_item_id" is null and "notifications"."notice_id" is not null) or ("notifications"."kind"::text in ('membership_change', 'data_export_ready') and "notifications"."post_id" is null and "notifications"."thread_id" is null and "notifications"."backlog_item_id" is null and "notifications"."notice_id" is null));