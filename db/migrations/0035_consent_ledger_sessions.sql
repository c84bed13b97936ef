CREATE TYPE "public"."consent_purpose" AS ENUM('observation', 'quote', 'evidence', 'credit');--> statement-breakpoint
CREATE TYPE "public"."consent_source" AS ENUM('asked', 'settings', 'my_data', 'migrated');--> statement-breakpoint
CREATE TABLE "sign_in_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"succeeded" boolean NOT NULL,
	"user_agent" text DEFAULT '' NOT NULL,
	"ip_address" text DEFAULT '' NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consent_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"purpose" "consent_purpose" NOT NULL,
	"answer" text,
	"version" smallint NOT NULL,
	"source" "consent_source" NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consent_events_answer" CHECK (answer is null or (purpose = 'credit' and answer in ('named', 'anonymous', 'none'))
  or (purpose <> 'credit' and answer in ('yes', 'no')))
);
--> statement-breakpoint
CREATE TABLE "member_consents" (
	"user_id" uuid NOT NULL,
	"purpose" "consent_purpose" NOT NULL,
	"answer" text,
	"version" smallint,
	"asked_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	CONSTRAINT "member_consents_user_id_purpose_pk" PRIMARY KEY("user_id","purpose"),
	CONSTRAINT "member_consents_answer" CHECK (answer is null or (purpose = 'credit' and answer in ('named', 'anonymous', 'none'))
  or (purpose <> 'credit' and answer in ('yes', 'no'))),
	CONSTRAINT "member_consents_answered" CHECK ((answer is null) = (answered_at is null))
);
--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "public_id" uuid DEFAULT gen_random_uuid() NOT NULL;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "created_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "last_used_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "user_agent" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "ip_address" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "sign_in_events" ADD CONSTRAINT "sign_in_events_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_events" ADD CONSTRAINT "consent_events_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_consents" ADD CONSTRAINT "member_consents_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sign_in_events_user_idx" ON "sign_in_events" USING btree ("user_id","at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "sign_in_events_at_idx" ON "sign_in_events" USING btree ("at");--> statement-breakpoint
CREATE INDEX "consent_events_user_idx" ON "consent_events" USING btree ("user_id","recorded_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "member_consents_purpose_answer_idx" ON "member_consents" USING btree ("purpose","answer");--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_public_id_unique" UNIQUE("public_id");--> statement-breakpoint
-- The credit answers recorded before the ledger, with their times: each becomes the current
-- state for "credit" (on the terms' first version) and one or two events (asked, answered).
INSERT INTO "member_consents" ("user_id", "purpose", "answer", "version", "asked_at", "answered_at")
SELECT "user_id", 'credit', "choice"::text, CASE WHEN "choice" IS NULL THEN NULL ELSE 1 END, "asked_at", CASE WHEN "choice" IS NULL THEN NULL ELSE coalesce("answered_at", "asked_at", now()) END
FROM "credit_consents";--> statement-breakpoint
INSERT INTO "consent_events" ("user_id", "purpose", "answer", "version", "source", "recorded_at")
SELECT "user_id", 'credit'::"consent_purpose", NULL, 1, 'migrated'::"consent_source", "asked_at" FROM "credit_consents" WHERE "asked_at" IS NOT NULL
UNION ALL
SELECT "user_id", 'credit'::"consent_purpose", "choice"::text, 1, 'migrated'::"consent_source", coalesce("answered_at", "asked_at", now()) FROM "credit_consents" WHERE "choice" IS NOT NULL;
