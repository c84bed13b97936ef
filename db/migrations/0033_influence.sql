CREATE TABLE "account_influence" (
	"run_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"score" double precision NOT NULL,
	"rank" integer NOT NULL,
	"members" integer NOT NULL,
	"reach_members" integer NOT NULL,
	"reach_accounts" integer NOT NULL,
	CONSTRAINT "account_influence_run_id_account_id_pk" PRIMARY KEY("run_id","account_id")
);
--> statement-breakpoint
CREATE UNLOGGED TABLE "influence_edges" (
	"run_id" uuid NOT NULL,
	"source_id" uuid NOT NULL,
	"target_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"interactions" integer NOT NULL,
	"weight" double precision NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	CONSTRAINT "influence_edges_run_id_target_id_source_id_kind_pk" PRIMARY KEY("run_id","target_id","source_id","kind"),
	CONSTRAINT "influence_edges_not_self" CHECK ("influence_edges"."source_id" <> "influence_edges"."target_id"),
	CONSTRAINT "influence_edges_kind" CHECK (kind in ('reply', 'reaction', 'vote', 'endorsement', 'proposal_comment', 'mention', 'coauthor', 'learning_confirmation', 'learning_correction'))
);
--> statement-breakpoint
CREATE TABLE "influence_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	"parameters" jsonb NOT NULL,
	"interactions" integer DEFAULT 0 NOT NULL,
	"edges" integer DEFAULT 0 NOT NULL,
	"members" integer DEFAULT 0 NOT NULL,
	"iterations" integer DEFAULT 0 NOT NULL,
	"duration_ms" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "member_influence" (
	"run_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"score" double precision NOT NULL,
	"rank" integer NOT NULL,
	"reach_members" integer NOT NULL,
	"reach_accounts" integer NOT NULL,
	CONSTRAINT "member_influence_run_id_user_id_pk" PRIMARY KEY("run_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "account_influence" ADD CONSTRAINT "account_influence_run_id_influence_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."influence_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_influence" ADD CONSTRAINT "account_influence_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_influence" ADD CONSTRAINT "member_influence_run_id_influence_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."influence_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_influence" ADD CONSTRAINT "member_influence_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "account_influence_rank_idx" ON "account_influence" USING btree ("run_id","rank");--> statement-breakpoint
CREATE INDEX "influence_edges_source_idx" ON "influence_edges" USING btree ("run_id","source_id");--> statement-breakpoint
CREATE INDEX "influence_runs_completed_idx" ON "influence_runs" USING btree ("completed_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "member_influence_rank_idx" ON "member_influence" USING btree ("run_id","rank");--> statement-breakpoint
CREATE INDEX "member_influence_user_idx" ON "member_influence" USING btree ("user_id","run_id");