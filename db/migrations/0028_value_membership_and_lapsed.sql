CREATE TYPE "public"."lapsed_action" AS ENUM('assigned', 'noted', 'emailed', 'handled', 'reopened');--> statement-breakpoint
CREATE TYPE "public"."lapsed_signal" AS ENUM('left_top_tier', 'went_quiet');--> statement-breakpoint
CREATE TYPE "public"."membership_invitation_state" AS ENUM('prepared', 'sent', 'dismissed');--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'membership_change';--> statement-breakpoint
CREATE TABLE "account_standings" (
	"as_of" date NOT NULL,
	"account_id" uuid NOT NULL,
	"revenue_cents" bigint NOT NULL,
	"gross_profit_cents" bigint NOT NULL,
	"lifetime_value_cents" bigint NOT NULL,
	"revenue_rank" integer NOT NULL,
	"tier" text NOT NULL,
	CONSTRAINT "account_standings_as_of_account_id_pk" PRIMARY KEY("as_of","account_id"),
	CONSTRAINT "account_standings_tier" CHECK ("account_standings"."tier" in ('top1', 'top10', 'rest'))
);
--> statement-breakpoint
CREATE TABLE "account_tier_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"from_tier" text NOT NULL,
	"to_tier" text NOT NULL,
	"import_id" uuid,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "email_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"updated_by_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lapsed_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"user_id" uuid,
	"signal" "lapsed_signal" NOT NULL,
	"signal_since" timestamp with time zone NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"owner_id" uuid,
	"handled_at" timestamp with time zone,
	"handled_by_id" uuid,
	"detected_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lapsed_entry_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"entry_id" uuid NOT NULL,
	"actor_id" uuid,
	"action" "lapsed_action" NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "membership_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"email" text NOT NULL,
	"tier_change_id" uuid,
	"state" "membership_invitation_state" DEFAULT 'prepared' NOT NULL,
	"invitation_id" uuid,
	"decided_by_id" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "internal_notes" DROP CONSTRAINT "internal_notes_one_target";--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "settled_tier" text DEFAULT 'rest' NOT NULL;--> statement-breakpoint
ALTER TABLE "community_settings" ADD COLUMN "value_membership" text DEFAULT 'off' NOT NULL;--> statement-breakpoint
ALTER TABLE "internal_notes" ADD COLUMN "account_id" uuid;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "alumni_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "account_standings" ADD CONSTRAINT "account_standings_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_tier_changes" ADD CONSTRAINT "account_tier_changes_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_tier_changes" ADD CONSTRAINT "account_tier_changes_import_id_account_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."account_imports"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_templates" ADD CONSTRAINT "email_templates_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lapsed_entries" ADD CONSTRAINT "lapsed_entries_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lapsed_entries" ADD CONSTRAINT "lapsed_entries_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lapsed_entries" ADD CONSTRAINT "lapsed_entries_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lapsed_entries" ADD CONSTRAINT "lapsed_entries_handled_by_id_users_id_fk" FOREIGN KEY ("handled_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lapsed_entry_events" ADD CONSTRAINT "lapsed_entry_events_entry_id_lapsed_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."lapsed_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lapsed_entry_events" ADD CONSTRAINT "lapsed_entry_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_invitations" ADD CONSTRAINT "membership_invitations_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_invitations" ADD CONSTRAINT "membership_invitations_tier_change_id_account_tier_changes_id_fk" FOREIGN KEY ("tier_change_id") REFERENCES "public"."account_tier_changes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_invitations" ADD CONSTRAINT "membership_invitations_invitation_id_invitations_id_fk" FOREIGN KEY ("invitation_id") REFERENCES "public"."invitations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_invitations" ADD CONSTRAINT "membership_invitations_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "account_standings_account_idx" ON "account_standings" USING btree ("account_id","as_of");--> statement-breakpoint
CREATE INDEX "account_tier_changes_account_idx" ON "account_tier_changes" USING btree ("account_id","changed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "lapsed_entries_subject_key" ON "lapsed_entries" USING btree ("account_id",coalesce("user_id", '00000000-0000-0000-0000-000000000000'::uuid),"signal");--> statement-breakpoint
CREATE INDEX "lapsed_entries_open_idx" ON "lapsed_entries" USING btree ("handled_at","signal_since");--> statement-breakpoint
CREATE INDEX "lapsed_entry_events_entry_idx" ON "lapsed_entry_events" USING btree ("entry_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "membership_invitations_prepared_key" ON "membership_invitations" USING btree ("account_id",lower("email")) WHERE "membership_invitations"."state" = 'prepared';--> statement-breakpoint
CREATE INDEX "membership_invitations_state_idx" ON "membership_invitations" USING btree ("state","created_at");--> statement-breakpoint
ALTER TABLE "internal_notes" ADD CONSTRAINT "internal_notes_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "internal_notes_account_idx" ON "internal_notes" USING btree ("account_id","created_at");--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_settled_tier" CHECK ("accounts"."settled_tier" in ('top1', 'top10', 'rest'));--> statement-breakpoint
ALTER TABLE "community_settings" ADD CONSTRAINT "community_settings_value_membership" CHECK ("community_settings"."value_membership" in ('off', 'review', 'send'));--> statement-breakpoint
ALTER TABLE "internal_notes" ADD CONSTRAINT "internal_notes_one_target" CHECK (num_nonnulls("internal_notes"."thread_id", "internal_notes"."backlog_item_id", "internal_notes"."account_id") = 1);--> statement-breakpoint
-- Every account's values, rank and tier as of each snapshot date on or after `since`, by the same
-- rule as the live account_tiers view (ties share a rank; no revenue is never a top tier). Called
-- by account-standing.server.ts whenever snapshots or the tier cut points change.
CREATE FUNCTION refresh_account_standings(since date) RETURNS void LANGUAGE sql AS $$
  DELETE FROM account_standings WHERE as_of >= since;
  INSERT INTO account_standings (as_of, account_id, revenue_cents, gross_profit_cents,
    lifetime_value_cents, revenue_rank, tier)
  SELECT d.as_of, v.account_id, v.revenue_cents, v.gross_profit_cents, v.lifetime_value_cents,
    v.revenue_rank,
    CASE
      WHEN v.revenue_cents <= 0 THEN 'rest'
      WHEN v.revenue_rank <= ceil(v.account_count * cs.top_tier_percent / 100.0) THEN 'top1'
      WHEN v.revenue_rank <= ceil(v.account_count * cs.high_tier_percent / 100.0) THEN 'top10'
      ELSE 'rest'
    END
  FROM (SELECT DISTINCT as_of FROM account_snapshots WHERE as_of >= since) d
  CROSS JOIN LATERAL (
    SELECT l.*, rank() OVER (ORDER BY l.revenue_cents DESC) AS revenue_rank,
      count(*) OVER () AS account_count
    FROM (
      SELECT DISTINCT ON (s.account_id) s.account_id, s.revenue_cents, s.gross_profit_cents,
        s.lifetime_value_cents
      FROM account_snapshots s
      WHERE s.as_of <= d.as_of
      ORDER BY s.account_id, s.as_of DESC
    ) l
  ) v
  CROSS JOIN community_settings cs
  WHERE cs.id = 1;
$$;
--> statement-breakpoint
SELECT refresh_account_standings('-infinity'::date);
--> statement-breakpoint
UPDATE accounts a SET settled_tier = t.tier FROM account_tiers t WHERE t.account_id = a.id;
