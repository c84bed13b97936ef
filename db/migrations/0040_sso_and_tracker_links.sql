CREATE TYPE "public"."tracker_kind" AS ENUM('jira', 'linear');--> statement-breakpoint
CREATE TABLE "sso_identities" (
	"issuer" text NOT NULL,
	"subject" text NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sso_identities_issuer_subject_pk" PRIMARY KEY("issuer","subject")
);
--> statement-breakpoint
CREATE TABLE "sso_sign_in_attempts" (
	"id" text PRIMARY KEY NOT NULL,
	"state" text NOT NULL,
	"nonce" text NOT NULL,
	"code_verifier" text NOT NULL,
	"redirect_to" text DEFAULT '/' NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tracker_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"integration_id" uuid NOT NULL,
	"delivery_id" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"issue_key" text,
	"issue_status" text,
	"outcome" text NOT NULL,
	"detail" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tracker_integrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "tracker_kind" NOT NULL,
	"name" text NOT NULL,
	"site_url" text NOT NULL,
	"secret" text NOT NULL,
	"status_map" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"owner_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "community_settings" ADD COLUMN "staff_sso_required" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "community_settings" ADD COLUMN "member_sso_allowed" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "method" text DEFAULT 'password' NOT NULL;--> statement-breakpoint
ALTER TABLE "backlog_items" ADD COLUMN "tracker_integration_id" uuid;--> statement-breakpoint
ALTER TABLE "backlog_items" ADD COLUMN "tracker_issue_key" text;--> statement-breakpoint
ALTER TABLE "backlog_items" ADD COLUMN "tracker_issue_title" text;--> statement-breakpoint
ALTER TABLE "backlog_items" ADD COLUMN "tracker_issue_status" text;--> statement-breakpoint
ALTER TABLE "backlog_items" ADD COLUMN "tracker_synced_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sso_identities" ADD CONSTRAINT "sso_identities_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracker_deliveries" ADD CONSTRAINT "tracker_deliveries_integration_id_tracker_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."tracker_integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracker_integrations" ADD CONSTRAINT "tracker_integrations_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sso_identities_user_idx" ON "sso_identities" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sso_sign_in_attempts_expires_idx" ON "sso_sign_in_attempts" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "tracker_deliveries_delivery_idx" ON "tracker_deliveries" USING btree ("integration_id","delivery_id");--> statement-breakpoint
CREATE INDEX "tracker_deliveries_received_idx" ON "tracker_deliveries" USING btree ("integration_id","received_at" DESC NULLS LAST);--> statement-breakpoint
ALTER TABLE "backlog_items" ADD CONSTRAINT "backlog_items_tracker_integration_id_tracker_integrations_id_fk" FOREIGN KEY ("tracker_integration_id") REFERENCES "public"."tracker_integrations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "backlog_items_tracker_issue_idx" ON "backlog_items" USING btree ("tracker_integration_id","tracker_issue_key") WHERE "backlog_items"."tracker_integration_id" is not null;